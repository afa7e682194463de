// The register's list: one search box, filters, a sort on every column, a page of rows. Built to
// stay on indexes with a faculty's worth of petitions (see `boex bench`).
import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { courses, institutions, petitions, students } from '../../db/schema';
import { parseLevel } from '../../shared/rules';
import type { PetitionListQuery, PetitionRow, RegisterSortColumn, RegisterStage } from '../../shared/schemas';
import type { RegisterDb } from '../../db/register';
import type { ServiceContext } from './context';

/** Levels in the order a person reads them: introductory, advanced, master, then the higher Leiden levels. */
const levelRank = sql`CASE ${courses.level} WHEN '100' THEN 1 WHEN '200' THEN 2 WHEN 'introductory' THEN 2
  WHEN '300' THEN 3 WHEN 'advanced' THEN 3 WHEN '400' THEN 4 WHEN 'master' THEN 4 WHEN '500' THEN 5 ELSE 6 END`;
const severityRank = sql`CASE ${petitions.findingSeverity} WHEN 'error' THEN 3 WHEN 'warning' THEN 2 WHEN 'info' THEN 1 ELSE 0 END`;

const SORT: Record<RegisterSortColumn, SQL | SQL[]> = {
  studentNumber: sql`${students.studentNumber}`,
  name: [sql`${students.familyName} COLLATE NOCASE`, sql`${students.givenName} COLLATE NOCASE`],
  course: sql`${courses.title} COLLATE NOCASE`,
  institution: sql`${institutions.name} COLLATE NOCASE`,
  ec: sql`${courses.ec}`,
  level: levelRank,
  findings: severityRank,
  status: sql`${petitions.status}`,
  submittedOn: sql`${petitions.submittedOn}`,
};

/**
 * The search box: every word the user types must start a word of the petition's document
 * (student number, names, course code and title, institution, decision numbers), accents folded.
 * Words are quoted, so FTS operators and quotes are read literally; a query of punctuation only
 * ("%", "'") is looked for as typed.
 */
export function searchCondition(search: string): SQL | undefined {
  const text = search.normalize('NFC').trim();
  if (text === '') return undefined;
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (words) {
    const match = words.map((word) => `"${word}"*`).join(' ');
    return sql`${petitions.id} IN (SELECT rowid FROM petition_search WHERE petition_search MATCH ${match})`;
  }
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${petitions.id} IN (SELECT rowid FROM petition_search WHERE body LIKE ${like} ESCAPE '\\')`;
}

// The stages of the board's work, each a correlated EXISTS on the petition's own indexes
// (agenda_items_petition_idx, advice_petition_idx, decisions_petition_idx), so a filtered page
// still walks the petitions in the sort's order and stops after its rows. "Open" meetings are
// planned or held, not closed.
const openAgenda = (body: 'mt_board' | 'boex', also: SQL = sql`1`) =>
  sql`EXISTS (SELECT 1 FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id
     WHERE ai.petition_id = ${petitions.id} AND m.body = ${body} AND m.status IN ('planned', 'held') AND ${also})`;
const onNoOpenAgenda = sql`NOT EXISTS (SELECT 1 FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id
     WHERE ai.petition_id = ${petitions.id} AND m.status IN ('planned', 'held'))`;
const hasDecision = sql`EXISTS (SELECT 1 FROM decisions d WHERE d.petition_id = ${petitions.id})`;
const hasAdvice = sql`EXISTS (SELECT 1 FROM advice a WHERE a.petition_id = ${petitions.id} AND a.advice IN ('support', 'not_support'))`;
const STAGE: Record<RegisterStage, SQL> = {
  awaiting_agenda: sql`(${petitions.status} = 'submitted' AND ${onNoOpenAgenda})`,
  mt_agenda: openAgenda('mt_board', sql`NOT EXISTS (SELECT 1 FROM advice a WHERE a.agenda_item_id = ai.id)`),
  advised: sql`(${hasAdvice} AND NOT ${hasDecision} AND NOT ${openAgenda('boex')})`,
  boex_agenda: sql`(${openAgenda('boex')} AND NOT ${hasDecision})`,
  decided: hasDecision,
};

function conditions(query: PetitionListQuery): SQL | undefined {
  const year = query.academicYear;
  return and(
    searchCondition(query.search),
    query.statuses.length > 0 ? inArray(petitions.status, query.statuses) : undefined,
    query.institutionKinds.length > 0 ? inArray(institutions.kind, query.institutionKinds) : undefined,
    year !== null ? and(gte(petitions.submittedOn, `${year}-09-01`), lte(petitions.submittedOn, `${year + 1}-08-31`)) : undefined,
    query.hasErrors ? eq(petitions.findingSeverity, 'error') : undefined,
    query.stages.length > 0 ? sql`(${sql.join(query.stages.map((stage) => STAGE[stage]), sql` OR `)})` : undefined,
    // A meeting's agenda is short: its items, found by agenda_items_meeting_position_idx, bound the petitions.
    query.meetingId !== null ? sql`${petitions.id} IN (SELECT petition_id FROM agenda_items WHERE meeting_id = ${query.meetingId})` : undefined,
  );
}

/** The columns of a register row, wherever a petition is listed (the register, a meeting's candidates). */
export const rowFields = {
  id: petitions.id,
  studentNumber: students.studentNumber,
  givenName: students.givenName,
  familyName: students.familyName,
  courseCode: courses.code,
  courseTitle: courses.title,
  institution: institutions.name,
  institutionKind: institutions.kind,
  ec: courses.ec,
  level: courses.level,
  status: petitions.status,
  submittedOn: petitions.submittedOn,
  findingSeverity: petitions.findingSeverity,
  };
/**
 * SQLite's planner guesses the order of the joins from statistics, and for the register it often
 * guesses a walk over every petition followed by a sort. A CROSS JOIN fixes the order: from the
 * students' name index when sorting by name, from the petitions' own indexes when sorting or
 * filtering on petition columns (so a page stops after its rows); for course and institution
 * sorts the planner's choice (start from the course or institution index) is the right one.
 */
function joinedFor(db: RegisterDb, sort: RegisterSortColumn, where: SQL | undefined) {
  const fields = rowFields;
  const links = and(eq(students.id, petitions.studentId), eq(courses.id, petitions.courseId), eq(institutions.id, courses.institutionId));
  if (sort === 'name') {
    return db.select(fields).from(students).crossJoin(petitions).crossJoin(courses).crossJoin(institutions).where(and(links, where)).$dynamic();
  }
  if (sort === 'course' || sort === 'institution' || sort === 'ec') {
    return db
      .select(fields)
      .from(petitions)
      .innerJoin(students, eq(students.id, petitions.studentId))
      .innerJoin(courses, eq(courses.id, petitions.courseId))
      .innerJoin(institutions, eq(institutions.id, courses.institutionId))
      .where(where)
      .$dynamic();
  }
  return db.select(fields).from(petitions).crossJoin(students).crossJoin(courses).crossJoin(institutions).where(and(links, where)).$dynamic();
}

/** The two statements behind a register page, unexecuted: the service runs them, the benchmark compares them with raw SQL. */
export function registerQueries(db: RegisterDb, query: PetitionListQuery) {
  const where = conditions(query);
  const direction = query.direction === 'asc' ? asc : desc;
  const order = [SORT[query.sort]].flat().map((column) => direction(column));

  const rows = joinedFor(db, query.sort, where)
    .orderBy(...order, direction(petitions.id))
    .limit(query.limit)
    .offset(query.offset);
  // Counting needs the institution only to filter on its kind; without that, petitions alone are counted.
  const counting = db.select({ n: count() }).from(petitions).$dynamic();
  const total = (
    query.institutionKinds.length > 0
      ? counting.innerJoin(courses, eq(courses.id, petitions.courseId)).innerJoin(institutions, eq(institutions.id, courses.institutionId))
      : counting
  ).where(where);
  return { rows, total };
}

export function listPetitions(ctx: ServiceContext, query: PetitionListQuery): { rows: PetitionRow[]; total: number } {
  const statements = registerQueries(ctx.register.db, query);
  return {
    total: statements.total.get()?.n ?? 0,
    rows: statements.rows.all().map(toRow),
  };
}

type RowFields = Omit<PetitionRow, 'studentName' | 'level'> & { givenName: string; familyName: string; level: string };

export function toRow({ givenName, familyName, level, ...row }: RowFields): PetitionRow {
  return { ...row, studentName: `${givenName} ${familyName}`, level: parseLevel(level) };
}
