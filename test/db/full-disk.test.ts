// A full disk in the middle of a session: the write that does not fit is refused with a sentence,
// everything committed before it is intact, and once there is room again writing simply resumes.
// Two real limits: SQLite's own cap on the file's size (PRAGMA max_page_count, SQLITE_FULL), and
// the operating system's cap on a process's file size (ulimit -f, RLIMIT_FSIZE) in a child process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRegister } from '../../db/register';
import { dispatch } from '../../electron/services/dispatch';
import { translate } from '../../shared/i18n';
import { cleanUp, openTestRegister, petitionForm, projectRoot, tempDir, track } from '../support/register';

afterEach(cleanUp);

/** A petition of its own per index: a new student, course and institution each time, so every one grows the file. */
const nthPetition = (n: number) =>
  petitionForm({
    studentNumber: `s${String(2000000 + n)}`,
    familyName: `Student ${n}`,
    courseCode: `FULL${n}`,
    courseTitle: `Course number ${n} with a long enough title to fill a page or two ${'x'.repeat(200)}`,
    institution: `University ${n}`,
    motivation: `Motivation ${n}: ${'the course complements my thesis. '.repeat(20)}`,
  });

interface Listed {
  rows: Array<{ id: number; studentNumber: string }>;
  total: number;
}

describe('a full disk (SQLite size limit)', () => {
  it('refuses the write that does not fit with the disk-full sentence, loses nothing committed, and writes again once there is room', () => {
    const { register, ctx } = openTestRegister();
    const pages = register.sqlite.pragma('page_count', { simple: true }) as number;
    // A real limit of SQLite's: no page past this one can be written (checked with the WAL too).
    register.sqlite.pragma(`max_page_count = ${pages + 12}`);

    const committed: number[] = [];
    let refusal: unknown = null;
    for (let n = 0; n < 500 && refusal === null; n++) {
      const result = dispatch(ctx, 'petitions.create', nthPetition(n), 'nl');
      if (result.ok) committed.push((result.value as { id: number }).id);
      else refusal = result;
    }
    expect(committed.length).toBeGreaterThan(2);
    expect(refusal).toEqual({ ok: false, error: { code: 'disk_full', message: translate('nl', 'error.diskFull') } });
    expect(translate('en', 'error.diskFull')).toMatch(/disk is full.*free space.*try again.*nothing was lost/i);

    // Everything committed before the refusal is there, whole; the refused petition left nothing behind.
    const listed = dispatch(ctx, 'petitions.list', {}, 'en');
    expect(listed.ok).toBe(true);
    const { rows, total } = (listed as { value: Listed }).value;
    expect(total).toBe(committed.length);
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(committed);
    const orphans = register.sqlite.prepare(`SELECT count(*) AS n FROM students WHERE id NOT IN (SELECT student_id FROM petitions)`).get() as { n: number };
    expect(orphans.n).toBe(0);
    expect(register.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    // Room again: the same petition goes in.
    register.sqlite.pragma('max_page_count = 1073741823');
    const retried = dispatch(ctx, 'petitions.create', nthPetition(committed.length), 'en');
    expect(retried.ok).toBe(true);
    expect(((dispatch(ctx, 'petitions.list', {}, 'en') as { value: Listed }).value).total).toBe(committed.length + 1);

    // And after closing, a fresh open sees every committed petition.
    const file = register.path;
    register.close();
    const reopened = track(openRegister(file, { mustExist: true }));
    expect(reopened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((reopened.sqlite.prepare('SELECT count(*) AS n FROM petitions').get() as { n: number }).n).toBe(committed.length + 1);
  });
});

describe('a full disk (the operating system refuses to let the file grow: ulimit -f)', () => {
  it('a process writing petitions until the file may not grow loses nothing it committed; a process without the limit writes on', () => {
    const dir = tempDir();
    const file = path.join(dir, 'register.db');
    const script = path.join(projectRoot, 'test/db/full-disk-process.ts');
    const node = [process.execPath, '--import', 'tsx', script];
    // Creates the register without a limit, so only petitions run into it.
    const first = spawnSync(node[0] ?? '', [...node.slice(1), file, '0'], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });
    expect(first.status, first.stderr).toBe(0);
    const start = JSON.parse(first.stdout.trim().split('\n').pop() ?? '{}') as { committed: number; size: number };

    // ulimit -f counts blocks of 1024 bytes: let the files grow by about 96 KB beyond the register's size now.
    const blocks = Math.ceil(start.size / 1024) + 96;
    const limited = spawnSync('bash', ['-c', `ulimit -f ${blocks} && exec "$0" "$@"`, ...node, file, '400'], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });
    expect(limited.status, limited.stderr).toBe(0);
    const report = JSON.parse(limited.stdout.trim().split('\n').pop() ?? '{}') as {
      committed: number;
      refusal: { code: string; message: string } | null;
      integrity: string;
    };
    expect(report.committed).toBeGreaterThan(0);
    expect(report.refusal).toEqual({ code: 'disk_full', message: translate('en', 'error.diskFull') });
    expect(report.integrity).toBe('ok');

    // No limit: every petition the limited process committed is there, and writing works again.
    const after = spawnSync(node[0] ?? '', [...node.slice(1), file, '1'], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });
    expect(after.status, after.stderr).toBe(0);
    const resumed = JSON.parse(after.stdout.trim().split('\n').pop() ?? '{}') as { before: number; committed: number; refusal: unknown; integrity: string };
    expect(resumed.before).toBe(report.committed);
    expect(resumed).toMatchObject({ committed: 1, refusal: null, integrity: 'ok' });
  }, 120_000);
});
