// The register's list: one search box, filters, a sort on every column, a page of rows. Built to
// stay fast with a faculty's worth of petitions (see `boex bench` and the README's figures).
//
// A page is found in two steps. The inner query picks the page's petition ids, touching only the
// tables its sort needs; the outer query joins the student, course and institution of those ids
// alone. The inner query either walks the sort's index and stops after the page (when many
// petitions pass the filters), or gathers the few that pass and sorts them (when few do: a search,
// a meeting's agenda, a rare status). Statements are prepared once per shape of query and kept.
import { and, asc, count, desc, eq, fillPlaceholders, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import { courses, institutions, levelRankOf, petitions, severityRankOf, students } from '../../db/schema';
import type { RegisterDb } from '../../db/register';
import { addDays, parseLevel, waitingFor } from '../../shared/rules';
import type { PetitionListQuery, PetitionRow, RegisterSortColumn, RegisterStage } from '../../shared/schemas';
import { foldForSearch } from '../../shared/search';
import type { ServiceContext } from './context';
import { registerClock, type RegisterClock } from './deadline-settings';

export const levelRank = levelRankOf(courses.level);
export const severityRank = severityRankOf(petitions.findingSeverity);

type Walk = 'petitions' | 'students' | 'courses' | 'institutions';

/**
 * Each sort is a list of keys ending in the petition's id, chosen to be exactly the order of an
 * index walk (a name index, then the student's petitions by id), so walking never sorts.
 */
const SORT: Record<RegisterSortColumn, { walk: Walk; keys: SQL[] }> = {
  submittedOn: { walk: 'petitions', keys: [sql`${petitions.submittedOn}`, sql`${petitions.id}`] },
  status: { walk: 'petitions', keys: [sql`${petitions.status}`, sql`${petitions.submittedOn}`, sql`${petitions.id}`] },
  findings: { walk: 'petitions', keys: [severityRank, sql`${petitions.submittedOn}`, sql`${petitions.id}`] },
  studentNumber: { walk: 'students', keys: [sql`${students.studentNumber}`, sql`${petitions.id}`] },
  name: {
    walk: 'students',
    keys: [sql`${students.familyName} COLLATE NOCASE`, sql`${students.givenName} COLLATE NOCASE`, sql`${students.id}`, sql`${petitions.id}`],
  },
  course: { walk: 'courses', keys: [sql`${courses.title} COLLATE NOCASE`, sql`${courses.id}`, sql`${petitions.id}`] },
  ec: { walk: 'courses', keys: [sql`${courses.ec}`, sql`${courses.id}`, sql`${petitions.id}`] },
  level: { walk: 'courses', keys: [levelRank, sql`${courses.id}`, sql`${petitions.id}`] },
  institution: {
    walk: 'institutions',
    keys: [sql`${institutions.name} COLLATE NOCASE`, sql`${institutions.id}`, sql`${courses.code}`, sql`${petitions.id}`],
  },
};

/**
 * The search box: every word the user types must start a word of the petition's document
 * (student number, names, course code and title, institution, decision numbers), accents folded.
 * Words are quoted, so FTS operators and quotes are read literally; a query of punctuation only
 * ("%", "'") is looked for as typed.
 */
export function searchTerm(search: string): { match: string } | { like: string } | null {
  const text = foldForSearch(search.normalize('NFC').trim());
  if (text === '') return null;
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (words) return { match: words.map((word) => `"${word}"*`).join(' ') };
  return { like: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
}

// The stages of the board's work, each a correlated EXISTS on the petition's own indexes
// (agenda_items_petition_idx, advice_petition_idx, decisions_petition_idx). "Open" meetings are
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

/** A petition the board still has to decide: submitted or discussed, and no decision yet. */
export const awaitingDecision = sql`(${petitions.status} IN ('submitted', 'in_progress') AND NOT ${hasDecision})`;

const p = (name: string) => sql.placeholder(name);

/**
 * The filters as conditions on petitions alone (the institution's kind through the course), so
 * the count never joins and the inner query joins only for its sort. Values are placeholders:
 * one statement serves every query of the same shape. When the page walks its sort's index, each
 * column is written `+column`, which tells SQLite not to look it up by index: it then walks the
 * sort's index and checks the filters on the way, instead of gathering every match and sorting.
 */
function conditions(query: PetitionListQuery, walking: boolean): SQL | undefined {
  const c = (column: AnyColumn) => (walking ? sql`+${column}` : sql`${column}`);
  const search = searchTerm(query.search);
  return and(
    search === null
      ? undefined
      : 'match' in search
        ? sql`${c(petitions.id)} IN (SELECT rowid FROM petition_search WHERE petition_search MATCH ${p('search')})`
        : sql`${c(petitions.id)} IN (SELECT rowid FROM petition_search WHERE body LIKE ${p('search')} ESCAPE '\\')`,
    query.statuses.length > 0 ? inArray(c(petitions.status), query.statuses.map((_, i) => p(`status${i}`))) : undefined,
    query.institutionKinds.length > 0
      ? sql`${c(petitions.courseId)} IN (SELECT c.id FROM courses c JOIN institutions i ON i.id = c.institution_id
           WHERE i.kind IN (${sql.join(query.institutionKinds.map((_, i) => p(`kind${i}`)), sql`, `)}))`
      : undefined,
    query.academicYear !== null ? sql`${c(petitions.submittedOn)} BETWEEN ${p('yearFrom')} AND ${p('yearTo')}` : undefined,
    query.hasErrors ? sql`${c(petitions.findingSeverity)} = 'error'` : undefined,
    query.overdue ? and(awaitingDecision, sql`${c(petitions.submittedOn)} < ${p('dueBefore')}`) : undefined,
    query.stages.length > 0 ? sql`(${sql.join(query.stages.map((stage) => STAGE[stage]), sql` OR `)})` : undefined,
    query.meetingId !== null ? sql`${c(petitions.id)} IN (SELECT petition_id FROM agenda_items WHERE meeting_id = ${p('meetingId')})` : undefined,
  );
}

export function registerValues(query: PetitionListQuery, clock: RegisterClock): Record<string, unknown> {
  const search = searchTerm(query.search);
  const year = query.academicYear;
  return {
    ...(search && { search: 'match' in search ? search.match : search.like }),
    ...Object.fromEntries(query.statuses.map((status, i) => [`status${i}`, status])),
    ...Object.fromEntries(query.institutionKinds.map((kind, i) => [`kind${i}`, kind])),
    ...(year !== null && { yearFrom: `${year}-09-01`, yearTo: `${year + 1}-08-31` }),
    // Overdue: due before today (shared/rules/deadlines.ts), so submitted before today minus the term.
    ...(query.overdue && { dueBefore: addDays(clock.today, -7 * clock.termWeeks) }),
    meetingId: query.meetingId,
    limit: query.limit,
    offset: query.offset,
  };
}

/** The columns of a register row, wherever a petition is listed (the register, a meeting's agenda and candidates). */
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
  awaitingDecision: sql<number>`${awaitingDecision}`.mapWith(Number),
};
const ROW_FIELD_NAMES = Object.keys(rowFields) as Array<keyof typeof rowFields>;

const links = {
  student: eq(students.id, petitions.studentId),
  course: eq(courses.id, petitions.courseId),
  institution: eq(institutions.id, courses.institutionId),
};

/**
 * The page's ids. A CROSS JOIN fixes SQLite's join order: walking, from the sort's own table
 * (students by name, courses by title, …) down to the petitions; gathering, from the petitions
 * that pass the filters (an IN list of search hits or agenda items, or a petitions index).
 */
function pageIds(db: RegisterDb, query: PetitionListQuery, where: SQL | undefined, gather: boolean) {
  const { walk, keys } = SORT[query.sort];
  const direction = query.direction === 'asc' ? asc : desc;
  const ids = db.select({ id: petitions.id });
  const from =
    walk === 'petitions'
      ? ids.from(petitions).where(where)
      : walk === 'students'
        ? (gather ? ids.from(petitions).crossJoin(students) : ids.from(students).crossJoin(petitions)).where(and(links.student, where))
        : walk === 'courses'
          ? (gather ? ids.from(petitions).crossJoin(courses) : ids.from(courses).crossJoin(petitions)).where(and(links.course, where))
          : (gather
              ? ids.from(petitions).crossJoin(courses).crossJoin(institutions)
              : ids.from(institutions).crossJoin(courses).crossJoin(petitions)
            ).where(and(links.course, links.institution, where));
  return from
    .orderBy(...keys.map((key) => direction(key)))
    .limit(p('limit'))
    .offset(p('offset'));
}

/** The two statements behind a register page, as SQL with placeholders: the service prepares them once, the benchmark runs them raw. */
export function registerQueries(db: RegisterDb, query: PetitionListQuery, gather: boolean) {
  const direction = query.direction === 'asc' ? asc : desc;
  const rows = db
    .select(rowFields)
    .from(petitions)
    .crossJoin(students)
    .crossJoin(courses)
    .crossJoin(institutions)
    .where(and(links.student, links.course, links.institution, inArray(petitions.id, pageIds(db, query, conditions(query, !gather), gather))))
    .orderBy(...SORT[query.sort].keys.map((key) => direction(key)));
  // The register's size comes along for shouldGather: max(id) is one step down the table's b-tree.
  const total = db.select({ n: count(), all: sql<number>`(SELECT coalesce(max(id), 0) FROM petitions)` }).from(petitions).where(conditions(query, false));
  return { rows: rows.toSQL(), total: total.toSQL() };
}

/**
 * Gather and sort when walking would cost more: a walk reads about (offset + limit) × all ÷ total
 * petitions before the page is full, a sort reads the total once.
 */
export function shouldGather(query: PetitionListQuery, total: number, all: number): boolean {
  return (query.offset + query.limit) * all > total * total;
}

/** The shape of a query: everything that changes its SQL, nothing that is only a value. */
function shapeOf(query: PetitionListQuery, gather: boolean): string {
  const search = searchTerm(query.search);
  return JSON.stringify([
    search === null ? '' : 'match' in search ? 'match' : 'like',
    query.statuses.length,
    query.institutionKinds.length,
    query.academicYear !== null,
    query.hasErrors,
    query.overdue,
    [...query.stages].sort(),
    query.meetingId !== null,
    query.sort,
    query.direction,
    gather,
  ]);
}

interface Prepared {
  rows: Statement;
  rowParams: unknown[];
  total: Statement;
  totalParams: unknown[];
}
const preparedByRegister = new WeakMap<object, Map<string, Prepared>>();

function prepared(ctx: ServiceContext, query: PetitionListQuery, gather: boolean): Prepared {
  const { sqlite, db } = ctx.register;
  let cache = preparedByRegister.get(sqlite);
  if (!cache) preparedByRegister.set(sqlite, (cache = new Map()));
  const shape = shapeOf(query, gather);
  let entry = cache.get(shape);
  if (!entry) {
    const { rows, total } = registerQueries(db, query, gather);
    entry = { rows: sqlite.prepare(rows.sql).raw(true), rowParams: rows.params, total: sqlite.prepare(total.sql).raw(true), totalParams: total.params };
    cache.set(shape, entry);
  }
  return entry;
}

export function listPetitions(ctx: ServiceContext, query: PetitionListQuery): { rows: PetitionRow[]; total: number } {
  const clock = registerClock(ctx);
  const bound = registerValues(query, clock);
  const counting = prepared(ctx, query, false);
  const [total, all] = counting.total.get(...fillPlaceholders(counting.totalParams, bound)) as [number, number];
  if (total === 0) return { rows: [], total };
  const page = prepared(ctx, query, shouldGather(query, total, all));
  const rows = page.rows.all(...fillPlaceholders(page.rowParams, bound)) as unknown[][];
  return { total, rows: rows.map((values) => rowOf(values, clock)) };
}

type RowFields = Omit<PetitionRow, 'studentName' | 'level' | 'waitingDays' | 'overdue'> & {
  givenName: string;
  familyName: string;
  level: string;
  awaitingDecision: number | boolean;
};

/** A row of the register's statement, its columns in rowFields' order, as the UI shows it. */
function rowOf(values: unknown[], clock: RegisterClock): PetitionRow {
  const row = {} as Record<keyof RowFields, unknown>;
  for (let i = 0; i < ROW_FIELD_NAMES.length; i++) row[ROW_FIELD_NAMES[i]!] = values[i];
  return toRow(row as RowFields, clock);
}

/**
 * A register row as the UI shows it: the name whole, the level parsed, the decision clock where one
 * runs. Written out field by field: it runs for every row of every page.
 */
export function toRow(row: RowFields, clock: RegisterClock): PetitionRow {
  const waiting = row.awaitingDecision ? waitingFor(row.submittedOn, clock.today, clock.termWeeks) : null;
  return {
    id: row.id,
    studentNumber: row.studentNumber,
    studentName: `${row.givenName} ${row.familyName}`,
    courseCode: row.courseCode,
    courseTitle: row.courseTitle,
    institution: row.institution,
    institutionKind: row.institutionKind,
    ec: row.ec,
    level: parseLevel(row.level),
    status: row.status,
    submittedOn: row.submittedOn,
    findingSeverity: row.findingSeverity,
    waitingDays: waiting?.waitingDays ?? null,
    overdue: waiting?.overdue ?? false,
  };
}
