// A register that may only be read opens read-only (asked for with `readonly: true`, or because
// the file cannot be written): it lists, refuses every write with a sentence, and is not changed.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../db/migrations';
import { openRegister } from '../../db/register';
import { dispatch } from '../../electron/services/dispatch';
import { translate } from '../../shared/i18n';
import { AppError } from '../../shared/errors';
import { cleanUp, folderState, openTestRegister, petitionForm, projectRoot, sha256, tempDir, track } from '../support/register';

afterEach(cleanUp);

/** A register with one petition, closed, and the hash of its bytes. */
function closedRegisterWithPetition(): { dir: string; file: string; hash: string } {
  const t = openTestRegister();
  const created = dispatch(t.ctx, 'petitions.create', petitionForm(), 'en');
  expect(created.ok).toBe(true);
  t.register.close();
  return { dir: t.dir, file: t.file, hash: sha256(t.file) };
}

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readonly: true', () => {
  it('opens, lists, refuses a create with the read-only sentence, and leaves the file byte-for-byte as it was', () => {
    const { dir, file, hash } = closedRegisterWithPetition();
    const before = folderState(dir);
    const register = track(openRegister(file, { readonly: true }));
    expect(register.readOnly).toBe(true);
    const ctx = { register, actor: 'reader', now: () => new Date('2025-03-01T12:00:00.000Z') };

    expect(dispatch(ctx, 'petitions.list', {}, 'en')).toMatchObject({ ok: true, value: { total: 1 } });
    expect(dispatch(ctx, 'register.info', {}, 'en')).toMatchObject({ ok: true, value: { readOnly: true, counts: { petitions: 1 } } });
    for (const lang of ['en', 'nl'] as const) {
      const result = dispatch(ctx, 'petitions.create', petitionForm({ studentNumber: 's7654321' }), lang);
      expect(result).toEqual({ ok: false, error: { code: 'read_only', message: translate(lang, 'error.readOnly') } });
    }
    expect(translate('en', 'error.readOnly')).toMatch(/^This register is open read-only: .*nothing was changed\./);
    expect(dispatch(ctx, 'petitions.list', {}, 'en')).toMatchObject({ ok: true, value: { total: 1 } });
    register.close();
    expect(sha256(file)).toBe(hash);
    // The -wal and -shm a read-only connection makes are removed again (db/register.ts, removeLogLeftBehind).
    expect(folderState(dir)).toEqual(before);
  });

  it('a register opened the ordinary way says it is not read-only', () => {
    const t = openTestRegister();
    expect(t.register.readOnly).toBe(false);
    expect(dispatch(t.ctx, 'register.info', {}, 'en')).toMatchObject({ ok: true, value: { readOnly: false } });
  });

  it('refuses, with a sentence and without a change, a register that needs a migration first', () => {
    const migrations = readMigrations();
    if (migrations.length < 2) return; // only one schema version so far: nothing older to open
    const file = path.join(tempDir(), 'old.db');
    openRegister(file, { migrations: migrations.slice(0, 1) }).close();
    const hash = sha256(file);
    const before = folderState(path.dirname(file));
    const error = refusal(() => openRegister(file, { readonly: true }));
    expect(error.code).toBe('register_read_only_migration');
    expect(folderState(path.dirname(file))).toEqual(before);
    expect(translate('en', error.key, error.params)).toMatch(/can only be read here, and it needs updating/);
    expect(sha256(file)).toBe(hash);
  });

  it('refuses a file that does not exist instead of creating it', () => {
    const file = path.join(tempDir(), 'none.db');
    expect(refusal(() => openRegister(file, { readonly: true })).code).toBe('register_missing');
  });
});

describe('a register file this process may not write', () => {
  const runuser = spawnSync('runuser', ['--help'], { encoding: 'utf8' });
  const canRunAsNobody = process.getuid?.() === 0 && runuser.status === 0;
  const reason = canRunAsNobody ? '' : ' (skipped: needs root and runuser to open the file as user nobody)';

  it.skipIf(!canRunAsNobody)(`falls back to read-only when opened read-write: lists, refuses a create, changes nothing${reason}`, () => {
    const { dir, file, hash } = closedRegisterWithPetition();
    // Root may write any file; user nobody may read this one and create -wal/-shm beside it, not write it.
    chmodSync(dir, 0o1777);
    chmodSync(file, 0o644);
    const child = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '--import', 'tsx', path.join(projectRoot, 'test/support/open-readonly-process.ts'), file], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const seen = JSON.parse(child.stdout) as Record<string, unknown>;
    expect(seen).toMatchObject({
      readOnly: true,
      list: { ok: true, value: { total: 1 } },
      info: { ok: true, value: { readOnly: true } },
      create: { ok: false, error: { code: 'read_only', message: translate('en', 'error.readOnly') } },
    });
    expect(sha256(file)).toBe(hash);
  }, 60_000);
});

describe('a register in a folder this process may not write', () => {
  const runuser = spawnSync('runuser', ['--help'], { encoding: 'utf8' });
  const canRunAsNobody = process.getuid?.() === 0 && runuser.status === 0;
  const reason = canRunAsNobody ? '' : ' (skipped: needs root and runuser to open the file as user nobody)';
  const readOnlySentence = { code: 'read_only', message: translate('en', 'error.readOnly') };

  /** Opens the register as user nobody the ordinary way (test/support/open-readonly-folder-process.ts) and returns what it saw. */
  function openAsNobody(file: string): Record<string, unknown> {
    const script = path.join(projectRoot, 'test/support/open-readonly-folder-process.ts');
    const child = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '--import', 'tsx', script, file], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    return JSON.parse(child.stdout) as Record<string, unknown>;
  }

  // SQLite cannot make the -shm beside a WAL register here, so it is read immutable (db/register.ts, readOnlyAccess).
  for (const fileMode of [0o644, 0o666]) {
    const may = fileMode === 0o666 ? 'may' : 'may not';
    it.skipIf(!canRunAsNobody)(`opens read-only when the file itself ${may} be written: lists, refuses every write, changes nothing in the folder${reason}`, () => {
      const { dir, file, hash } = closedRegisterWithPetition();
      chmodSync(file, fileMode);
      chmodSync(dir, 0o555);
      const before = folderState(dir);
      expect(Object.keys(before)).toEqual(['register.db']);

      const seen = openAsNobody(file);
      expect(seen).toMatchObject({
        readOnly: true,
        list: { ok: true, value: { total: 1 } },
        info: { ok: true, value: { readOnly: true, counts: { petitions: 1 } } },
        listAfter: { ok: true, value: { total: 1 } },
      });
      const writes = seen.writes as Record<string, unknown>;
      expect(Object.keys(writes)).toHaveLength(5);
      for (const [name, result] of Object.entries(writes)) {
        const message = name === 'petitions.create' ? translate('nl', 'error.readOnly') : readOnlySentence.message;
        expect({ name, result }).toEqual({ name, result: { ok: false, error: { code: 'read_only', message } } });
      }
      expect(folderState(dir)).toEqual(before);
      expect(sha256(file)).toBe(hash);
    }, 60_000);
  }

  it.skipIf(!canRunAsNobody)(`reads the changes of a program that has it open (its -wal and -shm are beside it), without writing${reason}`, () => {
    const { dir, file } = closedRegisterWithPetition();
    chmodSync(dir, 0o555);
    // Root may write the folder: this connection is the other program, with a petition still in its -wal.
    const other = track(openRegister(file));
    other.sqlite.pragma('wal_autocheckpoint = 0');
    expect(dispatch({ register: other, actor: 'owner', now: () => new Date('2025-03-01T12:00:00.000Z') }, 'petitions.create', petitionForm({ studentNumber: 's1111111' }), 'en').ok).toBe(true);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const before = folderState(dir);

    const seen = openAsNobody(file);
    expect(seen).toMatchObject({ readOnly: true, list: { ok: true, value: { total: 2 } }, writes: { 'petitions.create': { ok: false, error: { code: 'read_only' } } } });
    expect(folderState(dir)).toEqual(before);
    other.close();
  }, 60_000);

  it.skipIf(!canRunAsNobody)(`refuses with a sentence, and changes nothing, a register whose committed changes are still in a -wal with no -shm${reason}`, () => {
    const { dir, file } = closedRegisterWithPetition();
    // What a program that ended without cleaning up leaves: a -wal holding a committed petition, no -shm.
    const other = openRegister(file);
    other.sqlite.pragma('wal_autocheckpoint = 0');
    expect(dispatch({ register: other, actor: 'owner', now: () => new Date('2025-03-01T12:00:00.000Z') }, 'petitions.create', petitionForm({ studentNumber: 's1111111' }), 'en').ok).toBe(true);
    copyFileSync(`${file}-wal`, `${file}-wal.kept`);
    other.close();
    renameSync(`${file}-wal.kept`, `${file}-wal`);
    expect(existsSync(`${file}-shm`)).toBe(false);
    chmodSync(dir, 0o555);
    const before = folderState(dir);

    const seen = openAsNobody(file);
    expect(seen).toEqual({
      refused: {
        en: { code: 'register_read_only_log', message: translate('en', 'error.register.readOnlyLog', { path: file }) },
        nl: { code: 'register_read_only_log', message: translate('nl', 'error.register.readOnlyLog', { path: file }) },
      },
    });
    expect(translate('en', 'error.register.readOnlyLog', { path: file })).toMatch(/Open it where the folder may be written, or ask whoever has it open to close that program/);
    expect(folderState(dir)).toEqual(before);
  }, 60_000);
});
