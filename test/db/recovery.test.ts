// A register that fails its integrity check at open: it is refused and not written to, and the way
// back is the newest backup that itself passes the checks (a newer damaged backup is passed over).
// The command line names that backup and the restore command in its refusal.
import { execFile } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreRegister } from '../../db/backup';
import { openRegister } from '../../db/register';
import { copyFileSync } from 'node:fs';
import { backupsOf, newestGoodBackup, withRecoveryAdvice } from '../../db/recovery';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { damagedRegisterWithBackups } from '../support/damaged-register';
import { cleanUp, folderState, projectRoot, tempDir, track } from '../support/register';

afterEach(cleanUp);

const execute = promisify(execFile);

function firstBytes(file: string): Buffer {
  const buffer = Buffer.alloc(statSync(file).size);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

describe('a register that fails its integrity check at open', () => {
  it('is refused and left byte for byte as it was, with every backup beside it', async () => {
    const { dir, file } = await damagedRegisterWithBackups();
    const before = folderState(dir);
    const bytes = firstBytes(file);
    expect(() => openRegister(file, { actor: 'secretary' })).toThrow(expect.objectContaining({ code: 'register_corrupt' }) as Error);
    expect(firstBytes(file).equals(bytes)).toBe(true);
    expect(folderState(dir)).toEqual(before);
  });

  it('is offered the newest backup that passes the checks, passing over a newer damaged one', async () => {
    const { file, good, damagedBackup, oldest } = await damagedRegisterWithBackups();
    expect(backupsOf(file)).toEqual([damagedBackup, good, oldest]);
    expect(newestGoodBackup(file)).toBe(good);
    // Only read: the damaged backup is as it was.
    expect(statSync(damagedBackup).size).toBeLessThan(statSync(good).size);

    const { replacedKeptAs } = restoreRegister(good, file, new Date('2026-11-29T08:00:00Z'));
    expect(replacedKeptAs).toBe(`${file}.replaced-20261129-080000`);
    const restored = track(openRegister(file, { mustExist: true }));
    expect((restored.sqlite.prepare('SELECT count(*) AS n FROM petitions').get() as { n: number }).n).toBe(2);
  });

  it('counts a backup made with Back up now by its time stamp, among the automatic ones', async () => {
    const { file, good, damagedBackup, oldest } = await damagedRegisterWithBackups();
    // A manual copy of the good backup, stamped a second after the newest (damaged) automatic one,
    // which was taken at 09:00:00.
    const later = /-(\d{8}-\d{6})\.db$/.exec(damagedBackup)![1]!.replace(/090000$/, '090001');
    const manual = path.join(path.dirname(good), `${path.basename(file, '.db')}-manual-${later}.db`);
    copyFileSync(good, manual);
    expect(backupsOf(file)).toEqual([manual, damagedBackup, good, oldest]);
    expect(newestGoodBackup(file)).toBe(manual);
  });

  it('has no backup to offer when there is none, or none that passes', () => {
    const dir = tempDir();
    expect(newestGoodBackup(path.join(dir, 'register.db'))).toBeNull();
  });

  it('names the newest good backup and the restore command in its refusal; other errors are left alone', async () => {
    const { file, good } = await damagedRegisterWithBackups();
    let refusal: unknown;
    try {
      openRegister(file);
    } catch (error) {
      refusal = error;
    }
    const advised = withRecoveryAdvice(refusal);
    expect(advised).toMatchObject({ code: 'register_corrupt', key: 'error.register.corruptWithBackup', params: { path: file, backup: good } });
    const other = new AppError('register_newer', 'error.register.newer', { path: file, found: 9, known: 1 });
    expect(withRecoveryAdvice(other)).toBe(other);
  });

  it('on the command line: the refusal names the backup and the boex restore command, which then brings the register back', async () => {
    const { file, good, dir } = await damagedRegisterWithBackups();
    const bin = path.join(projectRoot, 'bin/boex.js');
    const env = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };
    const refused = await execute(process.execPath, [bin, 'check', '--register', file], { cwd: projectRoot, env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect('code' in refused ? refused.code : 0).toBe(2);
    const stderr = 'stderr' in refused ? refused.stderr.trim() : '';
    expect(stderr).toBe(translate('en', 'error.register.corruptWithBackup', { path: file, backup: good }));
    expect(stderr).toContain(`boex restore --register "${file}" --from "${good}"`);

    await execute(process.execPath, [bin, 'restore', '--register', file, '--from', good], { cwd: projectRoot, env });
    const healthy = await execute(process.execPath, [bin, 'check', '--register', file], { cwd: projectRoot, env });
    expect(healthy.stdout).toContain(translate('en', 'cli.healthy', { path: file }));
    // The damaged register is kept beside it, never deleted.
    expect(Object.keys(folderState(dir)).some((name) => name.startsWith('register.db.replaced-'))).toBe(true);
  }, 120_000);
});
