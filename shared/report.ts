// The yearly report for the programme's annual report: per academic year the petitions received,
// their outcomes, the MT Board's advice against the BoEx decision, institution kinds, levels, EC
// credited, the turnaround from submission to decision, and the late petitions. One schema for the
// screen, the PDF, the CSV and the command line.
//
// What counts (the service computes it; the README says the same):
// - a petition belongs to the academic year (1 September – 31 August) of its submission date;
//   drafts are not counted, since the board has not received them;
// - its outcome is that of its current decision (one no correction replaced); a petition without a
//   decision in the register counts by its status (approved / external approved → approved,
//   rejected, withdrawn), else as pending;
// - its advice is the MT Board's latest advice on it (after a deferral, the advice that followed);
// - turnaround is the days from the submission date to the date of its first decision (the one a
//   correction may later have replaced), over the petitions that have a decision in the register;
// - late is the rule timing.late: submitted on or after the course's start date.
import { z } from 'zod';
import { ADVICE_KINDS, PETITION_STATUSES, type PetitionStatus } from './domain';
import { LANGUAGES, type MessageKey } from './i18n';
import { academicYear, INSTITUTION_KINDS, isLevel, LEVELS, parseLevel, type InstitutionKind } from './rules';

const key = (k: MessageKey) => ({ error: k });

const LABEL = /^(\d{2})-(\d{2})$/;

/**
 * The first calendar year of an academic year written as the board writes it: '24-25' → 2024.
 * Two digits name a year from 1970 to 2069 (a register holds no petitions from before 1970).
 * Null for anything else, such as '2024', '24-26' or '24/25'.
 */
export function academicYearStart(label: string): number | null {
  const match = LABEL.exec(label.trim());
  if (!match) return null;
  const first = Number(match[1]);
  const startYear = first >= 70 ? 1900 + first : 2000 + first;
  // The rules module writes the label of a date; a label is right when it writes this one back.
  return academicYear(`${startYear}-09-01`).label === label.trim() ? startYear : null;
}

/** The first and last calendar day of an academic year: 2024 → 2024-09-01 … 2025-08-31. */
export function academicYearRange(startYear: number): { from: string; to: string } {
  return { from: `${startYear}-09-01`, to: `${startYear + 1}-08-31` };
}

export const academicYearLabel = z
  .string(key('report.invalid.year'))
  .trim()
  .refine((label) => academicYearStart(label) !== null, key('report.invalid.year'));

export const reportInput = z.object({
  academicYear: academicYearLabel,
  /** The language of the document (PDF, CSV), not of the app's sentences; English without it. */
  language: z.enum(LANGUAGES, key('invalid.value')).optional(),
});

/** How a petition ended up, for the report: by its current decision, or by its status. */
export const REPORT_OUTCOMES = ['approved', 'rejected', 'withdrawn', 'pending'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/** The colour of each outcome in the charts, the same on the screen and in the PDF. */
export const OUTCOME_COLOR: Readonly<Record<ReportOutcome, string>> = {
  approved: '#2b7a3d',
  rejected: '#9b1c1c',
  withdrawn: '#8a8f98',
  pending: '#c48a00',
};

/** The MT Board's latest advice on a petition, or none recorded. */
export const REPORT_ADVICE = [...ADVICE_KINDS, 'none'] as const;
export type ReportAdvice = (typeof REPORT_ADVICE)[number];

const count = z.number().int().nonnegative();
const outcomeCounts = z.object({ approved: count, rejected: count, withdrawn: count, pending: count });
export type OutcomeCounts = z.output<typeof outcomeCounts>;

/** Petitions of one kind of institution, or one level: how many, how many approved, and their credited EC. */
const breakdownRow = z.object({ petitions: count, approved: count, creditedEc: count });

export const yearFigures = z.object({
  academicYear: z.string(),
  /** The first and last day of the academic year (submission dates). */
  from: z.string(),
  to: z.string(),
  /** Petitions submitted in the year, drafts not counted. */
  petitions: count,
  outcomes: outcomeCounts,
  /** Every status, in the order of the petition's life, zeros included. */
  statuses: z.array(z.object({ status: z.enum(PETITION_STATUSES), petitions: count })),
  /** Rows: the MT Board's advice (support, not support, defer, none); columns: the outcome. */
  adviceByOutcome: z.array(outcomeCounts.extend({ advice: z.enum(REPORT_ADVICE) })),
  institutionKinds: z.array(breakdownRow.extend({ kind: z.enum(INSTITUTION_KINDS) })),
  /** Every level of the course (100–600, then the categories), zeros included. */
  levels: z.array(breakdownRow.extend({ level: z.enum(LEVELS.map(String) as [string, ...string[]]) })),
  /** Credited EC of the approved petitions: the current decision's, or the course's EC rounded down. */
  creditedEc: count,
  turnaround: z.object({
    /** Petitions with a decision in the register, over which the days are counted. */
    decided: count,
    /** Null when no petition of the year has a decision yet; a half day when the count is even. */
    medianDays: z.number().nullable(),
    minDays: z.number().int().nullable(),
    maxDays: z.number().int().nullable(),
  }),
  late: z.object({
    /** Submitted on or after the course's start date (rule timing.late). */
    petitions: count,
    approved: count,
    rejected: count,
    /** The course's start date is unknown, so timeliness cannot be told (rule timing.unknown). */
    startUnknown: count,
  }),
});
export type YearFigures = z.output<typeof yearFigures>;

export const reportYear = z.object({ academicYear: z.string(), petitions: count });

/**
 * The words of the report's categories in one language, from the catalogue: the screen and the
 * PDF both take theirs from here, each with its own translate function.
 */
export function reportCategoryWords(t: (key: MessageKey) => string, locale: 'en-GB' | 'nl-NL') {
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    number: (n: number): string => numbers.format(n),
    share: (n: number, total: number): string => (total === 0 ? '–' : `${Math.round((100 * n) / total)}%`),
    outcome: (o: ReportOutcome): string => t(`report.outcome.${o}`),
    advice: (a: ReportAdvice): string => (a === 'none' ? t('report.advice.none') : t(`meetings.advice.${a}`)),
    kind: (k: InstitutionKind): string => t(`kind.${k}`),
    level: (l: string): string => (isLevel(l) || /^\d+$/.test(l) ? t(`level.${parseLevel(l)}`) : l),
    status: (s: PetitionStatus): string => t(`status.${s}`),
  };
}

export const reportApi = {
  /** The figures of one academic year, written '24-25'. */
  'report.year': { input: reportInput.pick({ academicYear: true }), output: yearFigures },
  /** The academic years that have petitions, newest first. */
  'report.years': { input: z.object({}), output: z.array(reportYear) },
  /** The figures as CSV (semicolons, UTF-8 with a byte order mark) for a spreadsheet. */
  'report.csv': { input: reportInput, output: z.object({ fileName: z.string(), csv: z.string() }) },
  /** The figures as a PDF for the programme's annual report. Asynchronous, as every PDF call. */
  'report.pdf': { input: reportInput, output: z.object({ fileName: z.string(), pdfBase64: z.string() }) },
} as const;
