// The import stores its rows on statements of its own (import/store.ts) for speed. It must leave the
// register exactly as the petition service's storePetition would, row by row: the same students,
// institutions, courses and petitions, the same stored findings and the same audit rows. Two
// registers with the same history and one clock, one imported into and one filled by storePetition,
// must therefore hold the same rows, byte for byte.
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { refreshFindings } from '../../electron/services/findings';
import { readCsv } from '../../electron/services/import/csv';
import { planImport } from '../../electron/services/import/plan';
import { petitionsOf } from '../../electron/services/import/rows';
import { storePetition } from '../../electron/services/petitions';
import { csvOf, validCells } from '../fixtures/import/rows';
import { cleanUp, dumpRows, openTestRegister, petitionForm, START, type TestRegister } from '../support/register';

afterEach(cleanUp);

/** One instant for every call, so both registers write the same timestamps whatever they ask. */
const fixedClock = () => new Date(START);

function register(): TestRegister {
  const t = openTestRegister({ now: fixedClock });
  const create = (change: Parameters<typeof petitionForm>[0]) => {
    const result = dispatch(t.ctx, 'petitions.create', petitionForm(change), 'en');
    if (!result.ok) throw new Error(result.error.message);
  };
  // The register before the file: a student, an institution without a country, a course.
  create({});
  create({ studentNumber: 's7654321', givenName: 'Daan', familyName: 'Jansen', email: 'd.jansen@umail.leidenuniv.nl', submittedOn: '2025-01-15' });
  create({
    studentNumber: 's7654321',
    givenName: 'Daan',
    familyName: 'Jansen',
    email: 'd.jansen@umail.leidenuniv.nl',
    courseCode: 'ART-1',
    courseTitle: 'Drawing',
    institution: 'Kunstacademie Den Haag',
    institutionKind: 'applied_sciences',
    country: '',
    ec: 5,
    level: 'advanced',
    submittedOn: '2025-01-20',
  });
  return t;
}

/** Rows that reuse, correct and create every kind of thing a petition names. */
const file = csvOf([
  // Already present: skipped.
  validCells(),
  // A known student typed in other case with another e-mail: a correction of that student.
  validCells({ given_name: 'ZOË', family_name: 'De Vries', email: 'zoe@example.org', course_code: 'INFOMAI', course_title: 'Artificial Intelligence', submitted_on: '2025-02-11' }),
  // A known course with another title: a correction of that course, and findings refreshed for its students.
  validCells({
    student_number: 's2345678',
    given_name: 'Łukasz',
    family_name: 'Nowak',
    email: 'l.nowak@umail.leidenuniv.nl',
    course_title: 'Computer Vision and Imaging',
    submitted_on: '2025-02-12',
  }),
  // A known institution in other case, now with a country.
  validCells({
    student_number: 's3456789',
    given_name: 'Nguyễn',
    family_name: 'Thị Lan',
    email: 'n.lan@umail.leidenuniv.nl',
    course_code: 'ART-2',
    course_title: 'Painting',
    institution: 'KUNSTACADEMIE DEN HAAG',
    institution_kind: 'hbo',
    country: 'Netherlands',
    ec: '5',
    level: 'advanced',
    honours: 'yes',
    start_date: '',
    motivation: '',
  }),
  // A new student, institution and course; the same student again with another e-mail, and the
  // same course on another day (a duplicate the rules find).
  validCells({
    student_number: 's4567890',
    given_name: 'Øyvind',
    family_name: 'Berg',
    email: 'o.berg@umail.leidenuniv.nl',
    course_code: 'TDT4171',
    course_title: 'Methods in AI',
    institution: 'NTNU',
    country: 'Norway',
    ec: '30',
    submitted_on: '2025-03-01',
  }),
  validCells({
    student_number: 's4567890',
    given_name: 'Øyvind',
    family_name: 'Berg',
    email: 'oyvind@example.org',
    course_code: 'TDT4171',
    course_title: 'Methods in AI',
    institution: 'NTNU',
    country: 'Norway',
    ec: '30',
    submitted_on: '2025-03-02',
  }),
  // A known student's second petition, over the caps with the first.
  validCells({
    student_number: 's7654321',
    given_name: 'Daan',
    family_name: 'Jansen',
    email: 'd.jansen@umail.leidenuniv.nl',
    course_code: 'TDT4171',
    course_title: 'Methods in AI',
    institution: 'NTNU',
    country: 'Norway',
    ec: '30',
    submitted_on: '2025-03-03',
  }),
]);

/** The import as it was before import/store.ts: storePetition per row, then the findings per student. */
function storedByPetitionService(t: TestRegister, csv: string): void {
  const { ctx } = t;
  ctx.register.db.transaction(
    (tx) => {
      const plan = planImport(tx, petitionsOf(readCsv(csv).rows).valid);
      const students = new Set<number>();
      for (const row of plan.toCreate) students.add(storePetition(tx, ctx, row.input, { refresh: false }).studentId);
      for (const studentId of students) refreshFindings(tx, studentId);
    },
    { behavior: 'immediate' },
  );
}

describe('the import stores what storePetition stores', () => {
  it('leaves the same rows, findings and audit rows as the petition service, row by row', () => {
    const imported = register();
    const byService = register();
    expect(dumpRows(imported.register)).toEqual(dumpRows(byService.register));

    const result = dispatch(imported.ctx, 'petitions.import', { csv: file, fileName: 'petitions.csv', lang: 'en' }, 'en');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ created: 6, problems: [] });
    storedByPetitionService(byService, file);

    const after = dumpRows(imported.register);
    const expected = dumpRows(byService.register);
    // The import's own audit row comes last; everything before it is the petition service's.
    const importRow = after.audit_log.pop() as { entity: string; action: string };
    expect(importRow).toMatchObject({ entity: 'import', action: 'import' });
    expect(after).toEqual(expected);

    // The file did reach every branch compared above.
    const actions = (expected.audit_log as Array<{ action: string; entity: string }>).map((row) => `${row.action} ${row.entity}`);
    for (const branch of ['update student', 'update course', 'update institution', 'create institution', 'create course', 'create student']) {
      expect(actions).toContain(branch);
    }
    const severities = (expected.petitions as Array<{ finding_severity: string | null }>).map((row) => row.finding_severity);
    expect(severities.some((severity) => severity !== null)).toBe(true);
  });

  it('imports the same file a second time without a single change', () => {
    const t = register();
    const first = dispatch(t.ctx, 'petitions.import', { csv: file, fileName: 'petitions.csv', lang: 'en' }, 'en');
    if (!first.ok) throw new Error(first.error.message);
    const before = dumpRows(t.register);
    const again = dispatch(t.ctx, 'petitions.import', { csv: file, fileName: 'petitions.csv', lang: 'en' }, 'en');
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value).toMatchObject({ created: 0 });
    expect(dumpRows(t.register)).toEqual(before);
  });
});
