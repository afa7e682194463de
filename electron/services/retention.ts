// Retention: a student's personal data is kept for a set number of years after the last decision on
// their petitions, then purged. The purge keeps what the statistics count (petitions with their
// course, dates and status; decisions with number, outcome, EC and level; grades as results) under
// an anonymous student row, and removes the rest: names, number, e-mail, motivation, advice and
// decision reasoning, attachments, and the same values in the search index and the audit log.
// Deleted rows leave their bytes in free pages and in the write-ahead log, so the file is
// checkpointed and vacuumed afterwards: the register file then holds no trace of them.
import { and, eq, isNull, not, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Register } from '../../db/register';
import { advice, attachments, decisions, gradeRegistrations, petitions, settings, students } from '../../db/schema';
import { PURGED_STUDENT_PREFIX, type PetitionStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import {
  DEFAULT_RETENTION_YEARS,
  retentionSettings,
  type DueStudent,
  type PurgeBlock,
  type PurgeInput,
  type PurgeResult,
  type RetentionSettings,
} from '../../shared/retention';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { saveSetting } from './setting-store';
import { localDate } from './decision-numbers';
import { longDate, type Db } from './petition-facts';
import type { Tx } from './petitions';

const KEY = 'retention';

/** A petition in one of these statuses may still change, so its student's data is still needed. */
const OPEN_STATUSES: readonly PetitionStatus[] = ['draft', 'submitted', 'in_progress'];

/** What a purged student's name fields hold: the CHECK wants them non-empty. */
const PURGED_NAME = '—';

/**
 * `column IN (the list)` with the whole list as one JSON parameter: SQLite allows at most 32,766
 * variables in a statement, and a purge may name up to 100,000 students (house pattern, as in
 * import/plan.ts).
 */
function inList(column: SQLWrapper, values: readonly (number | string)[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

export function readRetentionSettings(db: Db): RetentionSettings {
  const row = db.select().from(settings).where(eq(settings.key, KEY)).get();
  const parsed = retentionSettings.safeParse(row?.value);
  return parsed.success ? parsed.data : { years: DEFAULT_RETENTION_YEARS };
}

export function getRetentionSettings(ctx: ServiceContext): RetentionSettings {
  return readRetentionSettings(ctx.register.db);
}

export function updateRetentionSettings(ctx: ServiceContext, input: RetentionSettings): RetentionSettings {
  refuseReadOnly(ctx);
  saveSetting(ctx, KEY, input, { read: readRetentionSettings });
  return getRetentionSettings(ctx);
}

interface Candidate extends DueStudent {
  id: number;
  open: number;
  /** Current grade registrations not yet exported to uSis. */
  unexported: number;
}

/** The date `years` after `date` (29 February falls on 1 March in a common year, as in SQLite). */
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Every student not yet purged, with the date their data falls due and whether a petition is open. */
function candidates(db: Db, years: number, numbers?: readonly string[]): Candidate[] {
  const open = sql.join(
    OPEN_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  // The subqueries name students.id in full: drizzle writes a bare "id", which the joins make ambiguous.
  const rows = db
    .select({
      id: students.id,
      studentNumber: students.studentNumber,
      givenName: students.givenName,
      familyName: students.familyName,
      studentChanged: students.updatedAt,
      lastDecisionOn: sql<string | null>`(SELECT max(d.decided_on) FROM decisions d JOIN petitions p ON p.id = d.petition_id WHERE p.student_id = students.id)`,
      lastChange: sql<string | null>`(SELECT max(p.updated_at) FROM petitions p WHERE p.student_id = students.id)`,
      petitionCount: sql<number>`(SELECT count(*) FROM petitions p WHERE p.student_id = students.id)`,
      open: sql<number>`(SELECT count(*) FROM petitions p WHERE p.student_id = students.id AND p.status IN (${open}))`,
      // A registered result that has not gone to uSis yet: purging first would send `purged-<id>` to the Student Administration.
      unexported: sql<number>`(SELECT count(*) FROM grade_registrations g JOIN petitions p ON p.id = g.petition_id
        WHERE p.student_id = students.id AND g.usis_exported_at IS NULL AND NOT EXISTS (SELECT 1 FROM grade_registrations r WHERE r.replaces_id = g.id))`,
    })
    .from(students)
    .where(numbers ? and(isNull(students.purgedOn), inList(students.studentNumber, numbers)) : isNull(students.purgedOn))
    .all();
  return rows.map((r) => {
    // A student whose petitions were all withdrawn (or who has none) was never decided on: their
    // data is kept from the last change instead, so it does not stay forever.
    const last = r.lastDecisionOn ?? (r.lastChange ?? r.studentChanged).slice(0, 10);
    return {
      id: r.id,
      studentNumber: r.studentNumber,
      name: `${r.givenName} ${r.familyName}`,
      lastDecisionOn: last,
      dueSince: addYears(last, years),
      petitionCount: r.petitionCount,
      open: r.open,
      unexported: r.unexported,
      blockedBy: blockOf(r.open, r.unexported),
    };
  });
}

/** What keeps a student's data although the period has passed; null when nothing does. */
function blockOf(open: number, unexported: number): PurgeBlock | null {
  if (open > 0) return 'open';
  if (unexported > 0) return 'unexported';
  return null;
}

/**
 * Every student past the retention period. Those who cannot be purged yet are listed too, with the
 * reason: an approval waiting for a grade that never comes would otherwise hide a student for ever.
 */
export function dueStudents(ctx: ServiceContext): DueStudent[] {
  const db = ctx.register.db;
  const today = localDate(ctx.now());
  return candidates(db, readRetentionSettings(db).years)
    .filter((c) => c.dueSince <= today)
    .map(({ id: _id, open: _open, unexported: _unexported, ...due }) => due)
    .sort((a, b) => Number(a.blockedBy !== null) - Number(b.blockedBy !== null) || a.dueSince.localeCompare(b.dueSince) || a.name.localeCompare(b.name));
}

/**
 * Removes the personal data of the given students in one transaction with its audit row, then
 * wipes the freed space. Refused whole (nothing changed) when the confirmed count differs, or any
 * student is unknown, already purged, not yet due, or has a petition still open.
 */
export function purgeStudents(ctx: ServiceContext, input: PurgeInput): PurgeResult {
  refuseReadOnly(ctx);
  const numbers = [...new Set(input.studentNumbers)];
  if (input.confirmCount !== numbers.length) {
    throw new AppError('purge_count_mismatch', 'retention.error.confirmCount', { count: numbers.length, confirmed: input.confirmCount });
  }
  const { sqlite } = ctx.register;
  // Deleted content is overwritten in place too, for the case where the file cannot be vacuumed.
  const secureDelete = sqlite.pragma('secure_delete', { simple: true }) as number;
  sqlite.pragma('secure_delete = ON');
  let counts: Omit<PurgeResult, 'compacted'>;
  try {
    counts = ctx.register.db.transaction((tx) => purgeIn(tx, ctx, numbers), { behavior: 'immediate' });
  } finally {
    sqlite.pragma(`secure_delete = ${secureDelete}`);
  }
  return { ...counts, compacted: compact(ctx) };
}

function purgeIn(tx: Tx, ctx: ServiceContext, numbers: string[]): Omit<PurgeResult, 'compacted'> {
  const years = readRetentionSettings(tx).years;
  const today = localDate(ctx.now());
  const found = new Map(candidates(tx, years, numbers).map((c) => [c.studentNumber, c]));
  for (const number of numbers) {
    const student = found.get(number);
    if (!student) throw new AppError('purge_unknown', 'retention.error.unknown', { studentNumber: number });
    if (student.open > 0) throw new AppError('purge_open', 'retention.error.open', { studentNumber: number, name: student.name, count: student.open });
    if (student.unexported > 0) throw new AppError('purge_unexported', 'retention.error.unexported', { studentNumber: number, name: student.name });
    if (student.dueSince > today) throw new AppError('purge_not_due', 'retention.error.notDue', { studentNumber: number, name: student.name, date: longDate(student.dueSince) });
  }
  const chosen = numbers.map((n) => found.get(n)).filter((c): c is Candidate => c !== undefined);
  const studentIds = chosen.map((c) => c.id);
  const petitionIds = tx.select({ id: petitions.id }).from(petitions).where(inList(petitions.studentId, studentIds)).all().map((p) => p.id);
  const identifiers = tx.select({ studentNumber: students.studentNumber, email: students.email }).from(students).where(inList(students.id, studentIds)).all();

  // The audit log first: which rows are the students' own is read from the rows still in place.
  redactAuditLog(tx, ctx.register.sqlite, studentIds, petitionIds, identifiers);
  const removedFiles = removeAttachments(tx, petitionIds);
  if (petitionIds.length > 0) {
    tx.update(petitions).set({ motivation: '' }).where(inList(petitions.id, petitionIds)).run();
    tx.update(advice).set({ reasoning: '' }).where(inList(advice.petitionId, petitionIds)).run();
    tx.update(decisions).set({ reasoning: '' }).where(inList(decisions.petitionId, petitionIds)).run();
  }
  const now = ctx.now().toISOString();
  // The search index follows through its trigger on students (migration 0001/0003).
  tx.update(students)
    .set({ studentNumber: sql`${PURGED_STUDENT_PREFIX} || ${students.id}`, givenName: PURGED_NAME, familyName: PURGED_NAME, email: '', purgedOn: today, updatedAt: now })
    .where(inList(students.id, studentIds))
    .run();
  // FTS5 keeps replaced terms in older index segments until they are merged: merge them all now.
  tx.run(sql`INSERT INTO petition_search (petition_search) VALUES ('optimize')`);

  const counts = { purged: studentIds.length, petitions: petitionIds.length, attachments: removedFiles };
  writeAudit(tx, ctx, { action: 'purge', entity: 'retention', entityId: null, before: null, after: { ...counts, years, studentIds } });
  return counts;
}

/**
 * Attachments go, except that a grade registration must keep pointing at its transcript: that
 * row stays as an empty file without a name.
 */
function removeAttachments(tx: Tx, petitionIds: number[]): number {
  if (petitionIds.length === 0) return 0;
  const ofPetitions = inList(attachments.petitionId, petitionIds);
  const count = tx.select({ n: sql<number>`count(*)` }).from(attachments).where(ofPetitions).get()?.n ?? 0;
  if (count === 0) return 0;
  const kept = sql`${attachments.id} IN (SELECT ${gradeRegistrations.transcriptAttachmentId} FROM ${gradeRegistrations})`;
  tx.update(attachments)
    .set({ fileName: PURGED_NAME, content: Buffer.alloc(0), sizeBytes: 0, sha256: '' })
    .where(and(ofPetitions, kept))
    .run();
  tx.delete(attachments).where(and(ofPetitions, not(kept))).run();
  return count;
}

/** Snapshot fields that hold no personal data or free text: a redacted audit row keeps only these. */
const KEPT_FIELDS = new Set([
  'status',
  'submittedOn',
  'courseStartDate',
  'courseId',
  'petitionId',
  'studentId',
  'meetingId',
  'decisionId',
  'agendaItemId',
  'gradeRegistrationId',
  'transcriptAttachmentId',
  'number',
  'series',
  'seq',
  'kind',
  'outcome',
  'creditedEc',
  'level',
  'institutionName',
  'institution',
  'institutionKind',
  'country',
  'courseCode',
  'courseTitle',
  'ec',
  'honours',
  'decidedOn',
  'replacesId',
  'citesDecisionId',
  'citesNumber',
  'advice',
  'position',
  'result',
  'convertedGrade',
  'registeredOn',
  'mediaType',
]);

function redacted(snapshot: unknown): Record<string, unknown> | null {
  if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot)) return snapshot === null ? null : { redacted: true };
  const kept = Object.entries(snapshot).filter(([k, v]) => KEPT_FIELDS.has(k) && (v === null || ['string', 'number', 'boolean'].includes(typeof v)));
  return { ...Object.fromEntries(kept), redacted: true };
}

type Identifiers = Array<{ studentNumber: string; email: string }>;

interface AuditCandidate {
  id: number;
  before: string | null;
  after: string | null;
  /** 1 when the row is one of the purged students' own: both snapshots are redacted. */
  owned: number;
  /** 1 when that snapshot names a purged student by number or e-mail. */
  named_before: number;
  named_after: number;
}

/**
 * The audit rows that concern the purged students, found in SQL (the log can be large, and other
 * students' rows must stay as they are): rows of the students themselves, of their petitions, and
 * of those petitions' attachments, advice, decisions and grade registrations (by entity and id, or
 * by the petition their snapshot names, as a deleted attachment's row does); plus any other row
 * whose snapshot holds one of their student numbers or e-mail addresses as that field (a petition
 * moved from them to another student). Each list is one JSON parameter, read once.
 */
function auditRowsOf(tx: Tx, studentIds: number[], petitionIds: number[], identifiers: Identifiers): AuditCandidate[] {
  const list = (values: readonly (number | string)[]) => sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
  const emails = identifiers.map((i) => i.email).filter((e) => e.trim() !== '');
  const part = (entity: string, table: string) => sql`(a.entity = ${entity} AND a.entity_id IN (SELECT t.id FROM ${sql.identifier(table)} t WHERE t.petition_id IN purged_petition))`;
  const named = (side: 'before' | 'after') =>
    sql`(json_extract(a.${sql.raw(side)}, '$.studentNumber') IN purged_number OR json_extract(a.${sql.raw(side)}, '$.email') IN purged_email)`;
  return tx.all<AuditCandidate>(sql`
    WITH purged_student(id) AS ${list(studentIds)},
      purged_petition(id) AS ${list(petitionIds)},
      purged_number(value) AS ${list(identifiers.map((i) => i.studentNumber))},
      purged_email(value) AS ${list(emails)},
      marked AS (
        SELECT a.id, a.before, a.after,
          (a.entity = 'student' AND a.entity_id IN purged_student)
            OR (a.entity = 'petition' AND a.entity_id IN purged_petition)
            OR ${part('attachment', 'attachments')} OR ${part('advice', 'advice')}
            OR ${part('decision', 'decisions')} OR ${part('grade_registration', 'grade_registrations')}
            OR json_extract(a.before, '$.petitionId') IN purged_petition
            OR json_extract(a.after, '$.petitionId') IN purged_petition AS owned,
          ${named('before')} AS named_before,
          ${named('after')} AS named_after
        FROM audit_log a)
    SELECT id, before, after, owned, named_before, named_after FROM marked WHERE owned OR named_before OR named_after`);
}

/**
 * The snapshots of the audit rows that concern the purged students keep only the fields that are
 * not personal (KEPT_FIELDS, chosen by field name, so a personal field added later is dropped until
 * someone lists it there): when, who, what kind of change, and the anonymous ids. A row that only
 * names a purged student on one side keeps its other side; every other row is not touched.
 */
function redactAuditLog(tx: Tx, sqlite: Register['sqlite'], studentIds: number[], petitionIds: number[], identifiers: Identifiers): void {
  const text = (snapshot: string | null) => (snapshot === null ? null : JSON.stringify(redacted(JSON.parse(snapshot))));
  // One prepared statement for every row (on the transaction's connection): a purge may touch many.
  const update = sqlite.prepare('UPDATE audit_log SET before = ?, after = ? WHERE id = ?');
  for (const row of auditRowsOf(tx, studentIds, petitionIds, identifiers)) {
    const before = row.owned || row.named_before ? text(row.before) : row.before;
    const after = row.owned || row.named_after ? text(row.after) : row.after;
    update.run(before, after, row.id);
  }
}

/**
 * Moves everything into the main file and rebuilds it, so no freed page or old log frame still
 * holds a purged value. Another program reading the register can prevent it, and so can a disk
 * too full for the vacuum's copy of the file; the purge itself is committed either way, the person
 * is told (without a guess at which it was), and the next purge compacts the file again.
 */
function compact(ctx: ServiceContext): boolean {
  const { sqlite } = ctx.register;
  const checkpoint = () => (sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>)[0]?.busy === 0;
  // A reader elsewhere is waited for briefly, not for the register's full busy timeout: the purge is
  // already committed, and a vacuum behind a reader would only copy the whole file into the log.
  const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 1000');
  try {
    if (!checkpoint()) return false;
    sqlite.exec('VACUUM');
    return checkpoint();
  } catch {
    return false;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

function refuseReadOnly(ctx: ServiceContext): void {
  if (ctx.register.readOnly) throw new AppError('read_only', 'error.readOnly');
}
