// A meeting's agenda: petitions added in order, removed, and put in a new order (positions 1..n).
// Putting a petition on the MT Board's agenda makes it "in progress" (uSis); taking it off before
// the board advised returns it to "submitted". Each call is one transaction with its audit rows.
import { and, asc, eq, max } from 'drizzle-orm';
import { advice, agendaItems } from '../../db/schema';
import { AppError } from '../../shared/errors';
import type { MeetingDetail } from '../../shared/meetings';
import { standingAdviceOf } from './advice-view';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { currentDecisionOf } from './decision-view';
import { assertOpen, meetingDetail, meetingRecord, openAgendaOf, type MeetingRecord } from './meetings';
import { longDate, named, petitionFacts, setPetitionStatus, type Db, type PetitionFacts } from './petition-facts';

function itemsOf(db: Db, meetingId: number) {
  return db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.id)).all();
}

/** Why a petition cannot go on this meeting's agenda now, as a refusal; nothing when it can. */
function checkAddable(db: Db, meeting: MeetingRecord, p: PetitionFacts): void {
  const words = named(p);
  if (p.status === 'withdrawn') throw new AppError('petition_withdrawn', 'agenda.error.withdrawn', words);
  const here = db
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItems.petitionId, p.id)))
    .get();
  if (here) throw new AppError('already_on_agenda', 'agenda.error.alreadyOnAgenda', words);
  const decided = currentDecisionOf(db, p.id);
  if (decided) throw new AppError('already_decided', 'agenda.error.decided', { ...words, number: decided.number });
  if (meeting.body === 'boex' && p.status === 'in_progress' && !standingAdviceOf(db, p.id)) {
    throw new AppError('not_advised', 'agenda.error.notAdvised', words);
  }
  const elsewhere = openAgendaOf(db, p.id, meeting.id);
  if (elsewhere) throw new AppError('on_other_agenda', 'agenda.error.onOtherAgenda', { ...words, date: longDate(elsewhere.heldOn) });
  const wanted = meeting.body === 'mt_board' ? 'submitted' : 'in_progress';
  if (p.status !== wanted) throw new AppError('petition_status', 'agenda.error.status', { ...words, status: { key: `status.${p.status}` } });
  if (p.submittedOn > meeting.heldOn) {
    throw new AppError('submitted_after_meeting', 'agenda.error.afterMeeting', {
      ...words,
      submittedOn: longDate(p.submittedOn),
      date: longDate(meeting.heldOn),
    });
  }
}

export function addToAgenda(ctx: ServiceContext, input: { meetingId: number; petitionIds: number[] }): MeetingDetail {
  ctx.register.db.transaction(
    (tx) => {
      const meeting = meetingRecord(tx, input.meetingId);
      assertOpen(meeting);
      let position = tx.select({ last: max(agendaItems.position) }).from(agendaItems).where(eq(agendaItems.meetingId, meeting.id)).get()?.last ?? 0;
      for (const petitionId of new Set(input.petitionIds)) {
        const petition = petitionFacts(tx, petitionId);
        checkAddable(tx, meeting, petition);
        position += 1;
        const item = tx
          .insert(agendaItems)
          .values({ meetingId: meeting.id, petitionId, position, createdAt: ctx.now().toISOString() })
          .returning({ id: agendaItems.id })
          .get();
        writeAudit(tx, ctx, { action: 'create', entity: 'agenda_item', entityId: item.id, before: null, after: { meetingId: meeting.id, petitionId, position } });
        const status = meeting.body === 'mt_board' ? 'in_progress' : petition.status;
        setPetitionStatus(tx, ctx, petition, status, 'schedule', { meetingId: meeting.id, body: meeting.body });
      }
    },
    { behavior: 'immediate' },
  );
  return meetingDetail(ctx, input.meetingId);
}

export function removeFromAgenda(ctx: ServiceContext, input: { meetingId: number; petitionId: number }): MeetingDetail {
  ctx.register.db.transaction(
    (tx) => {
      const meeting = meetingRecord(tx, input.meetingId);
      const petition = petitionFacts(tx, input.petitionId);
      const items = itemsOf(tx, meeting.id);
      const item = items.find((i) => i.petitionId === petition.id);
      if (!item) throw new AppError('not_on_agenda', 'agenda.error.notOnAgenda', { ...named(petition), date: longDate(meeting.heldOn) });
      assertOpen(meeting);
      if (meeting.body === 'mt_board' && tx.select({ id: advice.id }).from(advice).where(eq(advice.agendaItemId, item.id)).get()) {
        throw new AppError('item_advised', 'agenda.error.removeAdvised', named(petition));
      }
      const decided = meeting.body === 'boex' ? currentDecisionOf(tx, petition.id) : null;
      if (decided) throw new AppError('item_decided', 'agenda.error.removeDecided', { ...named(petition), number: decided.number });

      tx.delete(agendaItems).where(eq(agendaItems.id, item.id)).run();
      const rest = items.filter((i) => i.id !== item.id);
      rest.forEach((i, index) => {
        if (i.position !== index + 1) tx.update(agendaItems).set({ position: index + 1 }).where(eq(agendaItems.id, i.id)).run();
      });
      writeAudit(tx, ctx, {
        action: 'delete',
        entity: 'agenda_item',
        entityId: item.id,
        before: { meetingId: meeting.id, petitionId: petition.id, position: item.position },
        after: null,
      });
      const status = meeting.body === 'mt_board' && petition.status === 'in_progress' ? 'submitted' : petition.status;
      setPetitionStatus(tx, ctx, petition, status, 'unschedule', { meetingId: meeting.id, body: meeting.body });
    },
    { behavior: 'immediate' },
  );
  return meetingDetail(ctx, input.meetingId);
}

/** The full new order: exactly the agenda's petitions, each once. */
export function reorderAgenda(ctx: ServiceContext, input: { meetingId: number; petitionIds: number[] }): MeetingDetail {
  ctx.register.db.transaction(
    (tx) => {
      const meeting = meetingRecord(tx, input.meetingId);
      assertOpen(meeting);
      const items = itemsOf(tx, meeting.id);
      const current = items.map((i) => i.petitionId);
      const wanted = input.petitionIds;
      const same = wanted.length === current.length && new Set(wanted).size === wanted.length && wanted.every((id) => current.includes(id));
      if (!same) throw new AppError('agenda_mismatch', 'agenda.error.reorderMismatch', { count: current.length });
      if (wanted.every((id, index) => current[index] === id) && items.every((i, index) => i.position === index + 1)) return;
      wanted.forEach((petitionId, index) => {
        const item = items.find((i) => i.petitionId === petitionId);
        if (item && item.position !== index + 1) tx.update(agendaItems).set({ position: index + 1 }).where(eq(agendaItems.id, item.id)).run();
      });
      writeAudit(tx, ctx, { action: 'reorder', entity: 'meeting', entityId: meeting.id, before: { order: current }, after: { order: wanted } });
    },
    { behavior: 'immediate' },
  );
  return meetingDetail(ctx, input.meetingId);
}
