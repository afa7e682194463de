// The decision term and the appeal window on a real register: the register's "overdue" filter and
// row clocks, the petition page's clock, the decisions' appeal dates, and the term as a setting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decisionForm, itemOf, lastAuditId, auditSince, newPetition, ok, onBoexAgenda, refused } from '../support/meetings';
import { translate } from '../../shared/i18n';
import { cleanUp, openTestRegister, type TestRegister } from '../support/register';

afterEach(cleanUp);

let t: TestRegister;
let now: Date;
beforeEach(() => {
  now = new Date('2025-03-01T09:30:00.000Z');
  t = openTestRegister({ now: () => now });
});

const overdueIds = () => ok(t, 'petitions.list', { overdue: true, sort: 'submittedOn', direction: 'asc' }).rows.map((r) => r.id);
const row = (id: number) => ok(t, 'petitions.list', { limit: 500 }).rows.find((r) => r.id === id)!;

/** Petitions on both sides of the eight weeks on 1 March 2025, one decided and one withdrawn long ago. */
function petitions() {
  const dueToday = newPetition(t, { submittedOn: '2025-01-04' }); // 56 days: due today, not overdue
  const dayOver = newPetition(t, { submittedOn: '2025-01-03' }); // 57 days
  const lastYear = newPetition(t, { submittedOn: '2024-08-30' }); // submitted in 23-24, still waiting in 24-25
  const decided = newPetition(t, { submittedOn: '2024-12-02' });
  const withdrawn = newPetition(t, { submittedOn: '2024-11-01' });
  ok(t, 'petitions.withdraw', { id: withdrawn });
  const detail = onBoexAgenda(t, [{ id: decided }]);
  ok(t, 'decisions.record', decisionForm(itemOf(detail, decided).id, { decidedOn: '2025-02-27' }));
  return { dueToday, dayOver, lastYear, decided, withdrawn };
}

describe('the decision term', () => {
  it('filters the petitions waiting longer than eight weeks, across academic years, and no decided or withdrawn one', () => {
    const p = petitions();
    expect(overdueIds()).toEqual([p.lastYear, p.dayOver]);
    expect(row(p.dayOver)).toMatchObject({ waitingDays: 57, overdue: true });
    expect(row(p.lastYear)).toMatchObject({ waitingDays: 183, overdue: true });
    expect(row(p.dueToday)).toMatchObject({ waitingDays: 56, overdue: false });
    expect(row(p.decided)).toMatchObject({ waitingDays: null, overdue: false });
    expect(row(p.withdrawn)).toMatchObject({ waitingDays: null, overdue: false });
    // The filter combines with the others, and counts what it lists.
    expect(ok(t, 'petitions.list', { overdue: true, academicYear: 2024 })).toMatchObject({ total: 1, rows: [{ id: p.dayOver }] });
  });

  it('moves with the calendar: tomorrow the petition due today is overdue', () => {
    const p = petitions();
    now = new Date('2025-03-02T08:00:00.000Z');
    expect(overdueIds()).toEqual([p.lastYear, p.dayOver, p.dueToday]);
  });

  it("shows the clock on the petition's page while it waits, and none once decided", () => {
    const p = petitions();
    expect(ok(t, 'petitions.get', { id: p.dayOver }).decisionClock).toEqual({ waitingDays: 57, dueOn: '2025-02-28', overdue: true });
    expect(ok(t, 'petitions.get', { id: p.dueToday }).decisionClock).toEqual({ waitingDays: 56, dueOn: '2025-03-01', overdue: false });
    expect(ok(t, 'petitions.get', { id: p.decided }).decisionClock).toBeNull();
    expect(ok(t, 'petitions.get', { id: p.withdrawn }).decisionClock).toBeNull();
  });

  it('is a setting: a longer term clears the overdue petitions, audited, and a bad term changes nothing', () => {
    const p = petitions();
    expect(ok(t, 'settings.deadlines', {})).toEqual({ decisionTermWeeks: 8 });
    const before = lastAuditId(t);
    expect(ok(t, 'settings.updateDeadlines', { decisionTermWeeks: 12 })).toEqual({ decisionTermWeeks: 12 });
    expect(auditSince(t, before)).toMatchObject([{ action: 'update', entity: 'settings' }]);
    expect(overdueIds()).toEqual([p.lastYear]);
    expect(ok(t, 'petitions.get', { id: p.dayOver }).decisionClock).toMatchObject({ dueOn: '2025-03-28', overdue: false });

    const unchanged = lastAuditId(t);
    for (const decisionTermWeeks of [0, 53, 2.5]) {
      const errors = refused(t, 'settings.updateDeadlines', { decisionTermWeeks });
      expect(errors.en.fields).toEqual({ decisionTermWeeks: translate('en', 'deadlines.error.term') });
      expect(errors.nl.fields).toEqual({ decisionTermWeeks: translate('nl', 'deadlines.error.term') });
    }
    expect(lastAuditId(t)).toBe(unchanged);
    expect(ok(t, 'settings.deadlines', {})).toEqual({ decisionTermWeeks: 12 });
  });
});

describe('the appeal window', () => {
  it('closes six weeks after each decision', () => {
    const id = newPetition(t, { submittedOn: '2025-01-10' });
    const detail = onBoexAgenda(t, [{ id }]);
    ok(t, 'decisions.record', decisionForm(itemOf(detail, id).id, { decidedOn: '2025-02-27' }));
    expect(ok(t, 'decisions.ofPetition', { petitionId: id })).toMatchObject([{ decidedOn: '2025-02-27', appealClosesOn: '2025-04-10' }]);
  });
});
