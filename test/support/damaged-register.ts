// Registers damaged the way a failing disk damages them, with automatic backups beside them: what
// the recovery suites (test/db/recovery.test.ts, test/electron/shell.test.ts) start from.
import { closeSync, mkdirSync, openSync, statSync, truncateSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { automaticBackup } from '../../db/backup';
import { openRegister } from '../../db/register';
import { dispatch } from '../../electron/services/dispatch';
import { petitionForm, steppingClock, tempDir } from './register';

/** Overwrites the page holding the petitions table's root with noise, as a failing disk might. */
export function damagePetitionsPage(file: string): void {
  // Read-write, though it only reads: a read-only connection to a WAL file leaves a -wal and -shm behind.
  const probe = new Database(file);
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  const root = (probe.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'petitions'`).get() as { rootpage: number }).rootpage;
  probe.close();
  const fd = openSync(file, 'r+');
  try {
    const noise = Buffer.alloc(pageSize, 0xa5);
    writeSync(fd, noise, 0, pageSize, (root - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/**
 * A register with three automatic backups a day apart (one, two and three petitions), the newest
 * of which was cut off while it was written; then the register itself is damaged.
 */
export async function damagedRegisterWithBackups(
  file = path.join(tempDir(), 'register.db'),
): Promise<{ dir: string; file: string; good: string; damagedBackup: string; oldest: string }> {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const register = openRegister(file, { actor: 'secretary' });
  const ctx = { register, actor: 'secretary', now: steppingClock() };
  const taken: string[] = [];
  for (const [day, studentNumber] of [
    ['2026-11-26', 's1000001'],
    ['2026-11-27', 's1000002'],
    ['2026-11-28', 's1000003'],
  ] as const) {
    expect(dispatch(ctx, 'petitions.create', petitionForm({ studentNumber }), 'en').ok).toBe(true);
    taken.push(await automaticBackup(register, new Date(`${day}T09:00:00Z`)));
  }
  register.close();
  const [oldest = '', good = '', damagedBackup = ''] = taken;
  truncateSync(damagedBackup, Math.floor(statSync(damagedBackup).size / 2));
  damagePetitionsPage(file);
  return { dir, file, good, damagedBackup, oldest };
}
