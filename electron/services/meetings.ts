// Meetings of the Media Technology Board (advice) and of the Board of Examiners (decisions): the
// list, a meeting with its agenda in order, the candidates for its agenda, and the meeting's own
// facts (date, cut-off, location, status planned → held → closed). Each change is one immediate
// transaction with its audit rows.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { advice, agendaItems, courses, institutions, meetings, petitions, students } from '../../db/schema';
import { MEETING_STATUSES } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { AgendaItem, Meeting, MeetingDetail } from '../../shared/meetings';
import type { PetitionRow } from '../../shared/schemas';
import { standingAdviceByPetition } from './advice-view';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { currentDecisionsOf, generalDecisionsByCourse } from './decision-view';
import { findingsOf } from './findings';
import { longDate, type Db } from './petition-facts';
import { registerClock } from './deadline-settings';
import { rowFields, toRow } from './register-view';

export type MeetingRecord = typeof meetings.$inferSelect;
type MeetingStatus = (typeof MEETING_STATUSES)[number];

export function meetingRecord(db: Db, id: number): MeetingRecord {
  const row = db.select().from(meetings).where(eq(meetings.id, id)).get();
  if (!row) throw new AppError('not_found', 'meeting.error.notFound', { id });
  return row;
}

/** A closed meeting's agenda, advice and decisions are final. */
export function assertOpen(meeting: MeetingRecord): void {
  if (meeting.status === 'closed') throw new AppError('meeting_closed', 'meeting.error.closed', { date: longDate(meeting.heldOn) });
}

/**
 * An agenda item still waiting for the board: on a planned or held meeting, without advice and
 * without a decision on its petition. A petition is on one such item at a time; an advised item
 * (also a deferred one) or a decided one no longer holds its petition.
 */
const waitingItem = (item: SQL) => sql`NOT EXISTS (SELECT 1 FROM advice oa WHERE oa.agenda_item_id = ${item}.id)
    AND NOT EXISTS (SELECT 1 FROM decisions od WHERE od.petition_id = ${item}.petition_id)`;

function onOpenAgenda(petitionId: SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM agenda_items oi JOIN meetings om ON om.id = oi.meeting_id
    WHERE oi.petition_id = ${petitionId} AND om.status IN ('planned', 'held') AND ${waitingItem(sql`oi`)})`;
}

/** The other open meeting a petition is waiting on, if any. */
export function openAgendaOf(db: Db, petitionId: number, exceptMeetingId: number): MeetingRecord | null {
  return (
    db
      .select({ m: meetings })
      .from(agendaItems)
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(
        and(
          eq(agendaItems.petitionId, petitionId),
          sql`${meetings.status} IN ('planned', 'held')`,
          sql`meetings.id <> ${exceptMeetingId}`,
          waitingItem(sql`agenda_items`),
        ),
      )
      .orderBy(asc(meetings.heldOn))
      .get()?.m ?? null
  );
}

const itemCount = sql<number>`(SELECT count(*) FROM agenda_items i WHERE i.meeting_id = meetings.id)`;
const doneCount = sql<number>`CASE meetings.body
  WHEN 'mt_board' THEN (SELECT count(*) FROM agenda_items i JOIN advice a ON a.agenda_item_id = i.id WHERE i.meeting_id = meetings.id)
  ELSE (SELECT count(*) FROM agenda_items i WHERE i.meeting_id = meetings.id
    AND EXISTS (SELECT 1 FROM decisions d WHERE d.petition_id = i.petition_id)) END`;

function summaries(db: Db, where: SQL | undefined): Meeting[] {
  return db
    .select({ m: meetings, itemCount, doneCount })
    .from(meetings)
    .where(where)
    .orderBy(desc(meetings.heldOn), desc(meetings.id))
    .all()
    .map(({ m, ...counts }) => ({
      id: m.id,
      body: m.body,
      heldOn: m.heldOn,
      cutoffOn: m.cutoffOn,
      location: m.location,
      status: m.status,
      itemCount: counts.itemCount,
      doneCount: counts.doneCount,
    }));
}

export function listMeetings(ctx: ServiceContext): Meeting[] {
  return summaries(ctx.register.db, undefined);
}

function meetingSummary(db: Db, id: number): Meeting {
  const found = summaries(db, eq(meetings.id, id))[0];
  if (!found) throw new AppError('not_found', 'meeting.error.notFound', { id });
  return found;
}

function checkCutoff(heldOn: string, cutoffOn: string | null): void {
  if (cutoffOn !== null && cutoffOn > heldOn) {
    throw new AppError(
      'cutoff_after_meeting',
      'meeting.error.cutoffAfterMeeting',
      { cutoff: longDate(cutoffOn), date: longDate(heldOn) },
      { cutoffOn: 'meeting.error.cutoffAfterMeeting' },
    );
  }
}

export function createMeeting(
  ctx: ServiceContext,
  input: { body: 'mt_board' | 'boex'; heldOn: string; cutoffOn: string | null; location: string },
): Meeting {
  checkCutoff(input.heldOn, input.cutoffOn);
  const id = ctx.register.db.transaction(
    (tx) => {
      const now = ctx.now().toISOString();
      const fields = { body: input.body, heldOn: input.heldOn, cutoffOn: input.cutoffOn, location: input.location, status: 'planned' as const };
      const created = tx
        .insert(meetings)
        .values({ ...fields, createdAt: now, updatedAt: now })
        .returning({ id: meetings.id })
        .get();
      writeAudit(tx, ctx, { action: 'create', entity: 'meeting', entityId: created.id, before: null, after: fields });
      return created.id;
    },
    { behavior: 'immediate' },
  );
  return meetingSummary(ctx.register.db, id);
}

const rank = (status: MeetingStatus) => MEETING_STATUSES.indexOf(status);

export function updateMeeting(
  ctx: ServiceContext,
  input: { id: number; heldOn: string; cutoffOn: string | null; location: string; status: MeetingStatus },
): Meeting {
  ctx.register.db.transaction(
    (tx) => {
      const current = meetingRecord(tx, input.id);
      const before = { heldOn: current.heldOn, cutoffOn: current.cutoffOn, location: current.location, status: current.status };
      const after = { heldOn: input.heldOn, cutoffOn: input.cutoffOn, location: input.location, status: input.status };
      if (JSON.stringify(before) === JSON.stringify(after)) return;
      assertOpen(current);
      if (rank(input.status) < rank(current.status)) {
        throw new AppError('meeting_status_back', 'meeting.error.statusBack', {}, { status: 'meeting.error.statusBack' });
      }
      checkCutoff(input.heldOn, input.cutoffOn);
      if (input.heldOn !== current.heldOn) {
        const later = tx
          .select({ submittedOn: petitions.submittedOn, petitionId: petitions.id })
          .from(agendaItems)
          .innerJoin(petitions, eq(petitions.id, agendaItems.petitionId))
          .where(and(eq(agendaItems.meetingId, current.id), sql`${petitions.submittedOn} > ${input.heldOn}`))
          .orderBy(desc(petitions.submittedOn))
          .get();
        if (later) {
          throw new AppError(
            'meeting_before_submission',
            'meeting.error.beforeSubmission',
            { date: longDate(input.heldOn), submittedOn: longDate(later.submittedOn) },
            { heldOn: 'meeting.error.beforeSubmission' },
          );
        }
      }
      if (input.status === 'closed' && current.body === 'mt_board') {
        // Closing would strand the petitions still waiting for advice "in progress" on no open agenda.
        const waiting = tx
          .select({ n: sql<number>`count(*)` })
          .from(agendaItems)
          .innerJoin(petitions, eq(petitions.id, agendaItems.petitionId))
          .where(
            and(
              eq(agendaItems.meetingId, current.id),
              eq(petitions.status, 'in_progress'),
              sql`NOT EXISTS (SELECT 1 FROM advice a WHERE a.agenda_item_id = agenda_items.id)`,
            ),
          )
          .get()?.n ?? 0;
        if (waiting > 0) throw new AppError('meeting_items_waiting', 'meeting.error.itemsWaiting', { count: waiting });
      }
      tx.update(meetings)
        .set({ ...after, updatedAt: ctx.now().toISOString() })
        .where(eq(meetings.id, current.id))
        .run();
      writeAudit(tx, ctx, { action: 'update', entity: 'meeting', entityId: current.id, before, after });
    },
    { behavior: 'immediate' },
  );
  return meetingSummary(ctx.register.db, input.id);
}

export function getMeeting(ctx: ServiceContext, { id }: { id: number }): MeetingDetail {
  return meetingDetail(ctx, id);
}

export function meetingDetail(ctx: ServiceContext, id: number): MeetingDetail {
  const { db } = ctx.register;
  const clock = registerClock(ctx);
  const meeting = meetingSummary(db, id);
  const rows = db
    .select({
      itemId: agendaItems.id,
      position: agendaItems.position,
      studentId: petitions.studentId,
      courseId: petitions.courseId,
      motivation: petitions.motivation,
      courseStartDate: petitions.courseStartDate,
      advice,
      ...rowFields,
    })
    .from(agendaItems)
    .innerJoin(petitions, eq(petitions.id, agendaItems.petitionId))
    .innerJoin(students, eq(students.id, petitions.studentId))
    .innerJoin(courses, eq(courses.id, petitions.courseId))
    .innerJoin(institutions, eq(institutions.id, courses.institutionId))
    .leftJoin(advice, eq(advice.agendaItemId, agendaItems.id))
    .where(eq(agendaItems.meetingId, id))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id))
    .all();
  const general = generalDecisionsByCourse(db, rows.map((r) => r.courseId));
  const petitionIds = meeting.body === 'boex' ? rows.map((r) => r.id) : [];
  const standingAdvice = standingAdviceByPetition(db, petitionIds);
  const decided = currentDecisionsOf(db, petitionIds);
  const items: AgendaItem[] = rows.map(({ itemId, position, studentId, courseId, motivation, courseStartDate, advice: given, ...row }) => ({
    id: itemId,
    position,
    petition: { ...toRow(row, clock), motivation, courseStartDate },
    findings: findingsOf(db, studentId, row.id),
    advice:
      meeting.body === 'mt_board'
        ? given && { advice: given.advice, reasoning: given.reasoning, recordedAt: given.recordedAt, recordedBy: given.recordedBy, meetingId: id }
        : (standingAdvice.get(row.id) ?? null),
    decision: decided.get(row.id) ?? null,
    generalDecisions: general.get(courseId) ?? [],
  }));
  return { meeting, items };
}

/**
 * Petitions that may go on the meeting's agenda now (none once it is closed), oldest submission first. MT Board: submitted
 * on or before the cut-off (or the meeting date) and waiting on no other agenda. BoEx: advised
 * (support or not support) at an MT Board meeting held on or before the cut-off, not decided, and
 * waiting on no other agenda.
 */
export function meetingCandidates(ctx: ServiceContext, { meetingId }: { meetingId: number }): PetitionRow[] {
  const { db } = ctx.register;
  const meeting = meetingRecord(db, meetingId);
  if (meeting.status === 'closed') return [];
  const cutoff = meeting.cutoffOn ?? meeting.heldOn;
  const clock = registerClock(ctx);
  const notWaiting = sql`NOT ${onOpenAgenda(sql`petitions.id`)}`;
  const notHere = sql`NOT EXISTS (SELECT 1 FROM agenda_items h WHERE h.meeting_id = ${meeting.id} AND h.petition_id = petitions.id)`;
  const where =
    meeting.body === 'mt_board'
      ? and(eq(petitions.status, 'submitted'), sql`${petitions.submittedOn} <= ${cutoff}`, notWaiting, notHere)
      : and(
          eq(petitions.status, 'in_progress'),
          sql`(SELECT a.advice FROM advice a WHERE a.petition_id = petitions.id ORDER BY a.id DESC LIMIT 1) IN ('support', 'not_support')`,
          sql`(SELECT am.held_on FROM advice a JOIN agenda_items ai ON ai.id = a.agenda_item_id JOIN meetings am ON am.id = ai.meeting_id
               WHERE a.petition_id = petitions.id ORDER BY a.id DESC LIMIT 1) <= ${cutoff}`,
          sql`NOT EXISTS (SELECT 1 FROM decisions d WHERE d.petition_id = petitions.id)`,
          notWaiting,
          notHere,
        );
  return db
    .select(rowFields)
    .from(petitions)
    .innerJoin(students, eq(students.id, petitions.studentId))
    .innerJoin(courses, eq(courses.id, petitions.courseId))
    .innerJoin(institutions, eq(institutions.id, courses.institutionId))
    .where(where)
    .orderBy(asc(petitions.submittedOn), asc(petitions.id))
    .all()
    .map((row) => toRow(row, clock));
}
