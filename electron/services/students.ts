import { desc, eq } from 'drizzle-orm';
import { courses, institutions, petitions, students } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { ecStanding, parseLevel } from '../../shared/rules';
import type { RulesContext, StudentDetail } from '../../shared/schemas';
import type { ServiceContext } from './context';
import { otherPetitionsOf } from './findings';

/** The student behind a number, and their other petitions, so the form can run the rules as the secretary types. */
export function rulesContext(ctx: ServiceContext, input: { studentNumber: string; exceptPetitionId?: number | undefined }): RulesContext {
  const { db } = ctx.register;
  const student = db.select().from(students).where(eq(students.studentNumber, input.studentNumber)).get();
  if (!student) return { student: null, otherPetitions: [] };
  return {
    student: { givenName: student.givenName, familyName: student.familyName, email: student.email },
    otherPetitions: otherPetitionsOf(db, student.id, input.exceptPetitionId ?? null),
  };
}

/**
 * A student's page: every petition, whatever its status, and the EC standing against the caps.
 * The standing is the rules module's, over the same petitions the cap rules count (not rejected
 * or withdrawn; approved by status or by a standing decision), so the page and the findings agree.
 */
export function getStudent(ctx: ServiceContext, { studentNumber }: { studentNumber: string }): StudentDetail {
  const { db } = ctx.register;
  const student = db.select().from(students).where(eq(students.studentNumber, studentNumber)).get();
  if (!student) throw new AppError('not_found', 'error.student.notFound', { studentNumber });
  const rows = db
    .select({
      id: petitions.id,
      status: petitions.status,
      submittedOn: petitions.submittedOn,
      courseCode: courses.code,
      courseTitle: courses.title,
      institution: institutions.name,
      ec: courses.ec,
      level: courses.level,
      findingSeverity: petitions.findingSeverity,
    })
    .from(petitions)
    .innerJoin(courses, eq(courses.id, petitions.courseId))
    .innerJoin(institutions, eq(institutions.id, courses.institutionId))
    .where(eq(petitions.studentId, student.id))
    .orderBy(desc(petitions.submittedOn), desc(petitions.id))
    .all();
  return {
    student: {
      id: student.id,
      studentNumber: student.studentNumber,
      givenName: student.givenName,
      familyName: student.familyName,
      email: student.email,
    },
    standing: ecStanding(otherPetitionsOf(db, student.id, null)),
    petitions: rows.map((row) => ({ ...row, level: parseLevel(row.level) })),
  };
}
