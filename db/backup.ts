// Backups of a register, and putting one back. Backups are taken with SQLite's online backup API,
// so a register in use is copied consistently; a restore checks the backup like any register
// before anything is replaced, and keeps the file it replaces.
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors';
import { inspectRegisterFile, type Register } from './register';
import { readMigrations } from './migrations';

export const BACKUP_POLICY = { keepLast: 10, monthsKept: 12 } as const;

/** `<folder>/<register name>-backups`, beside the register unless a folder is configured. */
export function backupFolderOf(registerPath: string, folder?: string): string {
  const name = path.basename(registerPath, path.extname(registerPath));
  return folder ?? path.join(path.dirname(registerPath), `${name}-backups`);
}

export const stampOf = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** A consistent copy of an open register at `target` (written beside it first, then renamed into place). */
export async function backupRegister(register: Register, target: string): Promise<string> {
  const full = path.resolve(target);
  if (full === register.path) throw new AppError('backup_onto_register', 'error.backup.ontoRegister', { path: full });
  mkdirSync(path.dirname(full), { recursive: true });
  const partial = `${full}.partial`;
  try {
    await register.sqlite.backup(partial);
    renameSync(partial, full);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new AppError('backup_failed', 'error.backup.failed', { path: full, reason: error instanceof Error ? error.message : String(error) });
  }
  return full;
}

/**
 * The backup taken at every open: the last ten are kept, and the newest of each month for a
 * year, so a mistake noticed months later can still be undone.
 */
export async function automaticBackup(register: Register, now: Date, folder?: string): Promise<string> {
  const dir = backupFolderOf(register.path, folder);
  const base = path.basename(register.path, path.extname(register.path));
  const target = await backupRegister(register, path.join(dir, `${base}-${stampOf(now)}.db`));
  pruneBackups(dir, base, now);
  return target;
}

export function pruneBackups(dir: string, base: string, now: Date): string[] {
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{8})-(\\d{6})\\.db$`);
  const backups = readdirSync(dir)
    .map((file) => ({ file, match: pattern.exec(file) }))
    .filter((b): b is { file: string; match: RegExpExecArray } => b.match !== null)
    .sort((a, b) => b.file.localeCompare(a.file)); // newest first: the stamp sorts as text
  const keep = new Set(backups.slice(0, BACKUP_POLICY.keepLast).map((b) => b.file));
  const oldestMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - BACKUP_POLICY.monthsKept + 1, 1));
  const monthsSeen = new Set<string>();
  for (const { file, match } of backups) {
    const month = match[1]?.slice(0, 6) ?? '';
    const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(4, 6)) - 1, 1));
    if (date >= oldestMonth && !monthsSeen.has(month)) {
      monthsSeen.add(month);
      keep.add(file);
    }
  }
  const removed = backups.filter((b) => !keep.has(b.file)).map((b) => b.file);
  for (const file of removed) rmSync(path.join(dir, file), { force: true });
  return removed;
}

/**
 * Puts a backup in the register's place. The backup is inspected first (a register, undamaged,
 * not from a newer version); the register it replaces is kept beside it as `.replaced-<time>`.
 * The register must be closed by the caller.
 */
export function restoreRegister(backup: string, registerPath: string, now: Date): { replacedKeptAs: string | null } {
  const source = path.resolve(backup);
  const target = path.resolve(registerPath);
  if (!statSync(source, { throwIfNoEntry: false })?.isFile()) throw new AppError('register_missing', 'error.register.missing', { path: source });
  inspectRegisterFile(source, readMigrations().length);
  const staged = `${target}.restoring`;
  copyFileSync(source, staged);
  let replacedKeptAs: string | null = null;
  if (statSync(target, { throwIfNoEntry: false })) {
    replacedKeptAs = `${target}.replaced-${stampOf(now)}`;
    renameSync(target, replacedKeptAs);
    for (const suffix of ['-wal', '-shm']) {
      if (statSync(target + suffix, { throwIfNoEntry: false })) renameSync(target + suffix, replacedKeptAs + suffix);
    }
  }
  renameSync(staged, target);
  return { replacedKeptAs };
}
