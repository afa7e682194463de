import { eq } from 'drizzle-orm';
import { students } from '../../db/schema';
import type { RulesContext } from '../../shared/schemas';
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
