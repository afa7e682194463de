// The MT Board's advice a BoEx decision rests on: the latest advice given on the petition, when it
// is support or not support (a deferred petition went back to the MT Board's agenda).
import { desc, eq, inArray } from 'drizzle-orm';
import { advice, agendaItems } from '../../db/schema';
import type { z } from 'zod';
import type { adviceRecord } from '../../shared/meetings';
import type { Db } from './petition-facts';

export type AdviceRecord = z.output<typeof adviceRecord>;

export function standingAdviceOf(db: Db, petitionId: number): AdviceRecord | null {
  const row = db
    .select({ a: advice, meetingId: agendaItems.meetingId })
    .from(advice)
    .innerJoin(agendaItems, eq(agendaItems.id, advice.agendaItemId))
    .where(eq(advice.petitionId, petitionId))
    .orderBy(desc(advice.id))
    .get();
  if (!row || !['support', 'not_support'].includes(row.a.advice)) return null;
  return { advice: row.a.advice, reasoning: row.a.reasoning, recordedAt: row.a.recordedAt, recordedBy: row.a.recordedBy, meetingId: row.meetingId };
}

/** The standing advice of each of these petitions, by petition. */
export function standingAdviceByPetition(db: Db, petitionIds: number[]): Map<number, AdviceRecord> {
  const byPetition = new Map<number, AdviceRecord>();
  if (petitionIds.length === 0) return byPetition;
  const rows = db
    .select({ a: advice, meetingId: agendaItems.meetingId })
    .from(advice)
    .innerJoin(agendaItems, eq(agendaItems.id, advice.agendaItemId))
    .where(inArray(advice.petitionId, petitionIds))
    .orderBy(desc(advice.id))
    .all();
  const seen = new Set<number>();
  for (const { a, meetingId } of rows) {
    if (seen.has(a.petitionId)) continue;
    seen.add(a.petitionId);
    if (a.advice === 'support' || a.advice === 'not_support') {
      byPetition.set(a.petitionId, { advice: a.advice, reasoning: a.reasoning, recordedAt: a.recordedAt, recordedBy: a.recordedBy, meetingId });
    }
  }
  return byPetition;
}
