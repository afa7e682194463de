// What a person is offered when their register fails its check at open: the newest backup that
// would itself open. The damaged register is never written to; choosing the backup goes through
// restoreRegister, which keeps the damaged file beside the restored one.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors';
import { backupFolderOf } from './backup';
import { readMigrations } from './migrations';
import { inspectRegisterFile } from './register';

/** The backups of a register, automatic and made with Back up now, newest first by their time stamp. */
export function backupsOf(registerPath: string, backupDir?: string): string[] {
  const dir = backupFolderOf(path.resolve(registerPath), backupDir);
  const base = path.basename(registerPath, path.extname(registerPath));
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(?:manual-)?(\\d{8}-\\d{6})\\.db$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, stamp: pattern.exec(name)?.[1] }))
    .filter((b): b is { name: string; stamp: string } => b.stamp !== undefined)
    .sort((a, b) => b.stamp.localeCompare(a.stamp))
    .map((b) => path.join(dir, b.name));
}

/**
 * The newest backup that passes the same checks as a register at open (undamaged, a register,
 * not from a newer version), or null. A damaged backup (a disk that failed while it was written)
 * is passed over for the one before it. Each backup is only read.
 */
export function newestGoodBackup(registerPath: string, backupDir?: string, nativeBinding?: string): string | null {
  const known = readMigrations().length;
  for (const backup of backupsOf(registerPath, backupDir)) {
    try {
      inspectRegisterFile(backup, known, nativeBinding);
      return backup;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  return null;
}

/**
 * A damaged register's refusal, extended with the way back where there is one: the newest good
 * backup and the command that restores it. Any other error is returned as it is.
 */
export function withRecoveryAdvice(error: unknown, backupDir?: string): unknown {
  if (!(error instanceof AppError) || error.code !== 'register_corrupt') return error;
  const file = error.params.path;
  if (typeof file !== 'string') return error;
  const backup = newestGoodBackup(file, backupDir);
  if (!backup) return error;
  return new AppError('register_corrupt', 'error.register.corruptWithBackup', { path: file, backup });
}
