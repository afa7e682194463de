/**
 * The clocks of a petition. The board must decide within a reasonable term, and the Awb (4:13)
 * says a term is in any case passed after eight weeks when no statutory term applies. An appeal
 * can be lodged within six weeks (Awb 6:7); the decision letter counts them "from the date of this
 * decision" (SPEC.md, the appeal clause), so the window's last day is the same weekday six weeks
 * after the decision date. (The Awb itself starts the term the day after the decision is made
 * known, 6:8: a letter sent later gives the student more time, never less.) Pure date arithmetic
 * on calendar dates: no clock, no time zone; leap days and academic-year boundaries are days.
 */
import { parseCalendarDate } from './dates';

/** The default term for a decision: eight weeks (Awb 4:13, second paragraph). */
export const DEFAULT_DECISION_TERM_WEEKS = 8;
/** The appeal term of the decision letter's appeal clause (Awb 6:7). */
export const APPEAL_TERM_WEEKS = 6;

const MS_PER_DAY = 86_400_000;

function dayNumber(date: string, what: string): number {
  const { year, month, day } = parseCalendarDate(date, what);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to, 'Date') - dayNumber(from, 'Date');
}

/** The date `days` calendar days after `date`. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Days ${days} is not a whole number`);
  return fromDayNumber(dayNumber(date, 'Date') + days);
}

/** The last day on which the board decides within the term: submission day plus the term in weeks. */
export function decisionDueOn(submittedOn: string, termWeeks = DEFAULT_DECISION_TERM_WEEKS): string {
  if (!Number.isInteger(termWeeks) || termWeeks < 1) throw new RangeError(`Term ${termWeeks} is not a whole number of weeks`);
  return addDays(submittedOn, termWeeks * 7);
}

/** The last day on which an appeal against a decision of `decidedOn` can be lodged. */
export function appealClosesOn(decidedOn: string): string {
  return addDays(decidedOn, APPEAL_TERM_WEEKS * 7);
}

/** Days since submission, and whether that is longer than the term. */
export function waitingFor(submittedOn: string, today: string, termWeeks = DEFAULT_DECISION_TERM_WEEKS): { waitingDays: number; overdue: boolean } {
  const waitingDays = Math.max(0, daysBetween(submittedOn, today));
  return { waitingDays, overdue: waitingDays > termWeeks * 7 };
}

export interface DecisionClock {
  /** Days since the petition was submitted. */
  waitingDays: number;
  dueOn: string;
  overdue: boolean;
}

/** The clock of a petition still waiting for a decision; overdue from the day after it was due. */
export function decisionClock(submittedOn: string, today: string, termWeeks = DEFAULT_DECISION_TERM_WEEKS): DecisionClock {
  return { ...waitingFor(submittedOn, today, termWeeks), dueOn: decisionDueOn(submittedOn, termWeeks) };
}
