import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { academicYear, addDays, appealClosesOn, daysBetween, decisionClock, decisionDueOn } from '../../shared/rules';

const isoDate = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2150-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('daysBetween and addDays', () => {
  it.each([
    ['2025-08-31', '2025-09-01', 1], // across the academic year's boundary
    ['2024-02-28', '2024-03-01', 2], // a leap year
    ['2023-02-28', '2023-03-01', 1],
    ['2025-12-31', '2026-01-01', 1],
    ['2025-03-30', '2025-03-31', 1], // the night clocks go forward in Europe is still one day
    ['2025-10-26', '2025-10-27', 1], // and the night they go back
    ['2025-09-01', '2025-08-31', -1],
  ])('%s to %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(addDays(from, days)).toBe(to);
  });

  it('are each other\'s inverse', () => {
    fc.assert(fc.property(isoDate, fc.integer({ min: -4000, max: 4000 }), (date, n) => daysBetween(date, addDays(date, n)) === n));
  });

  it('refuse an impossible date or a fraction of a day', () => {
    expect(() => daysBetween('2024-02-30', '2024-03-01')).toThrow(RangeError);
    expect(() => addDays('2024-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('the decision term', () => {
  it('ends eight weeks after submission by default, across the academic year', () => {
    // Submitted in the summer of 24-25, due in 25-26.
    expect(decisionDueOn('2025-07-15')).toBe('2025-09-09');
    expect(academicYear('2025-07-15').label).toBe('24-25');
    expect(academicYear(decisionDueOn('2025-07-15')).label).toBe('25-26');
    expect(decisionDueOn('2024-01-10', 8)).toBe('2024-03-06'); // through 29 February
    expect(decisionDueOn('2025-11-01', 2)).toBe('2025-11-15');
  });

  it('is overdue from the day after the due date, not on it', () => {
    expect(decisionClock('2025-07-15', '2025-09-09')).toEqual({ waitingDays: 56, dueOn: '2025-09-09', overdue: false });
    expect(decisionClock('2025-07-15', '2025-09-10')).toEqual({ waitingDays: 57, dueOn: '2025-09-09', overdue: true });
    expect(decisionClock('2025-07-15', '2025-07-15').waitingDays).toBe(0);
  });

  it('counts the waiting days from submission, whatever the term', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 800 }), fc.integer({ min: 1, max: 52 }), (submitted, waited, weeks) => {
        const clock = decisionClock(submitted, addDays(submitted, waited), weeks);
        return clock.waitingDays === waited && clock.overdue === waited > weeks * 7;
      }),
    );
  });

  it('refuses a term that is not a whole number of weeks from one', () => {
    for (const weeks of [0, -1, 2.5]) expect(() => decisionDueOn('2025-01-01', weeks)).toThrow(RangeError);
  });
});

describe('the appeal window', () => {
  it('closes six weeks after the decision, on the same weekday', () => {
    expect(appealClosesOn('2025-08-28')).toBe('2025-10-09'); // decided in 24-25, closes in 25-26
    expect(appealClosesOn('2023-12-20')).toBe('2024-01-31');
    expect(appealClosesOn('2024-01-25')).toBe('2024-03-07'); // through 29 February
    fc.assert(
      fc.property(isoDate, (decided) => {
        const closes = appealClosesOn(decided);
        return daysBetween(decided, closes) === 42 && new Date(`${closes}T00:00:00Z`).getUTCDay() === new Date(`${decided}T00:00:00Z`).getUTCDay();
      }),
    );
  });
});
