// Decision numbers: drawn from a counter (a series) inside the same immediate transaction that
// stores the decision. SQLite lets one writer hold the lock at a time, and other processes wait
// for it (busy_timeout), so the max+1 read here cannot race another writer: numbers are unique,
// gap-free within their series and never reused; a refused or failed transaction leaves neither
// number nor decision behind. A writer that waits longer than the timeout gets SQLITE_BUSY before
// it reads anything, which the transports turn into the "busy" sentence.
import { eq, isNull, max, sql } from 'drizzle-orm';
import { decisions } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { academicYear, formatDecisionNumber } from '../../shared/rules';
import type { ServiceContext } from './context';
import { longDate, type Db } from './petition-facts';
import { readDecisionSettings } from './settings';

export interface DecisionNumber {
  number: string;
  series: string;
  seq: number;
}

/**
 * The counter a template draws from: one per academic year of the decision date when the number
 * names the year ({ay} or {year}), else one running counter for the register ('all').
 */
export function seriesOf(template: string, decidedOn: string): string {
  return /\{(ay|year)\}/.test(template) ? `ay:${academicYear(decidedOn).startYear}` : 'all';
}

/**
 * The counter of numbers the register holds without a series (imported ones, kept as written) that
 * this template would have made for this date: 'Besluit {n}' continues after an imported
 * 'Besluit 1642' instead of starting again at 1.
 */
function lastImportedSeq(tx: Db, template: string, decidedOn: string): number {
  const year = academicYear(decidedOn);
  const values: Record<string, string> = { ay: year.label, year: String(year.startYear).padStart(4, '0') };
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let counted = false;
  const pattern = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return escape(part);
      if (name !== 'seq' && name !== 'n') return escape(values[name] ?? '');
      // The first counter is the one read; a template may (oddly) repeat it.
      const group = counted ? '\\d+' : '(\\d+)';
      counted = true;
      return group;
    })
    .join('');
  const matcher = new RegExp(`^${pattern}$`);
  let last = 0;
  for (const { number } of tx.select({ number: decisions.number }).from(decisions).where(isNull(decisions.series)).all()) {
    const seq = Number(matcher.exec(number)?.[1] ?? 0);
    if (Number.isSafeInteger(seq) && seq > last) last = seq;
  }
  return last;
}

/** The next number of the series the settings' template gives for this date. Call inside the transaction that inserts the decision. */
export function nextDecisionNumber(tx: Db, decidedOn: string): DecisionNumber {
  const template = readDecisionSettings(tx).decisionNumberTemplate;
  const series = seriesOf(template, decidedOn);
  const last = tx.select({ seq: max(decisions.seq) }).from(decisions).where(eq(decisions.series, series)).get()?.seq ?? 0;
  const seq = Math.max(last, lastImportedSeq(tx, template, decidedOn)) + 1;
  let number: string;
  try {
    number = formatDecisionNumber(template, { date: decidedOn, seq });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new AppError('invalid_template', 'decision.error.templateNoSeq');
  }
  // Imported numbers (kept as they were, without a series) may already use this text.
  const taken = tx.select({ id: decisions.id }).from(decisions).where(eq(decisions.number, number)).get();
  if (taken) throw new AppError('number_taken', 'decision.error.numberTaken', { number });
  return { number, series, seq };
}

/** Today on the machine's calendar, as the secretary reads the date. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A decision is dated on the day it was taken: not after today, and not in an academic year whose
 * numbering is over, that is a year before the one of the latest decision in the register (its
 * numbers would be added behind a later year's, and a letter would carry an out-of-date number).
 */
export function checkDecisionDate(tx: Db, ctx: ServiceContext, decidedOn: string): void {
  const today = localDate(ctx.now());
  if (decidedOn > today) {
    throw new AppError('decision_date_future', 'decision.error.dateFuture', { date: longDate(decidedOn), today: longDate(today) }, { decidedOn: 'decision.error.dateFuture' });
  }
  const latest = tx.select({ on: sql<string | null>`max(${decisions.decidedOn})` }).from(decisions).get()?.on ?? null;
  if (latest === null) return;
  const year = academicYear(decidedOn);
  const latestYear = academicYear(latest);
  if (year.startYear < latestYear.startYear) {
    throw new AppError(
      'decision_year_closed',
      'decision.error.yearClosed',
      { date: longDate(decidedOn), year: year.label, latest: latestYear.label },
      { decidedOn: 'decision.error.yearClosed' },
    );
  }
}
