// One petition as the board's work needs it: the facts a check reads, the words a refusal names
// (student, course), and the one way its status moves, with its audit row.
import { eq } from 'drizzle-orm';
import type { RegisterDb } from '../../db/register';
import { courses, institutions, petitions, students } from '../../db/schema';
import type { PetitionStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { formatLongDate, parseLevel, type Level } from '../../shared/rules';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';

/** A transaction handle or the database itself. */
export type Db = Pick<RegisterDb, 'select' | 'selectDistinct' | 'insert' | 'update' | 'delete'>;

export interface PetitionFacts {
  id: number;
  status: PetitionStatus;
  submittedOn: string;
  studentId: number;
  courseId: number;
  courseEc: number;
  courseLevel: Level;
  institutionName: string;
  /** "Zoë de Vries (s1234567)": how a refusal names the student. */
  student: string;
  /** "INFOMCV Computer Vision": how a refusal names the course. */
  course: string;
}

export function petitionFacts(db: Db, petitionId: number): PetitionFacts {
  const row = db
    .select({
      id: petitions.id,
      status: petitions.status,
      submittedOn: petitions.submittedOn,
      studentId: students.id,
      studentNumber: students.studentNumber,
      givenName: students.givenName,
      familyName: students.familyName,
      courseId: courses.id,
      code: courses.code,
      title: courses.title,
      ec: courses.ec,
      level: courses.level,
      institutionName: institutions.name,
    })
    .from(petitions)
    .innerJoin(students, eq(students.id, petitions.studentId))
    .innerJoin(courses, eq(courses.id, petitions.courseId))
    .innerJoin(institutions, eq(institutions.id, courses.institutionId))
    .where(eq(petitions.id, petitionId))
    .get();
  if (!row) throw new AppError('not_found', 'error.petition.notFound', { id: petitionId });
  return {
    id: row.id,
    status: row.status,
    submittedOn: row.submittedOn,
    studentId: row.studentId,
    courseId: row.courseId,
    courseEc: row.ec,
    courseLevel: parseLevel(row.level),
    institutionName: row.institutionName,
    student: `${row.givenName} ${row.familyName} (${row.studentNumber})`,
    course: `${row.code} ${row.title}`,
  };
}

/** The words every refusal about a petition names. */
export function named(p: PetitionFacts): { student: string; course: string } {
  return { student: p.student, course: p.course };
}

/** A date as a letter writes it, in both languages: the refusal picks the reader's. */
export function longDate(date: string): { en: string; nl: string } {
  return { en: formatLongDate(date, 'en'), nl: formatLongDate(date, 'nl') };
}

/**
 * Moves a petition to another status inside the caller's transaction, with an audit row on the
 * petition that says why (`action`) and what else belongs to the step (a meeting, a decision).
 */
export function setPetitionStatus(
  tx: Db,
  ctx: ServiceContext,
  petition: PetitionFacts,
  to: PetitionStatus,
  action: string,
  context: Record<string, unknown> = {},
): void {
  if (petition.status !== to) {
    tx.update(petitions).set({ status: to, updatedAt: ctx.now().toISOString() }).where(eq(petitions.id, petition.id)).run();
  }
  writeAudit(tx, ctx, { action, entity: 'petition', entityId: petition.id, before: { status: petition.status }, after: { status: to, ...context } });
}
