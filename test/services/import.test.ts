// The import through the API contract, as the UI calls it: real register files, dispatch, and the
// register's rows counted before and after. Bad files store nothing; a file imports whole or not
// at all; a file imported twice changes nothing the second time.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { decodeImportBytes } from '../../electron/services/import/file';
import type { CallOutput } from '../../shared/api';
import type { Language } from '../../shared/i18n';
import { csvOf, generatedCells, validCells, type CsvCells } from '../fixtures/import/rows';
import { cleanUp, countRows, dumpRows, openTestRegister, petitionForm, projectRoot, type TestRegister } from '../support/register';

afterEach(cleanUp);

const fixture = (name: string) => readFileSync(path.join(projectRoot, 'test/fixtures/import', name));

function previewOf(t: TestRegister, csv: string, lang: Language = 'en'): CallOutput<'petitions.importPreview'> {
  const result = dispatch(t.ctx, 'petitions.importPreview', { csv, fileName: 'petitions.csv', lang }, lang);
  if (!result.ok) throw new Error(`preview failed: ${result.error.message}`);
  return result.value as CallOutput<'petitions.importPreview'>;
}

function importOf(t: TestRegister, csv: string, lang: Language = 'en') {
  return dispatch(t.ctx, 'petitions.import', { csv, fileName: 'petitions.csv', lang }, lang);
}

function imported(t: TestRegister, csv: string): CallOutput<'petitions.import'> {
  const result = importOf(t, csv);
  if (!result.ok) throw new Error(`import failed: ${result.error.message}`);
  return result.value as CallOutput<'petitions.import'>;
}

const importAudits = (t: TestRegister) =>
  t.register.sqlite.prepare(`SELECT actor, entity_id, before, after FROM audit_log WHERE entity = 'import' AND action = 'import'`).all() as Array<{
    actor: string;
    entity_id: number | null;
    before: string | null;
    after: string;
  }>;

const three = () =>
  csvOf([
    validCells(),
    validCells({ student_number: 's2345678', given_name: 'Łukasz', family_name: 'Nowak', email: 'l.nowak@umail.leidenuniv.nl' }),
    validCells({
      student_number: 's3456789',
      given_name: 'Nguyễn',
      family_name: 'Thị Lan',
      course_code: 'CMD-IXD',
      course_title: 'Interaction Design',
      institution: 'Hogeschool Rotterdam',
      institution_kind: 'hbo',
      ec: '5',
      level: 'advanced',
    }),
  ]);

describe('preview', () => {
  it('lists what would be created and counts the new students, institutions and courses, reading only', () => {
    const t = openTestRegister();
    const before = dumpRows(t.register);
    const preview = previewOf(t, three());
    expect(dumpRows(t.register)).toEqual(before);
    expect(preview).toEqual({
      rows: 3,
      toCreate: [
        { line: 2, studentNumber: 's1234567', name: 'Zoë de Vries', courseCode: 'INFOMCV', courseTitle: 'Computer Vision', institution: 'Utrecht University' },
        { line: 3, studentNumber: 's2345678', name: 'Łukasz Nowak', courseCode: 'INFOMCV', courseTitle: 'Computer Vision', institution: 'Utrecht University' },
        { line: 4, studentNumber: 's3456789', name: 'Nguyễn Thị Lan', courseCode: 'CMD-IXD', courseTitle: 'Interaction Design', institution: 'Hogeschool Rotterdam' },
      ],
      alreadyPresent: [],
      problems: [],
      newStudents: 3,
      newInstitutions: 2,
      newCourses: 2,
    });
  });

  it('reuses what the register knows: students, institutions (in any case) and courses are not new', () => {
    const t = openTestRegister();
    expect(dispatch(t.ctx, 'petitions.create', petitionForm({ submittedOn: '2025-01-05' }), 'en').ok).toBe(true);
    const preview = previewOf(t, csvOf([validCells({ institution: 'utrecht university' })]));
    expect(preview).toMatchObject({ toCreate: [{ line: 2 }], newStudents: 0, newInstitutions: 0, newCourses: 0 });
  });

  it('finds petitions already in the register by student, institution (any case), course code and submission date', () => {
    const t = openTestRegister();
    const created = dispatch(t.ctx, 'petitions.create', petitionForm(), 'en');
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: number }).id;
    const csv = csvOf([
      validCells({ institution: 'UTRECHT UNIVERSITY', submitted_on: '10-02-2025', motivation: 'Said otherwise.' }),
      validCells({ submitted_on: '2025-02-11' }),
    ]);
    const preview = previewOf(t, csv);
    expect(preview.alreadyPresent).toEqual([expect.objectContaining({ line: 2, studentNumber: 's1234567', petitionId: id })]);
    expect(preview.toCreate.map((r) => r.line)).toEqual([3]);
  });

  it('finds in the preview, with lines, what the petition service would refuse at import', () => {
    const t = openTestRegister();
    expect(dispatch(t.ctx, 'petitions.create', petitionForm(), 'en').ok).toBe(true);
    const csv = csvOf([
      validCells({ given_name: 'Zoe', submitted_on: '2025-03-01' }),
      validCells({ student_number: 's2345678', given_name: 'Łukasz', institution: 'utrecht university', institution_kind: 'hbo' }),
    ]);
    expect(previewOf(t, csv).problems).toEqual([
      {
        line: 2,
        column: 'student_number',
        message:
          'Line 2, column student_number: student number s1234567 belongs to Zoë de Vries in the register. Check the student number, or correct the student on their page.',
      },
      {
        line: 3,
        column: 'institution_kind',
        message: 'Line 3, column institution_kind: Utrecht University is in the register as Research university. Choose that kind, or correct the institution first.',
      },
    ]);
    const nl = previewOf(t, csv, 'nl').problems;
    expect(nl[0]?.message).toBe(
      'Regel 2, kolom student_number: studentnummer s1234567 hoort in het register bij Zoë de Vries. Controleer het studentnummer, of corrigeer de student op diens pagina.',
    );
  });

  it('finds a file that contradicts itself: one student with two names, one institution of two kinds, one course told two ways', () => {
    const t = openTestRegister();
    const csv = csvOf([
      validCells(),
      validCells({ given_name: 'Zoey', course_code: 'INFOMOV', course_title: 'Optimization' }),
      validCells({ student_number: 's2345678', given_name: 'Łukasz', institution_kind: 'applied sciences', course_code: 'X1' }),
      validCells({ student_number: 's3456789', given_name: 'Øyvind', ec: '5', level: '400' }),
      validCells({ student_number: 's4567890', given_name: 'Дмитрий', course_title: 'computer VISION' }),
    ]);
    const preview = previewOf(t, csv);
    expect(preview.problems.map((p) => p.message)).toEqual([
      'Line 3, column student_number: student number s1234567 belongs to Zoë de Vries on line 2. Check the student number, or write the name the same way on both rows.',
      'Line 4, column institution_kind: Utrecht University has the kind "Research university" on line 2. Give the institution the same kind on every row.',
      'Line 5, column ec: course INFOMCV at Utrecht University is described differently on line 2 (ec, level). A course has one title, EC, level and honours value: make the rows agree.',
    ]);
    // A title that differs only in case is the same title, as the service compares names.
    expect(preview.toCreate.map((r) => r.line)).toEqual([2, 6]);
  });
});

describe('import', () => {
  it('stores every row with its student, institution and course, and one audit row for the import', () => {
    const t = openTestRegister();
    const csv = three();
    const result = imported(t, csv);
    expect(result).toMatchObject({ rows: 3, created: 3, alreadyPresent: [], problems: [], newStudents: 3, newInstitutions: 2, newCourses: 2 });
    expect(countRows(t.register)).toMatchObject({ petitions: 3, students: 3, institutions: 2, courses: 2 });
    const audits = importAudits(t);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: 'secretary', entity_id: null, before: null });
    expect(JSON.parse(audits[0]?.after ?? '{}')).toEqual({
      fileName: 'petitions.csv',
      rows: 3,
      created: 3,
      alreadyPresent: 0,
      sha256: createHash('sha256').update(csv).digest('hex'),
    });
    const listed = dispatch(t.ctx, 'petitions.list', {}, 'en');
    expect(listed.ok && (listed.value as { total: number }).total).toBe(3);
  });

  it('imports the fixtures as spreadsheets write them: a Dutch Excel file and a web form export', () => {
    const t = openTestRegister();
    for (const name of ['excel-nl.csv', 'web-form.csv']) {
      const bytes = fixture(name);
      const csv = decodeImportBytes(bytes);
      expect(imported(t, csv)).toMatchObject({ created: 3, problems: [] });
      // The text handed over is the file byte for byte, BOM and all, so the audit's hash is the file's.
      const after = JSON.parse(importAudits(t).at(-1)?.after ?? '{}') as { sha256: string };
      expect(after.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const petition = t.register.sqlite
      .prepare(
        `SELECT p.course_start_date, p.submitted_on, p.motivation, c.ec, c.honours, i.kind FROM petitions p
         JOIN courses c ON c.id = p.course_id JOIN institutions i ON i.id = c.institution_id JOIN students s ON s.id = p.student_id
         WHERE s.student_number = ?`,
      )
      .get('s4567890');
    expect(petition).toEqual({
      course_start_date: '2025-11-10',
      submitted_on: '2025-09-20',
      motivation: 'I want to build games.\nThe course covers engines.\nIt fits my thesis.',
      ec: 7.5,
      honours: 0,
      kind: 'university',
    });
  });

  it('is idempotent: the same file again creates nothing and changes no row', () => {
    const t = openTestRegister();
    const csv = three();
    imported(t, csv);
    const before = dumpRows(t.register);
    const again = imported(t, csv);
    expect(again.created).toBe(0);
    expect(again.toCreate).toEqual([]);
    expect(again.alreadyPresent.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(dumpRows(t.register)).toEqual(before);
  });

  it('creates only the new rows of a file that grew since its last import', () => {
    const t = openTestRegister();
    imported(t, csvOf([validCells()]));
    const grown = imported(t, three());
    expect(grown).toMatchObject({ created: 2, alreadyPresent: [{ line: 2 }] });
    expect(countRows(t.register).petitions).toBe(3);
  });

  it('is atomic: 50 good rows and 1 bad one store nothing, and the sentence says why', () => {
    const t = openTestRegister();
    const rows = Array.from({ length: 51 }, (_, n) => generatedCells(n));
    rows[37] = { ...generatedCells(37), ec: 'abc' };
    const before = dumpRows(t.register);
    const result = importOf(t, csvOf(rows));
    expect(result).toEqual({
      ok: false,
      error: { code: 'import_invalid', message: 'Nothing was stored. Line 39, column ec: enter the EC as a number above 0, e.g. 5 or 7.5.' },
    });
    expect(dumpRows(t.register)).toEqual(before);
  });

  it('counts the problems when there are several, in the language of the call', () => {
    const t = openTestRegister();
    const csv = csvOf([validCells({ ec: '0' }), validCells({ student_number: 's2345678', level: '350' })]);
    expect(importOf(t, csv)).toMatchObject({
      ok: false,
      error: {
        code: 'import_invalid',
        message: 'The file has 2 problems, so nothing was stored. Correct them (the preview lists each with its line) and import the file again.',
      },
    });
    expect(importOf(t, csv, 'nl')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Het bestand heeft 2 problemen, daarom is er niets opgeslagen\./) },
    });
  });

  it('checks again under the write lock: a student registered after the preview is refused with its line', () => {
    const t = openTestRegister();
    const csv = csvOf([validCells({ student_number: 's2345678', given_name: 'Łukasz' }), validCells()]);
    expect(previewOf(t, csv).problems).toEqual([]);
    expect(dispatch(t.ctx, 'petitions.create', petitionForm({ givenName: 'Zoe', submittedOn: '2025-01-01' }), 'en').ok).toBe(true);
    const before = dumpRows(t.register);
    const result = importOf(t, csv);
    expect(result).toMatchObject({ ok: false, error: { code: 'import_invalid', message: expect.stringContaining('Line 3, column student_number: student number s1234567 belongs to Zoe de Vries') } });
    expect(dumpRows(t.register)).toEqual(before);
  });

  it('takes English when the call names no language', () => {
    const t = openTestRegister();
    const result = dispatch(t.ctx, 'petitions.importPreview', { csv: '' }, 'nl');
    expect(result).toMatchObject({ ok: true, value: { problems: [{ message: expect.stringMatching(/^The file is empty\./) }] } });
  });
});

describe('bad input stores nothing', () => {
  const base = (change: Partial<CsvCells>) => csvOf([validCells(), validCells({ student_number: 's2345678', given_name: 'Łukasz', ...change })]);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256)]);

  it.each([
    ['a wrong header', 'Name;Course;EC\nZoë;INFOMCV;5\n', /^Line 1, column name: there is no column "name"/, 16],
    ['a missing column', csvOf([validCells()], { header: ['student_number', 'given_name', 'family_name', 'email', 'course_code', 'course_title', 'institution', 'institution_kind', 'country', 'level', 'start_date', 'honours', 'submitted_on', 'motivation'] }), /^Line 1, column ec: the column "ec" is missing/],
    ['an unknown institution kind', base({ institution_kind: 'polytechnic' }), /^Line 3, column institution_kind: enter leiden, university or applied_sciences/],
    ['an EC of 0', base({ ec: '0' }), /^Line 3, column ec: enter an EC between 0 and 60/],
    ['an EC of "abc"', base({ ec: 'abc' }), /^Line 3, column ec: enter the EC as a number above 0/],
    ['a level of 350', base({ level: '350' }), /^Line 3, column level: enter a level: 100 to 600/],
    ['an impossible date (2024-02-30)', base({ submitted_on: '2024-02-30' }), /^Line 3, column submitted_on: enter a real date/],
    ['a duplicate row', csvOf([validCells(), validCells()]), /^Line 3: this row is the same petition as line 2/],
    ['a 50 MB file', `${csvOf([validCells()])}${'x'.repeat(50 * 1024 * 1024)}`, /^The file is 50\.0 MB; an import takes at most 10\.0 MB\./],
    ['a file just over the limit', `${csvOf([validCells()])}${'x'.repeat(10 * 1024 * 1024)}`, /^The file is 10\.0 MB; an import takes at most 10\.0 MB\./],
    ['a binary file (a PNG)', decodeImportBytes(png), /^Line 3: this is not a CSV text file/],
    ['a file that is not UTF-8', decodeImportBytes(Buffer.from(base({ given_name: 'Łukasz Zoë' }), 'latin1')), /^Line 2: this file is not UTF-8 text/],
    ['an empty file', '', /^The file is empty\./],
    ['a header without rows', csvOf([]), /^The file has a header row but no petitions below it\./],
  ] as Array<[string, string, RegExp, number?]>)('%s', (_, csv, sentence, problems = 1) => {
    const t = openTestRegister();
    expect(dispatch(t.ctx, 'petitions.create', petitionForm({ studentNumber: 's9999999', submittedOn: '2025-01-01' }), 'en').ok).toBe(true);
    const before = countRows(t.register);
    const preview = previewOf(t, csv);
    expect(preview.problems).toHaveLength(problems);
    expect(preview.problems[0]?.message).toMatch(sentence);
    const result = importOf(t, csv);
    const message = problems === 1 ? `Nothing was stored. ${preview.problems[0]?.message}` : expect.stringMatching(`^The file has ${problems} problems`);
    expect(result).toMatchObject({ ok: false, error: { code: 'import_invalid', message } });
    expect(countRows(t.register)).toEqual(before);
  });
});

describe('a large file', () => {
  it('imports 1,000 generated rows in one transaction', () => {
    const t = openTestRegister();
    const csv = csvOf(Array.from({ length: 1000 }, (_, n) => generatedCells(n)));
    const before = countRows(t.register);
    const started = performance.now();
    const result = imported(t, csv);
    const ms = performance.now() - started;
    console.log(`import of 1,000 rows (${(csv.length / 1024).toFixed(0)} KB) through dispatch: ${ms.toFixed(0)} ms`);
    expect(result).toMatchObject({ rows: 1000, created: 1000, newStudents: 400, newInstitutions: 15, newCourses: 120 });
    expect(countRows(t.register)).toMatchObject({ petitions: 1000, students: 400, institutions: 15, courses: 120 });
    expect(importAudits(t)).toHaveLength(1);
    // One transaction: every row written by the import carries a time from inside it, after the audit rows before it.
    expect(countRows(t.register).audit_log - before.audit_log).toBe(1000 + 400 + 15 + 120 + 1);

    const startedAgain = performance.now();
    const again = imported(t, csv);
    console.log(`the same 1,000 rows again (all already present): ${(performance.now() - startedAgain).toFixed(0)} ms`);
    expect(again).toMatchObject({ created: 0 });
    expect(again.alreadyPresent).toHaveLength(1000);
  }, 60_000); // a figure, not a target: the machines are shared and noisy
});
