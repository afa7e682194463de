// Petitions: intake, correction and withdrawal. Each call is one transaction that also writes its
// audit rows; the student, institution and course are reused when the register already knows them.
import { eq, sql } from 'drizzle-orm';
import type { RegisterDb } from '../../db/register';
import { courses, decisions, institutions, petitions, students } from '../../db/schema';
import { WITHDRAWABLE_STATUSES, type PetitionStatus } from '../../shared/domain';
import type { CourseChange } from '../../shared/courses';
import { AppError } from '../../shared/errors';
import { decisionClock, parseLevel } from '../../shared/rules';
import type { PetitionDetail, PetitionInput } from '../../shared/schemas';
import { changedFields, historyOf, writeAudit } from './audit';
import { findingsOf, refreshFindings, refreshFindingsForCourse } from './findings';
import type { ServiceContext } from './context';
import { registerClock } from './deadline-settings';

export type Tx = Parameters<Parameters<RegisterDb['transaction']>[0]>[0];

/** Statuses in which the facts of a petition may still be corrected: not yet decided. */
const EDITABLE: readonly PetitionStatus[] = ['draft', 'submitted', 'in_progress'];

export function getPetition(ctx: ServiceContext, { id }: { id: number }): PetitionDetail {
  const { db } = ctx.register;
  const row = db
    .select()
    .from(petitions)
    .innerJoin(students, eq(students.id, petitions.studentId))
    .innerJoin(courses, eq(courses.id, petitions.courseId))
    .innerJoin(institutions, eq(institutions.id, courses.institutionId))
    .where(eq(petitions.id, id))
    .get();
  if (!row) throw new AppError('not_found', 'error.petition.notFound', { id });
  const { petitions: p, students: s, courses: c, institutions: i } = row;
  return {
    id: p.id,
    status: p.status,
    submittedOn: p.submittedOn,
    courseStartDate: p.courseStartDate,
    motivation: p.motivation,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    student: { id: s.id, studentNumber: s.studentNumber, givenName: s.givenName, familyName: s.familyName, email: s.email },
    course: {
      id: c.id,
      code: c.code,
      title: c.title,
      ec: c.ec,
      level: parseLevel(c.level),
      honours: c.honours,
      petitionCount: otherPetitionsOf(db, c.id, p.id),
    },
    institution: { id: i.id, name: i.name, country: i.country, kind: i.kind },
    findings: findingsOf(db, s.id, p.id),
    decisionClock: awaitsDecision(db, p.id, p.status) ? decisionClockOf(ctx, p.submittedOn) : null,
    history: historyOf(db, 'petition', p.id),
  };
}

/** Submitted or discussed, and not decided yet (register-view's awaitingDecision, for one petition). */
function awaitsDecision(db: RegisterDb, id: number, status: PetitionStatus): boolean {
  if (status !== 'submitted' && status !== 'in_progress') return false;
  return !db.select({ id: decisions.id }).from(decisions).where(eq(decisions.petitionId, id)).limit(1).get();
}

function decisionClockOf(ctx: ServiceContext, submittedOn: string) {
  const { today, termWeeks } = registerClock(ctx);
  return decisionClock(submittedOn, today, termWeeks);
}

export function createPetition(ctx: ServiceContext, input: PetitionInput): PetitionDetail {
  const { id } = ctx.register.db.transaction((tx) => storePetition(tx, ctx, input), { behavior: 'immediate' });
  return getPetition(ctx, { id });
}

/**
 * Stores a new petition with its student, institution and course (reused where known), the audit
 * rows and the refreshed findings, inside the caller's transaction: one petition from the form,
 * or one row of an import that stands or falls with the whole file. An import refreshes the
 * findings once per student after its last row instead (`refresh: false`).
 * The CSV import does these same steps on statements prepared once per file (import/store.ts,
 * held equal to this by test/services/import-store.test.ts): a change here belongs there too.
 */
export function storePetition(
  tx: Tx,
  ctx: ServiceContext,
  input: PetitionInput,
  { refresh = true }: { refresh?: boolean } = {},
): { id: number; studentId: number } {
  const studentId = studentFor(tx, ctx, input, null);
  const courseId = courseFor(tx, ctx, input);
  const now = ctx.now().toISOString();
  const created = tx
    .insert(petitions)
    .values({
      studentId,
      courseId,
      courseStartDate: input.courseStartDate,
      submittedOn: input.submittedOn,
      motivation: input.motivation,
      status: 'submitted',
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: petitions.id })
    .get();
  writeAudit(tx, ctx, { action: 'create', entity: 'petition', entityId: created.id, before: null, after: snapshot(input, 'submitted') });
  if (refresh) refreshFindings(tx, studentId);
  return { id: created.id, studentId };
}

/** How many petitions other than `exceptId` are for the course. */
function otherPetitionsOf(db: RegisterDb | Tx, courseId: number, exceptId: number | null): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(petitions)
    .where(sql`${petitions.courseId} = ${courseId} AND ${petitions.id} IS NOT ${exceptId}`)
    .get();
  return row?.n ?? 0;
}

export function updatePetition(
  ctx: ServiceContext,
  input: PetitionInput & { id: number; courseChange?: CourseChange | undefined },
): PetitionDetail {
  ctx.register.db.transaction(
    (tx) => {
      const current = getPetition(ctx, { id: input.id });
      if (!EDITABLE.includes(current.status)) {
        throw new AppError('not_editable', 'error.petition.notEditable', { status: { key: `status.${current.status}` } });
      }
      const studentId = studentFor(tx, ctx, input, current.student.id);
      const courseId = courseFor(tx, ctx, input, { petitionId: input.id, change: input.courseChange ?? null });
      const before = snapshotOf(current);
      tx.update(petitions)
        .set({
          studentId,
          courseId,
          courseStartDate: input.courseStartDate,
          submittedOn: input.submittedOn,
          motivation: input.motivation,
        })
        .where(eq(petitions.id, input.id))
        .run();
      // The audit keeps what the register now holds, which may differ from what was typed
      // (an institution matched regardless of case, an empty country that keeps the known one).
      const after = snapshotOf(getPetition(ctx, { id: input.id }));
      if (changedFields(before, after).length === 0) return;
      tx.update(petitions).set({ updatedAt: ctx.now().toISOString() }).where(eq(petitions.id, input.id)).run();
      writeAudit(tx, ctx, { action: 'update', entity: 'petition', entityId: input.id, before, after });
      refreshFindings(tx, studentId);
      if (studentId !== current.student.id) refreshFindings(tx, current.student.id);
    },
    { behavior: 'immediate' },
  );
  return getPetition(ctx, { id: input.id });
}

export function withdrawPetition(ctx: ServiceContext, { id }: { id: number }): PetitionDetail {
  ctx.register.db.transaction(
    (tx) => {
      const current = getPetition(ctx, { id });
      if (!WITHDRAWABLE_STATUSES.includes(current.status)) {
        throw new AppError('not_withdrawable', 'error.petition.notWithdrawable', { status: { key: `status.${current.status}` } });
      }
      tx.update(petitions).set({ status: 'withdrawn', updatedAt: ctx.now().toISOString() }).where(eq(petitions.id, id)).run();
      writeAudit(tx, ctx, {
        action: 'withdraw',
        entity: 'petition',
        entityId: id,
        before: { status: current.status },
        after: { status: 'withdrawn' },
      });
      refreshFindings(tx, current.student.id);
    },
    { behavior: 'immediate' },
  );
  return getPetition(ctx, { id });
}

/**
 * The petition as the secretary typed it: what the audit log keeps before and after a change.
 * Exported for the import, which writes the same (import/store.ts).
 */
export function snapshot(input: PetitionInput, status: PetitionStatus): Record<string, unknown> {
  const { id: _id, courseChange: _change, ...fields } = input as PetitionInput & { id?: number; courseChange?: unknown };
  return { ...fields, status };
}

function snapshotOf(p: PetitionDetail): Record<string, unknown> {
  return snapshot(
    {
      studentNumber: p.student.studentNumber,
      givenName: p.student.givenName,
      familyName: p.student.familyName,
      email: p.student.email,
      courseCode: p.course.code,
      courseTitle: p.course.title,
      institution: p.institution.name,
      institutionKind: p.institution.kind,
      country: p.institution.country,
      ec: p.course.ec,
      level: p.course.level,
      courseStartDate: p.courseStartDate,
      honours: p.course.honours,
      submittedOn: p.submittedOn,
      motivation: p.motivation,
    },
    p.status,
  );
}

/**
 * Whether two names (or titles) are the same to the register: case is forgiven, accents are not.
 * One collator for every call: localeCompare with options builds a new one each time (~25 µs).
 */
const accentCollator = new Intl.Collator(undefined, { sensitivity: 'accent' });
export const sameName = (a: string, b: string): boolean => accentCollator.compare(a, b) === 0;

/**
 * The student this petition is for. A known student number with another name is refused: it is
 * far more often a mistyped number than a student who changed name. When the petition already
 * belongs to this student, a changed name or e-mail is a correction of that student.
 */
function studentFor(tx: Tx, ctx: ServiceContext, input: PetitionInput, currentStudentId: number | null): number {
  const now = ctx.now().toISOString();
  const found = tx.select().from(students).where(eq(students.studentNumber, input.studentNumber)).get();
  const fields = { givenName: input.givenName, familyName: input.familyName, email: input.email };
  if (!found) {
    const created = tx
      .insert(students)
      .values({ studentNumber: input.studentNumber, ...fields, createdAt: now, updatedAt: now })
      .returning({ id: students.id })
      .get();
    writeAudit(tx, ctx, { action: 'create', entity: 'student', entityId: created.id, before: null, after: { studentNumber: input.studentNumber, ...fields } });
    return created.id;
  }
  const isCorrection = found.id === currentStudentId;
  if (!isCorrection && !(sameName(found.givenName, input.givenName) && sameName(found.familyName, input.familyName))) {
    throw new AppError(
      'student_conflict',
      'error.student.conflict',
      { studentNumber: input.studentNumber, name: `${found.givenName} ${found.familyName}` },
      { studentNumber: 'error.student.conflict' },
    );
  }
  const before = { givenName: found.givenName, familyName: found.familyName, email: found.email };
  if (JSON.stringify(before) !== JSON.stringify(fields)) {
    tx.update(students).set({ ...fields, updatedAt: now }).where(eq(students.id, found.id)).run();
    writeAudit(tx, ctx, { action: 'update', entity: 'student', entityId: found.id, before, after: fields });
  }
  return found.id;
}

/**
 * The course this petition is for, found by institution and code. Course facts typed on a new
 * petition are corrections of that course. On an edit of a petition whose course other petitions
 * use too, the secretary chooses: 'all' corrects the course for every petition; 'this' gives this
 * petition a course of its own, coded "<code> (<year submitted>)" (the code is unique per
 * institution); no choice is refused with a sentence naming how many petitions share the course.
 * Decisions keep their own copy of EC and level, so a decided petition's letter never changes.
 */
function courseFor(
  tx: Tx,
  ctx: ServiceContext,
  input: PetitionInput,
  edit: { petitionId: number; change: CourseChange | null } | null = null,
): number {
  const now = ctx.now().toISOString();
  const institutionId = institutionFor(tx, ctx, input);
  const fields = { title: input.courseTitle, ec: input.ec, level: String(input.level), honours: input.honours };
  const findByCode = (code: string) =>
    tx
      .select()
      .from(courses)
      .where(sql`${courses.institutionId} = ${institutionId} AND ${courses.code} = ${code}`)
      .get();
  const create = (code: string) => {
    const created = tx
      .insert(courses)
      .values({ institutionId, code, ...fields, createdAt: now, updatedAt: now })
      .returning({ id: courses.id })
      .get();
    writeAudit(tx, ctx, { action: 'create', entity: 'course', entityId: created.id, before: null, after: { institutionId, code, ...fields } });
    return created.id;
  };
  const factsOf = (c: { title: string; ec: number; level: string; honours: boolean }) =>
    JSON.stringify({ title: c.title, ec: c.ec, level: c.level, honours: c.honours });
  const found = findByCode(input.courseCode);
  if (!found) return create(input.courseCode);
  if (factsOf(found) === factsOf(fields)) return found.id;
  if (edit) {
    const others = otherPetitionsOf(tx, found.id, edit.petitionId);
    if (others > 0 && edit.change === null) {
      throw new AppError('course_shared', 'error.course.shared', { code: found.code, count: others }, { courseTitle: 'error.course.sharedField' });
    }
    if (others > 0 && edit.change === 'this') {
      // The first free "<code> (<year>)", "<code> (<year>-2)", …; one with the same facts is reused.
      const year = input.submittedOn.slice(0, 4);
      for (let n = 1; ; n++) {
        const code = n === 1 ? `${input.courseCode} (${year})` : `${input.courseCode} (${year}-${n})`;
        const existing = findByCode(code);
        if (!existing) return create(code);
        if (factsOf(existing) === factsOf(fields)) return existing.id;
      }
    }
  }
  const before = { title: found.title, ec: found.ec, level: found.level, honours: found.honours };
  tx.update(courses).set({ ...fields, updatedAt: now }).where(eq(courses.id, found.id)).run();
  writeAudit(tx, ctx, { action: 'update', entity: 'course', entityId: found.id, before, after: fields });
  refreshFindingsForCourse(tx, found.id);
  return found.id;
}

/** Institutions are matched on their name regardless of case; their kind decides rules, so a different kind is refused. */
function institutionFor(tx: Tx, ctx: ServiceContext, input: PetitionInput): number {
  const now = ctx.now().toISOString();
  // SQLite's lower() folds ASCII only; the list of institutions is short, so compare here in full Unicode.
  const wanted = input.institution.toLocaleLowerCase();
  const found = tx
    .select()
    .from(institutions)
    .all()
    .find((institution) => institution.name.toLocaleLowerCase() === wanted);
  if (!found) {
    const created = tx
      .insert(institutions)
      .values({ name: input.institution, country: input.country, kind: input.institutionKind, createdAt: now, updatedAt: now })
      .returning({ id: institutions.id })
      .get();
    writeAudit(tx, ctx, {
      action: 'create',
      entity: 'institution',
      entityId: created.id,
      before: null,
      after: { name: input.institution, country: input.country, kind: input.institutionKind },
    });
    return created.id;
  }
  if (found.kind !== input.institutionKind) {
    throw new AppError(
      'institution_conflict',
      'error.institution.kindConflict',
      { name: found.name, kind: { key: `kind.${found.kind}` } },
      { institutionKind: 'error.institution.kindConflict' },
    );
  }
  if (input.country && input.country !== found.country) {
    tx.update(institutions).set({ country: input.country, updatedAt: now }).where(eq(institutions.id, found.id)).run();
    writeAudit(tx, ctx, { action: 'update', entity: 'institution', entityId: found.id, before: { country: found.country }, after: { country: input.country } });
  }
  return found.id;
}
