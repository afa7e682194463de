// Completion of an approved petition: the petitions still waiting for a certified transcript, and
// the grade registered from it. One immediate transaction per registration, with its audit rows;
// a correction is a new row that replaces the old one, which stays in the history.
import { and, asc, eq, sql } from 'drizzle-orm';
import { attachments, courses, decisions, gradeRegistrations, institutions, petitions, students } from '../../db/schema';
import type { PetitionStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { AwaitingRow, GradeCorrection, GradeInput, GradeRegistration } from '../../shared/grades';
import { academicYear, convertGrade, creditedEc, daysBetween, isPass, transcriptFinding } from '../../shared/rules';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { localDate } from './decision-numbers';
import { currentDecisionOf, decisionById, isCurrent } from './decision-view';
import { refreshFindings } from './findings';
import { named, petitionFacts, setPetitionStatus, type Db, type PetitionFacts } from './petition-facts';

/** Approved petitions (a standing approval) with no grade registered yet, oldest decision first. */
export function awaitingTranscript(ctx: ServiceContext, { academicYear: year }: { academicYear?: number | undefined }): AwaitingRow[] {
  const { db } = ctx.register;
  const today = localDate(ctx.now());
  const rows = db
    .select({
      petitionId: petitions.id,
      studentNumber: students.studentNumber,
      givenName: students.givenName,
      familyName: students.familyName,
      courseCode: courses.code,
      courseTitle: courses.title,
      institutionName: institutions.name,
      decisionNumber: decisions.number,
      decidedOn: decisions.decidedOn,
      courseStartDate: petitions.courseStartDate,
    })
    .from(decisions)
    .innerJoin(petitions, eq(petitions.id, decisions.petitionId))
    .innerJoin(students, eq(students.id, petitions.studentId))
    .innerJoin(courses, eq(courses.id, petitions.courseId))
    .innerJoin(institutions, eq(institutions.id, courses.institutionId))
    .where(
      and(
        eq(decisions.outcome, 'approved'),
        isCurrent,
        sql`${petitions.status} <> 'withdrawn'`,
        sql`NOT EXISTS (SELECT 1 FROM grade_registrations g WHERE g.petition_id = ${petitions.id})`,
      ),
    )
    .orderBy(asc(decisions.decidedOn), asc(decisions.id))
    .all();
  return rows
    .filter((r) => year === undefined || academicYear(r.decidedOn).startYear === year)
    .map(({ givenName, familyName, ...r }) => ({
      ...r,
      studentName: `${givenName} ${familyName}`,
      daysSinceDecision: Math.max(0, daysBetween(r.decidedOn, today)),
    }));
}

export function gradesOfPetition(ctx: ServiceContext, { petitionId }: { petitionId: number }): GradeRegistration[] {
  petitionFacts(ctx.register.db, petitionId);
  return registrationsWhere(ctx.register.db, eq(gradeRegistrations.petitionId, petitionId));
}

function registrationsWhere(db: Db, where: ReturnType<typeof eq>): GradeRegistration[] {
  return db
    .select({ g: gradeRegistrations, decisionNumber: decisions.number, fileName: attachments.fileName, status: petitions.status })
    .from(gradeRegistrations)
    .innerJoin(decisions, eq(decisions.id, gradeRegistrations.decisionId))
    .innerJoin(attachments, eq(attachments.id, gradeRegistrations.transcriptAttachmentId))
    .innerJoin(petitions, eq(petitions.id, gradeRegistrations.petitionId))
    .where(where)
    .orderBy(asc(gradeRegistrations.id))
    .all()
    .map(({ g, decisionNumber, fileName, status }) => ({
      id: g.id,
      petitionId: g.petitionId,
      decisionId: g.decisionId,
      decisionNumber,
      transcriptAttachmentId: g.transcriptAttachmentId,
      transcriptFileName: fileName,
      originalGrade: g.originalGrade,
      convertedGrade: g.convertedGrade,
      result: g.result,
      creditedEc: g.creditedEc,
      registeredOn: g.registeredOn,
      registeredBy: g.registeredBy,
      replacesId: g.replacesId,
      replacedById: replacedByOf(db, g.id),
      petitionStatus: status,
    }));
}

function replacedByOf(db: Db, id: number): number | null {
  return db.select({ id: gradeRegistrations.id }).from(gradeRegistrations).where(eq(gradeRegistrations.replacesId, id)).get()?.id ?? null;
}

function registrationById(db: Db, id: number): GradeRegistration {
  const found = registrationsWhere(db, eq(gradeRegistrations.id, id))[0];
  if (!found) throw new AppError('not_found', 'grades.error.notFound', { id });
  return found;
}

export function registerGrade(ctx: ServiceContext, input: GradeInput): GradeRegistration {
  const id = ctx.register.db.transaction(
    (tx) => {
      const petition = petitionFacts(tx, input.petitionId);
      const existing = tx.select({ id: gradeRegistrations.id }).from(gradeRegistrations).where(eq(gradeRegistrations.petitionId, petition.id)).get();
      if (existing) throw new AppError('grade_registered', 'grades.error.alreadyRegistered', named(petition));
      return store(tx, ctx, petition, input, null);
    },
    { behavior: 'immediate' },
  );
  return registrationById(ctx.register.db, id);
}

export function correctGrade(ctx: ServiceContext, input: GradeCorrection): GradeRegistration {
  const id = ctx.register.db.transaction(
    (tx) => {
      const old = tx.select().from(gradeRegistrations).where(eq(gradeRegistrations.id, input.registrationId)).get();
      if (!old) throw new AppError('not_found', 'grades.error.notFound', { id: input.registrationId });
      if (replacedByOf(tx, old.id) !== null) throw new AppError('grade_replaced', 'grades.error.replaced');
      const petition = petitionFacts(tx, old.petitionId);
      return store(tx, ctx, petition, { ...input, petitionId: old.petitionId }, old.id);
    },
    { behavior: 'immediate' },
  );
  return registrationById(ctx.register.db, id);
}

/** The grade as the rules read it: converted, pass or fail, and the EC it credits. */
function gradeOf(input: GradeInput, decisionEc: number): { convertedGrade: number | null; result: 'pass' | 'fail'; creditedEc: number } {
  if (input.passFail) {
    if (input.dutchGrade !== null) {
      throw new AppError('grade_pass_fail', 'grades.error.passFailWithGrade', {}, { dutchGrade: 'grades.error.passFailWithGrade' });
    }
    return { convertedGrade: null, result: 'pass', creditedEc: creditedEc(decisionEc) };
  }
  if (input.dutchGrade === null) {
    throw new AppError('grade_missing', 'grades.error.gradeMissing', {}, { dutchGrade: 'grades.error.gradeMissing' });
  }
  let converted: number;
  try {
    converted = convertGrade(input.dutchGrade);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new AppError('grade_invalid', 'grades.error.gradeInvalid', { grade: input.dutchGrade }, { dutchGrade: 'grades.error.gradeInvalidField' });
  }
  const pass = isPass(converted);
  return { convertedGrade: converted, result: pass ? 'pass' : 'fail', creditedEc: pass ? creditedEc(decisionEc) : 0 };
}

function store(tx: Db, ctx: ServiceContext, petition: PetitionFacts, input: GradeInput, replacesId: number | null): number {
  const current = currentDecisionOf(tx, petition.id);
  const decision = current ? decisionById(tx, current.id) : null;
  if (!decision || decision.outcome !== 'approved' || petition.status === 'withdrawn') {
    throw new AppError('no_approval', 'grades.error.notApproved', named(petition));
  }
  const transcript = tx
    .select({ id: attachments.id, fileName: attachments.fileName })
    .from(attachments)
    .where(and(eq(attachments.id, input.transcriptAttachmentId), eq(attachments.petitionId, petition.id), eq(attachments.kind, 'transcript')))
    .get();
  if (!transcript) {
    const [missing] = transcriptFinding(false);
    throw new AppError('transcript_missing', 'grades.error.transcript', { reason: missing?.message ?? '' }, { transcriptAttachmentId: 'grades.error.transcriptField' });
  }
  const grade = gradeOf(input, decision.creditedEc);
  const kind = tx
    .select({ kind: institutions.kind })
    .from(courses)
    .innerJoin(institutions, eq(institutions.id, courses.institutionId))
    .where(eq(courses.id, petition.courseId))
    .get()?.kind;
  const to: PetitionStatus = grade.result === 'fail' ? 'in_progress' : kind === 'leiden' ? 'approved' : 'external_approved';
  const row = {
    petitionId: petition.id,
    decisionId: decision.id,
    transcriptAttachmentId: transcript.id,
    originalGrade: input.originalGrade,
    ...grade,
    registeredOn: localDate(ctx.now()),
    registeredBy: ctx.actor,
    replacesId,
  };
  const created = tx.insert(gradeRegistrations).values(row).returning({ id: gradeRegistrations.id }).get();
  writeAudit(tx, ctx, {
    action: replacesId === null ? 'create' : 'correct',
    entity: 'grade_registration',
    entityId: created.id,
    before: null,
    after: { ...row, fileName: transcript.fileName },
  });
  setPetitionStatus(tx, ctx, petition, to, replacesId === null ? 'grade.register' : 'grade.correct', { gradeRegistrationId: created.id, result: grade.result });
  refreshFindings(tx, petition.studentId);
  return created.id;
}
