// Backups and restores on real register files: a backup is a register, the policy keeps what it
// promises, and a restore checks the backup before it replaces anything and keeps the old file.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { automaticBackup, backupRegister, BACKUP_POLICY, pruneBackups, restoreRegister } from '../../db/backup';
import { openRegister } from '../../db/register';
import { dispatch } from '../../electron/services/dispatch';
import { AppError } from '../../shared/errors';
import { cleanUp, countRows, folderState, openTestRegister, petitionForm, sha256, tempDir } from '../support/register';

afterEach(cleanUp);

describe('backups', () => {
  it('copies an open register consistently, and the copy opens as a register with the same rows', async () => {
    const { register, ctx, dir } = openTestRegister();
    expect(dispatch(ctx, 'petitions.create', petitionForm(), 'en').ok).toBe(true);
    const target = await backupRegister(register, path.join(dir, 'copy.db'));
    const copy = openRegister(target, { mustExist: true });
    try {
      expect(countRows(copy)).toEqual(countRows(register));
      expect((copy.sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>)[0]?.integrity_check).toBe('ok');
    } finally {
      copy.close();
    }
    expect(readdirSync(dir).some((f) => f.endsWith('.partial'))).toBe(false);
  });

  it('refuses to write a backup over the register itself', async () => {
    const { register } = openTestRegister();
    await expect(backupRegister(register, register.path)).rejects.toMatchObject({ code: 'backup_onto_register' });
  });

  it('takes a backup at open into the backups folder beside the register', async () => {
    const { register, dir } = openTestRegister();
    const written = await automaticBackup(register, new Date('2026-11-29T10:00:00Z'));
    expect(path.dirname(written)).toBe(path.join(dir, 'register-backups'));
    expect(path.basename(written)).toBe('register-20261129-100000.db');
  });

  it('keeps the last ten and the newest of each month for a year', () => {
    const dir = tempDir();
    const names: string[] = [];
    // Two backups a month for two years, then twelve on the last day.
    for (let m = 0; m < 24; m++) {
      const month = String((m % 12) + 1).padStart(2, '0');
      const year = 2025 + Math.floor(m / 12);
      names.push(`register-${year}${month}03-090000.db`, `register-${year}${month}20-090000.db`);
    }
    for (let h = 10; h < 22; h++) names.push(`register-20261231-${h}0000.db`);
    mkdirSync(dir, { recursive: true });
    for (const name of names) writeFileSync(path.join(dir, name), 'x');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a backup');

    pruneBackups(dir, 'register', new Date('2026-12-31T23:00:00Z'));
    const kept = readdirSync(dir).filter((f) => f.endsWith('.db')).sort();
    const lastTen = names.slice().sort().slice(-BACKUP_POLICY.keepLast);
    for (const name of lastTen) expect(kept).toContain(name);
    // One per month from January to November 2026 (December's newest is among the last ten).
    for (let month = 1; month <= 11; month++) expect(kept).toContain(`register-2026${String(month).padStart(2, '0')}20-090000.db`);
    expect(kept.some((f) => f.startsWith('register-2025'))).toBe(false);
    expect(kept).toHaveLength(BACKUP_POLICY.keepLast + 11);
    expect(existsSync(path.join(dir, 'notes.txt'))).toBe(true);
  });
});

describe('restore', () => {
  it('puts a backup in place and keeps the register it replaced', async () => {
    const { register, ctx, dir, file } = openTestRegister();
    const backup = await backupRegister(register, path.join(dir, 'before.db'));
    expect(dispatch(ctx, 'petitions.create', petitionForm(), 'en').ok).toBe(true);
    register.close();

    const { replacedKeptAs } = restoreRegister(backup, file, new Date('2026-11-29T10:00:00Z'));
    expect(replacedKeptAs).toBe(`${file}.replaced-20261129-100000`);
    const restored = openRegister(file, { mustExist: true });
    try {
      expect(countRows(restored).petitions).toBe(0);
    } finally {
      restored.close();
    }
    const kept = openRegister(replacedKeptAs ?? '', { mustExist: true });
    try {
      expect(countRows(kept).petitions).toBe(1);
    } finally {
      kept.close();
    }
  });

  it.each([
    ['a text file', (file: string) => writeFileSync(file, 'not a register'), 'register_not_register'],
    ['random bytes after a SQLite header', (file: string) => writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)])), 'register_corrupt'],
    ['a missing file', () => undefined, 'register_missing'],
  ])('refuses %s as a backup and leaves the register untouched', (_what, make, code) => {
    const { register, dir, file } = openTestRegister();
    register.close();
    const bad = path.join(dir, 'bad-backup.db');
    make(bad);
    const before = sha256(file);
    const state = folderState(dir);
    let thrown: unknown;
    try {
      restoreRegister(bad, file, new Date());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe(code);
    expect(sha256(file)).toBe(before);
    expect(folderState(dir)).toEqual(state);
  });
});
