// `boex import` as a person runs it: the real command in a child process against a register file,
// with the exit code, what it prints, and the register's rows counted before and after.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../electron/services/import/file';
import { csvOf, validCells } from '../fixtures/import/rows';
import { cleanUp, countRows, openTestRegister, projectRoot } from '../support/register';

afterEach(cleanUp);

const run = promisify(execFile);

async function boex(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(projectRoot, 'bin/boex.js'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const fixture = (name: string) => path.join(projectRoot, 'test/fixtures/import', name);

describe('boex import', () => {
  it('imports a file, then finds it all present the second time', async () => {
    const t = openTestRegister();
    const first = await boex('import', '--register', t.file, fixture('web-form.csv'));
    expect(first).toEqual({
      code: 0,
      stdout: [
        'web-form.csv: 3 rows; to import: 3; already in the register: 0.',
        'New in the register: 3 students, 3 institutions, 3 courses.',
        'Imported 3 petitions; 0 were already in the register.',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(countRows(t.register)).toMatchObject({ petitions: 3, students: 3 });
    const before = countRows(t.register);

    const second = await boex('import', '--register', t.file, fixture('web-form.csv'));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Imported 0 petitions; 3 were already in the register.');
    expect(countRows(t.register)).toEqual(before);
  }, 60_000);

  it('lists every problem line by line, exits 2 and stores nothing', async () => {
    const t = openTestRegister();
    const before = countRows(t.register);
    const result = await boex('import', '--register', t.file, fixture('bad-rows.csv'));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('bad-rows.csv: 4 rows; to import: 0; already in the register: 0.\n');
    expect(result.stderr.split('\n')).toEqual([
      'Nothing was stored. Correct these problems and import the file again:',
      '  Line 2, column ec: enter an EC between 0 and 60; a course cannot be worth 0 EC or more than 60.',
      '  Line 3, column institution_kind: enter leiden, university or applied_sciences (hbo, wo, research university and applied sciences are understood too).',
      '  Line 3, column ec: enter the EC as a number above 0, e.g. 5 or 7.5.',
      '  Line 3, column level: enter a level: 100 to 600 for a Leiden course, or master, advanced or introductory for a course elsewhere.',
      '  Line 3, column honours: enter yes or no (true/false, ja/nee and 1/0 are understood too); an empty cell means no.',
      '  Line 3, column submitted_on: enter a real date as YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-02-01 or 01-02-2026.',
      '  Line 4: this row is the same petition as line 2: same student number, institution, course code and submission date. Remove one of the two rows.',
      '  Line 5, column submitted_on: enter a real date as YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-02-01 or 01-02-2026.',
      '',
    ]);
    expect(countRows(t.register)).toEqual(before);
  }, 60_000);

  it('speaks Dutch with --lang nl', async () => {
    const t = openTestRegister();
    const result = await boex('import', '--register', t.file, fixture('bad-rows.csv'), '--lang', 'nl');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Er is niets opgeslagen. Verbeter deze problemen en importeer het bestand opnieuw:');
    expect(result.stderr).toContain('  Regel 3, kolom ec: vul het aantal EC in als een getal boven 0, bijv. 5 of 7,5.');
  }, 60_000);

  it('refuses a binary file and a file over the size limit, storing nothing', async () => {
    const t = openTestRegister();
    const before = countRows(t.register);
    const png = path.join(t.dir, 'photo.csv');
    writeFileSync(png, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512)]));
    const binary = await boex('import', '--register', t.file, png);
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('  Line 3: this is not a CSV text file: it contains NUL bytes');

    const large = path.join(t.dir, 'large.csv');
    writeFileSync(large, `${csvOf([validCells()])}${'x'.repeat(MAX_IMPORT_BYTES)}`);
    const tooLarge = await boex('import', '--register', t.file, large);
    expect(tooLarge).toMatchObject({ code: 2, stdout: '' });
    expect(tooLarge.stderr).toMatch(/^The file is 10\.0 MB; an import takes at most 10\.0 MB\./);
    expect(countRows(t.register)).toEqual(before);
  }, 60_000);

  it('says what is wrong with the command: no register, no CSV file, a CSV that is not there', async () => {
    const t = openTestRegister();
    const noRegister = await boex('import', '--register', path.join(t.dir, 'missing.db'), fixture('web-form.csv'));
    expect(noRegister.code).toBe(2);
    expect(noRegister.stderr).toMatch(/^There is no register at .*missing\.db\./);

    const noFile = await boex('import', '--register', t.file);
    expect(noFile.code).toBe(64);
    expect(noFile.stderr).toContain('Give one CSV file to import');

    const missing = await boex('import', '--register', t.file, path.join(t.dir, 'nowhere.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^There is no file at .*nowhere\.csv\. Check the path of the CSV file\./);
  }, 60_000);
});
