// Runs the rules module over the register's facts. The main process checks every petition again
// here, whatever the form showed, and stores each petition's most severe finding so the register
// can show and filter it without running the rules per row.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { RegisterDb } from '../../db/register';
import { attachments, courses, decisions, institutions, petitions } from '../../db/schema';
import { courseKey, type PetitionStatus } from '../../shared/domain';
import { checkPetition, mostSevere, parseLevel, type Finding, type Level, type Severity } from '../../shared/rules';

/** A transaction handle or the database itself. */
type Db = Pick<RegisterDb, 'select' | 'selectDistinct' | 'update'>;

/** Statuses whose EC no longer count toward a student's caps, and that cannot be duplicated. */
const SET_ASIDE: readonly PetitionStatus[] = ['rejected', 'withdrawn'];

interface Facts {
  id: number;
  status: PetitionStatus;
  storedSeverity: Severity | null;
  submittedOn: string;
  courseStartDate: string | null;
  courseKey: string;
  ec: number;
  level: Level;
  honours: boolean;
  institutionKind: 'leiden' | 'university' | 'applied_sciences';
  hboFormOnFile: boolean;
  approved: boolean;
}

/** The facts of the petitions of the students `which` selects. */
function factsQuery(db: Db, which: SQL) {
  return db
    .select({
      id: petitions.id,
      studentId: petitions.studentId,
      status: petitions.status,
      storedSeverity: petitions.findingSeverity,
      submittedOn: petitions.submittedOn,
      courseStartDate: petitions.courseStartDate,
      institution: institutions.name,
      code: courses.code,
      ec: courses.ec,
      level: courses.level,
      honours: courses.honours,
      institutionKind: institutions.kind,
      hboFormOnFile: sql<number>`EXISTS (SELECT 1 FROM ${attachments} WHERE ${attachments.petitionId} = ${petitions.id} AND ${attachments.kind} = 'hbo_form')`,
      // An approving decision that no later decision replaced.
      approvedDecision: sql<number>`EXISTS (SELECT 1 FROM ${decisions} d WHERE d.petition_id = ${petitions.id} AND d.outcome = 'approved'
        AND NOT EXISTS (SELECT 1 FROM ${decisions} r WHERE r.replaces_id = d.id))`,
    })
    .from(petitions)
    .innerJoin(courses, eq(courses.id, petitions.courseId))
    .innerJoin(institutions, eq(institutions.id, courses.institutionId))
    .where(which);
}

type FactsRow = ReturnType<ReturnType<typeof factsQuery>['all']>[number];

function studentFacts(db: Db, studentId: number): Facts[] {
  return factsQuery(db, eq(petitions.studentId, studentId)).all().map(factsOf);
}

function factsOf(row: FactsRow): Facts {
  return {
    id: row.id,
    status: row.status,
    storedSeverity: row.storedSeverity,
    submittedOn: row.submittedOn,
    courseStartDate: row.courseStartDate,
    courseKey: courseKey(row.institution, row.code),
    ec: row.ec,
    level: parseLevel(row.level),
    honours: row.honours,
    institutionKind: row.institutionKind,
    hboFormOnFile: Boolean(row.hboFormOnFile),
    approved: Boolean(row.approvedDecision) || row.status === 'approved' || row.status === 'external_approved',
  };
}

function check(petition: Facts, all: Facts[]): Finding[] {
  return checkPetition({
    submittedOn: petition.submittedOn,
    course: { id: petition.courseKey, ec: petition.ec, level: petition.level, startDate: petition.courseStartDate, honours: petition.honours },
    institutionKind: petition.institutionKind,
    hboFormOnFile: petition.hboFormOnFile,
    otherPetitions: all
      .filter((other) => other.id !== petition.id && !SET_ASIDE.includes(other.status))
      .map((other) => ({ courseId: other.courseKey, ec: other.ec, level: other.level, standing: other.approved ? 'approved' : 'pending' })),
  });
}

/** The findings of one petition, against the student's other petitions as the register has them now. */
export function findingsOf(db: Db, studentId: number, petitionId: number): Finding[] {
  const all = studentFacts(db, studentId);
  const petition = all.find((p) => p.id === petitionId);
  return petition ? check(petition, all) : [];
}

/**
 * Recomputes the stored severity of every petition of a student; call inside the transaction that
 * changed something the rules read. Derived data, so it writes no audit row of its own.
 */
export function refreshFindings(db: Db, studentId: number): void {
  storeSeverities(db, studentFacts(db, studentId));
}

/**
 * refreshFindings for many students at once (an import): their facts in one query and the
 * changed severities through one prepared statement, where a query per student would cost more
 * to build and run than the rules themselves.
 */
export function refreshFindingsOfStudents(db: Db, studentIds: Iterable<number>): void {
  const ids = [...new Set(studentIds)];
  if (ids.length === 0) return;
  const rows = factsQuery(db, sql`${petitions.studentId} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`).all();
  const byStudent = new Map<number, Facts[]>(ids.map((id) => [id, []]));
  for (const row of rows) byStudent.get(row.studentId)?.push(factsOf(row));
  const store = severityStore(db);
  for (const facts of byStudent.values()) {
    // In the order refreshFindings reads them: by petition.
    facts.sort((a, b) => a.id - b.id);
    storeSeverities(db, facts, store);
  }
}

function severityStore(db: Db): (severity: Severity | null, id: number) => void {
  const update = db
    .update(petitions)
    .set({ findingSeverity: sql`${sql.placeholder('severity')}` })
    .where(eq(petitions.id, sql.placeholder('id')))
    .prepare();
  return (severity, id) => update.run({ severity, id });
}

/** Stores the most severe finding of each of one student's petitions, where it changed. */
function storeSeverities(
  db: Db,
  all: Facts[],
  store: (severity: Severity | null, id: number) => void = (severity, id) =>
    db.update(petitions).set({ findingSeverity: severity }).where(eq(petitions.id, id)).run(),
): void {
  for (const petition of all) {
    const severity = mostSevere(check(petition, all));
    if (severity !== petition.storedSeverity) store(severity, petition.id);
  }
}

/** A course's facts changed: every student with a petition for it may have other findings now. */
export function refreshFindingsForCourse(db: Db, courseId: number): void {
  const students = db.selectDistinct({ studentId: petitions.studentId }).from(petitions).where(eq(petitions.courseId, courseId)).all();
  for (const { studentId } of students) refreshFindings(db, studentId);
}

/** What the form needs to run the same rules while the secretary types: the student's other petitions. */
export function otherPetitionsOf(db: Db, studentId: number, exceptPetitionId: number | null) {
  return studentFacts(db, studentId)
    .filter((p) => p.id !== exceptPetitionId && !SET_ASIDE.includes(p.status))
    .map((p) => ({ courseId: p.courseKey, ec: p.ec, level: p.level, standing: p.approved ? ('approved' as const) : ('pending' as const) }));
}
