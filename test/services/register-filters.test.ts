// The register's stage and meeting filters, on petitions put through the board's work by dispatch:
// each stage finds exactly the petitions at that point, and stays on the petitions' indexes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillPlaceholders } from 'drizzle-orm';
import { registerQueries, registerValues } from '../../electron/services/register-view';
import { petitionListQuery, type RegisterStage } from '../../shared/schemas';
import { decisionForm, itemOf, newPetition, ok } from '../support/meetings';
import { cleanUp, openTestRegister, type TestRegister } from '../support/register';

afterEach(cleanUp);

let t: TestRegister;
beforeEach(() => {
  t = openTestRegister();
});

/** One petition at each stage: waiting, on the MT Board's agenda, advised, on the BoEx agenda, decided. */
function board() {
  const [waiting, onMt, advised, onBoex, decided] = Array.from({ length: 5 }, () => newPetition(t));
  const mt = ok(t, 'meetings.create', { body: 'mt_board', heldOn: '2025-02-20', cutoffOn: null, location: '' });
  let mtDetail = ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [onMt!, advised!, onBoex!, decided!] });
  for (const id of [advised!, onBoex!, decided!]) {
    mtDetail = ok(t, 'advice.record', { agendaItemId: itemOf(mtDetail, id).id, advice: 'support', reasoning: 'Fits the programme.' });
  }
  const boex = ok(t, 'meetings.create', { body: 'boex', heldOn: '2025-02-27', cutoffOn: null, location: '' });
  const boexDetail = ok(t, 'agenda.add', { meetingId: boex.id, petitionIds: [onBoex!, decided!] });
  ok(t, 'decisions.record', decisionForm(itemOf(boexDetail, decided!).id));
  return { waiting: waiting!, onMt: onMt!, advised: advised!, onBoex: onBoex!, decided: decided!, mt: mt.id, boex: boex.id };
}

const ids = (query: { stages?: RegisterStage[]; meetingId?: number | null }) => {
  const { rows, total } = ok(t, 'petitions.list', { ...query, sort: 'studentNumber', direction: 'asc' });
  expect(total).toBe(rows.length);
  return rows.map((r) => r.id).sort((a, b) => a - b);
};

describe('the stage filter', () => {
  it('finds the petitions at each stage of the board\'s work', () => {
    const b = board();
    expect(ids({ stages: ['awaiting_agenda'] })).toEqual([b.waiting]);
    expect(ids({ stages: ['mt_agenda'] })).toEqual([b.onMt]);
    expect(ids({ stages: ['advised'] })).toEqual([b.advised]);
    expect(ids({ stages: ['boex_agenda'] })).toEqual([b.onBoex]);
    expect(ids({ stages: ['decided'] })).toEqual([b.decided]);
  });

  it('shows a petition in any of several stages, and every petition without a stage', () => {
    const b = board();
    expect(ids({ stages: ['mt_agenda', 'decided'] })).toEqual([b.onMt, b.decided]);
    expect(ids({})).toEqual([b.waiting, b.onMt, b.advised, b.onBoex, b.decided]);
  });

  it('counts a deferred petition as neither advised nor on an agenda, and as waiting again once its meeting is closed', () => {
    const deferred = newPetition(t);
    const mt = ok(t, 'meetings.create', { body: 'mt_board', heldOn: '2025-02-20', cutoffOn: null, location: '' });
    const detail = ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [deferred] });
    expect(ids({ stages: ['mt_agenda'] })).toEqual([deferred]);
    ok(t, 'advice.record', { agendaItemId: itemOf(detail, deferred).id, advice: 'defer', reasoning: 'Not discussed.' });
    expect(ids({ stages: ['mt_agenda', 'advised'] })).toEqual([]);
    ok(t, 'meetings.update', { id: mt.id, heldOn: '2025-02-20', cutoffOn: null, location: '', status: 'closed' });
    expect(ids({ stages: ['mt_agenda', 'advised', 'boex_agenda', 'decided'] })).toEqual([]);
    // Deferred, it waits for a next agenda again.
    expect(ids({ stages: ['awaiting_agenda'] })).toEqual([deferred]);
  });

  it('refuses an unknown stage', () => {
    expect(petitionListQuery.safeParse({ stages: ['somewhere'] }).success).toBe(false);
  });
});

describe('the meeting filter', () => {
  it("finds the petitions on a meeting's agenda, alone and with a stage", () => {
    const b = board();
    expect(ids({ meetingId: b.mt })).toEqual([b.onMt, b.advised, b.onBoex, b.decided]);
    expect(ids({ meetingId: b.boex })).toEqual([b.onBoex, b.decided]);
    expect(ids({ meetingId: b.boex, stages: ['decided'] })).toEqual([b.decided]);
    expect(ids({ meetingId: 999 })).toEqual([]);
  });

  it('stays on indexes: no subquery scans a whole table', () => {
    board();
    const query = petitionListQuery.parse({ stages: ['awaiting_agenda', 'mt_agenda', 'advised', 'boex_agenda', 'decided'], meetingId: 1 });
    const { sql, params } = registerQueries(t.register.db, query, true).rows;
    const values = fillPlaceholders(params, registerValues(query, { today: '2026-01-15', termWeeks: 8 }));
    const plan = t.register.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as Array<{ detail: string }>;
    const scans = plan.map((row) => row.detail).filter((detail) => /^SCAN (ai|a|d|m|agenda_items|advice|decisions)\b/.test(detail));
    expect(scans).toEqual([]);
  });
});
