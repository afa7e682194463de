// The MT Board's advice on an agenda item: support, not support, or defer, with its reasoning,
// recorded once. Deferring returns the petition to "submitted" (a candidate for a later MT Board
// meeting); support and not support keep it "in progress" and make it a BoEx candidate.
import { eq } from 'drizzle-orm';
import { advice, agendaItems } from '../../db/schema';
import { AppError } from '../../shared/errors';
import type { MeetingDetail } from '../../shared/meetings';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { assertOpen, meetingDetail, meetingRecord } from './meetings';
import { named, petitionFacts, setPetitionStatus, type Db } from './petition-facts';

export function agendaItemRecord(db: Db, id: number) {
  const item = db.select().from(agendaItems).where(eq(agendaItems.id, id)).get();
  if (!item) throw new AppError('not_found', 'agenda.error.itemNotFound');
  return item;
}

export function recordAdvice(
  ctx: ServiceContext,
  input: { agendaItemId: number; advice: 'support' | 'not_support' | 'defer'; reasoning: string },
): MeetingDetail {
  const meetingId = ctx.register.db.transaction(
    (tx) => {
      const item = agendaItemRecord(tx, input.agendaItemId);
      const meeting = meetingRecord(tx, item.meetingId);
      if (meeting.body !== 'mt_board') throw new AppError('not_mt_board', 'advice.error.notMtBoard');
      const petition = petitionFacts(tx, item.petitionId);
      if (tx.select({ id: advice.id }).from(advice).where(eq(advice.agendaItemId, item.id)).get()) {
        throw new AppError('advice_recorded', 'advice.error.alreadyRecorded', named(petition));
      }
      assertOpen(meeting);
      if (petition.status !== 'in_progress') {
        throw new AppError('petition_status', 'advice.error.petitionStatus', { ...named(petition), status: { key: `status.${petition.status}` } });
      }
      const recorded = {
        agendaItemId: item.id,
        petitionId: petition.id,
        advice: input.advice,
        reasoning: input.reasoning,
        recordedAt: ctx.now().toISOString(),
        recordedBy: ctx.actor,
      };
      const created = tx.insert(advice).values(recorded).returning({ id: advice.id }).get();
      writeAudit(tx, ctx, { action: 'create', entity: 'advice', entityId: created.id, before: null, after: { ...recorded, meetingId: meeting.id } });
      setPetitionStatus(tx, ctx, petition, input.advice === 'defer' ? 'submitted' : 'in_progress', 'advise', {
        meetingId: meeting.id,
        advice: input.advice,
      });
      return meeting.id;
    },
    { behavior: 'immediate' },
  );
  return meetingDetail(ctx, meetingId);
}
