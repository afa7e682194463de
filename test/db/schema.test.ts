// The register's own guards: whatever code writes to it (a service, an import, a future bug), the
// file refuses rows the board could never have meant. Raw SQL on purpose, past every service check.
import { is } from 'drizzle-orm';
import { SQLiteTable, getTableConfig } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as schema from '../../db/schema';
import { dispatch } from '../../electron/services/dispatch';
import { START, cleanUp, openTestRegister, type TestRegister } from '../support/register';

afterEach(cleanUp);

const at = START.toISOString();
type Row = Record<string, string | number | null>;

/** INSERT of one row by column name; returns its id. */
function insert(sqlite: Database.Database, table: string, row: Row): number {
  const columns = Object.keys(row);
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
  return Number(sqlite.prepare(sql).run(row).lastInsertRowid);
}

// One valid row per table; each case below spoils one column of it.
const valid = {
  institutions: (): Row => ({ name: 'Utrecht University', country: 'Netherlands', kind: 'university', created_at: at, updated_at: at }),
  courses: (institutionId: number): Row => ({
    institution_id: institutionId,
    code: 'INFOMCV',
    title: 'Computer Vision',
    ec: 7.5,
    level: 'master',
    created_at: at,
    updated_at: at,
  }),
  students: (): Row => ({
    student_number: 's1234567',
    given_name: 'Zoë',
    family_name: 'de Vries',
    email: 'z@example.org',
    created_at: at,
    updated_at: at,
  }),
  petitions: (studentId: number, courseId: number): Row => ({
    student_id: studentId,
    course_id: courseId,
    submitted_on: '2025-02-10',
    course_start_date: '2025-04-22',
    status: 'submitted',
    created_at: at,
    updated_at: at,
  }),
  meetings: (): Row => ({ body: 'boex', held_on: '2025-03-12', created_at: at, updated_at: at }),
  decisions: (petitionId: number, courseId: number, number: string, seq: number): Row => ({
    number,
    series: '24-25',
    seq,
    kind: 'individual',
    outcome: 'approved',
    petition_id: petitionId,
    course_id: courseId,
    credited_ec: 7,
    level: 'master',
    institution_name: 'Utrecht University',
    reasoning: 'Master level, on time.',
    decided_on: '2025-03-12',
    signatory: 'Prof. J. Jansen',
    created_at: at,
    created_by: 'secretary',
  }),
};

let t: TestRegister;
let sqlite: Database.Database;
let ids: { institution: number; course: number; student: number; petition: number; meeting: number };

beforeEach(() => {
  t = openTestRegister();
  sqlite = t.register.sqlite;
  const institution = insert(sqlite, 'institutions', valid.institutions());
  const course = insert(sqlite, 'courses', valid.courses(institution));
  const student = insert(sqlite, 'students', valid.students());
  const petition = insert(sqlite, 'petitions', valid.petitions(student, course));
  const meeting = insert(sqlite, 'meetings', valid.meetings());
  ids = { institution, course, student, petition, meeting };
});

/** The row of a table, valid but for a second student / institution so UNIQUE does not interfere. */
function freshRow(table: 'students' | 'institutions' | 'courses' | 'petitions'): Row {
  switch (table) {
    case 'students':
      return { ...valid.students(), student_number: 's7654321' };
    case 'institutions':
      return { ...valid.institutions(), name: 'Hogeschool Rotterdam' };
    case 'courses':
      return { ...valid.courses(ids.institution), code: 'INFOMOV' };
    case 'petitions':
      return valid.petitions(ids.student, ids.course);
  }
}

function sqliteError(write: () => unknown): { code: string; message: string } {
  try {
    write();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the register to refuse the row, but it was stored');
}

describe('CHECK constraints', () => {
  const refused: Array<{ what: string; table: 'students' | 'institutions' | 'courses' | 'petitions'; column: string; value: string | number | null; constraint: string }> = [
    { what: 'a student number without the s', table: 'students', column: 'student_number', value: '1234567', constraint: 'students_student_number_form' },
    { what: 'a student number with six digits', table: 'students', column: 'student_number', value: 's123456', constraint: 'students_student_number_form' },
    { what: 'a student number with a capital S', table: 'students', column: 'student_number', value: 'S1234567', constraint: 'students_student_number_form' },
    { what: 'a blank family name', table: 'students', column: 'family_name', value: '   ', constraint: 'students_names_present' },
    { what: 'an unknown institution kind', table: 'institutions', column: 'kind', value: 'college', constraint: 'institutions_kind_known' },
    { what: 'a blank institution name', table: 'institutions', column: 'name', value: ' ', constraint: 'institutions_name_present' },
    { what: 'a course of 0 EC', table: 'courses', column: 'ec', value: 0, constraint: 'courses_ec_positive' },
    { what: 'a course of 61 EC', table: 'courses', column: 'ec', value: 61, constraint: 'courses_ec_positive' },
    { what: 'a course of level 350', table: 'courses', column: 'level', value: '350', constraint: 'courses_level_known' },
    { what: 'a level written "Master"', table: 'courses', column: 'level', value: 'Master', constraint: 'courses_level_known' },
    { what: 'an unknown petition status', table: 'petitions', column: 'status', value: 'pending', constraint: 'petitions_status_known' },
    { what: 'submitted on 2024-02-30', table: 'petitions', column: 'submitted_on', value: '2024-02-30', constraint: 'petitions_submitted_on_date' },
    { what: 'submitted on 2023-02-29 (no leap year)', table: 'petitions', column: 'submitted_on', value: '2023-02-29', constraint: 'petitions_submitted_on_date' },
    { what: 'submitted on 2025-2-3', table: 'petitions', column: 'submitted_on', value: '2025-2-3', constraint: 'petitions_submitted_on_date' },
    { what: 'a start date in month 13', table: 'petitions', column: 'course_start_date', value: '2025-13-01', constraint: 'petitions_course_start_date' },
  ];

  it.each(refused)('refuse $what', ({ table, column, value, constraint }) => {
    const error = sqliteError(() => insert(sqlite, table, { ...freshRow(table), [column]: value }));
    expect(error.code).toBe('SQLITE_CONSTRAINT_CHECK');
    expect(error.message).toBe(`CHECK constraint failed: ${constraint}`);
  });

  // The same rows with a value at the edge of what is allowed are stored, so the refusals above are
  // the constraint's doing and not some other fault of the row.
  const accepted: Array<{ what: string; table: 'students' | 'institutions' | 'courses' | 'petitions'; column: string; value: string | number | null }> = [
    { what: 'student number s0000000', table: 'students', column: 'student_number', value: 's0000000' },
    { what: 'a HBO institution', table: 'institutions', column: 'kind', value: 'applied_sciences' },
    { what: 'a course of 0.5 EC', table: 'courses', column: 'ec', value: 0.5 },
    { what: 'a course of 60 EC', table: 'courses', column: 'ec', value: 60 },
    { what: 'a course of level 600', table: 'courses', column: 'level', value: '600' },
    { what: 'an introductory course', table: 'courses', column: 'level', value: 'introductory' },
    { what: 'a withdrawn petition', table: 'petitions', column: 'status', value: 'withdrawn' },
    { what: 'submitted on 2024-02-29 (leap year)', table: 'petitions', column: 'submitted_on', value: '2024-02-29' },
    { what: 'an unknown start date', table: 'petitions', column: 'course_start_date', value: null },
  ];

  it.each(accepted)('accept $what', ({ table, column, value }) => {
    const id = insert(sqlite, table, { ...freshRow(table), [column]: value });
    expect(sqlite.prepare(`SELECT ${column} AS value FROM ${table} WHERE id = ?`).get(id)).toEqual({ value });
  });
});

describe('UNIQUE indexes', () => {
  it('refuse a second student with the same student number', () => {
    const error = sqliteError(() => insert(sqlite, 'students', { ...valid.students(), given_name: 'Zoe' }));
    expect(error.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(error.message).toBe('UNIQUE constraint failed: students.student_number');
  });

  it('refuse a decision number used before, even in another series', () => {
    insert(sqlite, 'decisions', valid.decisions(ids.petition, ids.course, '24-25 LIACS 1', 1));
    const error = sqliteError(() => insert(sqlite, 'decisions', { ...valid.decisions(ids.petition, ids.course, '24-25 LIACS 1', 2), series: 'import' }));
    expect(error.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(error.message).toBe('UNIQUE constraint failed: decisions.number');
    // A different number is fine: the refusal is about the number only.
    insert(sqlite, 'decisions', valid.decisions(ids.petition, ids.course, '24-25 LIACS 2', 2));
  });

  it('refuse a second agenda item for the same petition in the same meeting, not in another', () => {
    const item = (meetingId: number, position: number): Row => ({ meeting_id: meetingId, petition_id: ids.petition, position, created_at: at });
    insert(sqlite, 'agenda_items', item(ids.meeting, 1));
    const error = sqliteError(() => insert(sqlite, 'agenda_items', item(ids.meeting, 2)));
    expect(error.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(error.message).toBe('UNIQUE constraint failed: agenda_items.meeting_id, agenda_items.petition_id');

    const later = insert(sqlite, 'meetings', { ...valid.meetings(), held_on: '2025-04-09' });
    insert(sqlite, 'agenda_items', item(later, 1));
  });
});

describe('foreign keys', () => {
  it('refuse a petition for a student who is not in the register', () => {
    const error = sqliteError(() => insert(sqlite, 'petitions', valid.petitions(ids.student + 100, ids.course)));
    expect(error.code).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
    expect(sqlite.prepare('SELECT count(*) AS n FROM petitions').get()).toEqual({ n: 1 });
  });

  it('refuse removing a student who still has a petition', () => {
    const error = sqliteError(() => sqlite.prepare('DELETE FROM students WHERE id = ?').run(ids.student));
    expect(error.code).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
  });
});

describe('the committed migrations', () => {
  // db/schema.ts and db/migrations must change together; a column or index added to one and not
  // the other shows up here, not in a secretary's register.
  const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));

  it.each(tables.map((table) => [getTableConfig(table).name, table] as const))('creates %s as db/schema.ts declares it', (name, table) => {
    const config = getTableConfig(table);
    const columns = sqlite.pragma(`table_info(${name})`) as Array<{ name: string; notnull: number }>;
    expect(columns.map((c) => [c.name, c.notnull === 1])).toEqual(config.columns.map((c) => [c.name, c.notNull]));

    const indexes = (sqlite.pragma(`index_list(${name})`) as Array<{ name: string; unique: number; origin: string }>)
      .filter((i) => i.origin === 'c')
      .map((i) => [i.name, i.unique === 1])
      .sort();
    expect(indexes).toEqual(config.indexes.map((i) => [i.config.name, i.config.unique]).sort());

    const ddl = (sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) as { sql: string }).sql;
    for (const check of config.checks) expect(ddl).toContain(`CONSTRAINT "${check.name}" CHECK`);
    expect(config.foreignKeys.length).toBe((sqlite.pragma(`foreign_key_list(${name})`) as unknown[]).length);
  });

  it('creates no ordinary table that db/schema.ts does not declare', () => {
    // Virtual tables (full-text search) and their shadow tables are hand-written SQL that drizzle
    // cannot declare; every ordinary table must come from the schema.
    const inFile = (sqlite.pragma('table_list') as Array<{ schema: string; name: string; type: string }>)
      .filter((r) => r.schema === 'main' && r.type === 'table' && !r.name.startsWith('sqlite_'))
      .map((r) => r.name)
      .sort();
    expect(inFile).toEqual(tables.map((table) => getTableConfig(table).name).sort());
  });
});

describe('query plans', () => {
  const plan = (sql: string, params: unknown[]) =>
    (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);

  /** The plan's steps, each marked when it belongs to the subquery that picks the page's ids. */
  function planTree(sql: string, params: unknown[]) {
    const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ id: number; parent: number; detail: string }>;
    const page = new Set<number>();
    for (const row of rows) if (/^LIST SUBQUERY/.test(row.detail) && row.parent === 0) page.add(row.id);
    for (const row of rows) if (page.has(row.parent)) page.add(row.id);
    return rows.filter((row) => !/^LIST SUBQUERY/.test(row.detail)).map((row) => ({ detail: row.detail, inPage: page.has(row.id) }));
  }

  /** The SQL the services really send: caught on its way into better-sqlite3. */
  function sqlSentBy(call: () => unknown): string[] {
    const prepare = vi.spyOn(sqlite, 'prepare');
    try {
      call();
      return prepare.mock.calls.map(([sql]) => sql);
    } finally {
      prepare.mockRestore();
    }
  }

  beforeEach(() => {
    // A register of some years: 60 students, 12 courses, 400 petitions. Without ANALYZE, as the
    // app runs, so the plan is the one a secretary gets.
    const student = sqlite.prepare(`INSERT INTO students (student_number, given_name, family_name, email, created_at, updated_at) VALUES (?, 'A', 'B', 'a@b.nl', ?, ?)`);
    const course = sqlite.prepare(`INSERT INTO courses (institution_id, code, title, ec, level, created_at, updated_at) VALUES (?, ?, 'Course', 5, '400', ?, ?)`);
    const petition = sqlite.prepare(`INSERT INTO petitions (student_id, course_id, submitted_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`);
    sqlite.transaction(() => {
      for (let s = 0; s < 60; s++) student.run(`s${String(2000000 + s)}`, at, at);
      for (let c = 0; c < 12; c++) course.run(ids.institution, `C${c}`, at, at);
      for (let p = 0; p < 400; p++) petition.run(2 + (p % 60), 2 + (p % 12), `202${p % 5}-0${1 + (p % 9)}-1${p % 10}`, at, at);
    })();
  });

  it("read the register's default list newest first through petitions_submitted_idx, without sorting", () => {
    const sent = sqlSentBy(() => expect(dispatch(t.ctx, 'petitions.list', {}, 'en')).toMatchObject({ ok: true }));
    const list = sent.find((sql) => /order by/i.test(sql));
    expect(list, `no ORDER BY among:\n${sent.join('\n')}`).toBeDefined();
    // The page's ids come from a walk down the index, newest first; only those are joined.
    expect(list).toMatch(/in \(select "id" from "petitions" order by "petitions"."submitted_on" desc, "petitions"."id" desc limit \? offset \?\)/i);

    const steps = planTree(list!, [100, 0]);
    const page = steps.filter((step) => step.inPage).map((step) => step.detail);
    expect(page).toEqual(['SCAN petitions USING COVERING INDEX petitions_submitted_idx']);
    // Each of the page's petitions finds its student, course and institution by primary key, not by a scan.
    for (const table of ['students', 'courses', 'institutions']) expect(steps.map((s) => s.detail)).toContain(`SEARCH ${table} USING INTEGER PRIMARY KEY (rowid=?)`);
  });

  it('find a student by student number through students_student_number_unique', () => {
    // The lookup petitions.create makes for every new petition.
    const form = { studentNumber: 's2000007', givenName: 'A', familyName: 'B', email: 'a@b.nl', courseCode: 'C1', courseTitle: 'Course', institution: 'Utrecht University', institutionKind: 'university', ec: 5, level: 400, submittedOn: '2025-02-10' };
    const sent = sqlSentBy(() => expect(dispatch(t.ctx, 'petitions.create', form, 'en')).toMatchObject({ ok: true }));
    const lookup = sent.find((sql) => /from "students" where "students"."student_number" = \?/i.test(sql));
    expect(lookup, `no student lookup among:\n${sent.join('\n')}`).toBeDefined();
    expect(plan(lookup!, ['s2000007'])).toEqual(['SEARCH students USING INDEX students_student_number_unique (student_number=?)']);
  });
});
