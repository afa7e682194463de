// The yearly report's figures, computed by SQLite in two aggregate queries (one grouped count over
// the year's petitions, one median), so a register of 100,000 petitions answers in a fraction of a
// second without loading its rows into JavaScript. Reading only: there is no audit row.
//
// The definitions (shared/report.ts and the README say the same):
// - year: the academic year (1 September – 31 August, rules module) of the submission date; drafts
//   are left out, since the board has not received them;
// - outcome: the current decision's (one no correction replaced; the newest of them, should there be
//   more); without a decision in the register (petitions imported from before it), the status's;
// - advice: the MT Board's latest advice on the petition;
// - turnaround: days from submitted_on to decided_on of the petition's first decision;
// - late: the rule timing.late (submitted on or after the course's start date), checked here with
//   the same comparison, since petitions.finding_severity keeps only the most severe finding.
import { AppError } from '../../shared/errors';
import { PETITION_STATUSES, type PetitionStatus } from '../../shared/domain';
import {
  academicYearRange,
  academicYearStart,
  REPORT_ADVICE,
  type OutcomeCounts,
  type ReportAdvice,
  type ReportOutcome,
  type YearFigures,
} from '../../shared/report';
import { academicYear, INSTITUTION_KINDS, LEVELS, type InstitutionKind } from '../../shared/rules';
import type { Language } from '../../shared/i18n';
import { renderYearlyReport, reportWording, yearlyReportCsv } from '../pdf/report';
import type { ServiceContext } from './context';

/** One group of the year's petitions that agree on every dimension the report splits by. */
interface Group {
  status: PetitionStatus;
  kind: InstitutionKind;
  level: string;
  advice: ReportAdvice;
  outcome: ReportOutcome;
  late: 0 | 1;
  startUnknown: 0 | 1;
  petitions: number;
  creditedEc: number;
}

// The year's petitions with what each needs: its course, the current decision (the newest one that
// no correction replaced), the first decision, and the latest advice. Each is looked up per
// petition through the petition index of its table, so the cost follows the year's petitions, not
// the register's; the set of replaced decisions is read once (decisions have no index on
// replaces_id, so a NOT EXISTS per decision would scan the table for every row).
const YEAR_PETITIONS = `
  WITH replaced AS (SELECT replaces_id AS id FROM decisions WHERE replaces_id IS NOT NULL),
  linked AS (
    SELECT p.id, p.status, p.submitted_on, p.course_start_date, c.level, c.ec, i.kind,
      (SELECT d.id FROM decisions d WHERE d.petition_id = p.id AND d.id NOT IN (SELECT id FROM replaced) ORDER BY d.id DESC LIMIT 1) AS current_id,
      (SELECT min(d.id) FROM decisions d WHERE d.petition_id = p.id) AS first_id,
      (SELECT a.advice FROM advice a WHERE a.petition_id = p.id ORDER BY a.id DESC LIMIT 1) AS advice
    -- The year's petitions by their submission date first, then each one's course: CROSS JOIN
    -- keeps that order (without statistics the planner would rather start from the institutions
    -- and walk every course's petitions, several times slower).
    FROM petitions p
    CROSS JOIN courses c ON c.id = p.course_id
    CROSS JOIN institutions i ON i.id = c.institution_id
    WHERE p.submitted_on BETWEEN @from AND @to AND p.status <> 'draft'
  ),
  year_petitions AS (
    SELECT l.*, cd.outcome AS decided_outcome, cd.credited_ec AS decided_ec, fd.decided_on AS first_decided_on
    FROM linked l
    LEFT JOIN decisions cd ON cd.id = l.current_id
    LEFT JOIN decisions fd ON fd.id = l.first_id
  )`;

const GROUPS = `${YEAR_PETITIONS},
  outcomes AS (
    SELECT *,
      CASE
        WHEN decided_outcome IS NOT NULL THEN decided_outcome
        WHEN status IN ('approved', 'external_approved') THEN 'approved'
        WHEN status IN ('rejected', 'withdrawn') THEN status
        ELSE 'pending'
      END AS outcome
    FROM year_petitions
  )
  SELECT status, kind, level, coalesce(advice, 'none') AS advice, outcome,
    (course_start_date IS NOT NULL AND submitted_on >= course_start_date) AS late,
    (course_start_date IS NULL) AS startUnknown,
    count(*) AS petitions,
    -- Credited EC: the decision's; for a petition approved before the register, the course's EC
    -- rounded down (the SPEC's credited EC), since no decision says otherwise.
    coalesce(sum(CASE WHEN outcome = 'approved' THEN coalesce(decided_ec, CAST(ec AS INTEGER)) END), 0) AS creditedEc
  FROM outcomes
  GROUP BY 1, 2, 3, 4, 5, 6, 7`;

// The median of the days from submission to first decision: the middle value, or the mean of the
// two middle values when the count is even ((n+1)/2 and (n+2)/2 in integer division).
const TURNAROUND = `
  WITH days AS MATERIALIZED (
    SELECT CAST(round(julianday(fd.decided_on) - julianday(p.submitted_on)) AS INTEGER) AS d
    FROM petitions p
    CROSS JOIN decisions fd ON fd.id = (SELECT min(d.id) FROM decisions d WHERE d.petition_id = p.id)
    WHERE p.submitted_on BETWEEN @from AND @to AND p.status <> 'draft'
  ),
  ranked AS (SELECT d, row_number() OVER (ORDER BY d) AS rn, count(*) OVER () AS n FROM days)
  SELECT (SELECT count(*) FROM days) AS decided,
    (SELECT avg(d) FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2)) AS medianDays,
    (SELECT min(d) FROM days) AS minDays,
    (SELECT max(d) FROM days) AS maxDays`;

/** The academic year's first calendar year, or a sentence that says how to write it. */
export function startYearOf(label: string): number {
  const start = academicYearStart(label);
  if (start === null) throw new AppError('invalid_year', 'report.error.year', { year: label });
  return start;
}

const zeroOutcomes = (): OutcomeCounts => ({ approved: 0, rejected: 0, withdrawn: 0, pending: 0 });

export function yearFigures(ctx: ServiceContext, input: { academicYear: string }): YearFigures {
  const startYear = startYearOf(input.academicYear);
  const range = academicYearRange(startYear);
  const { sqlite } = ctx.register;
  const groups = sqlite.prepare(GROUPS).all(range) as Group[];
  const turnaround = sqlite.prepare(TURNAROUND).get(range) as YearFigures['turnaround'];

  const outcomes = zeroOutcomes();
  const statuses = new Map<PetitionStatus, number>(PETITION_STATUSES.map((s) => [s, 0]));
  const advice = new Map(REPORT_ADVICE.map((a) => [a, zeroOutcomes()]));
  const kinds = new Map(INSTITUTION_KINDS.map((k) => [k, { petitions: 0, approved: 0, creditedEc: 0 }]));
  const levels = new Map(LEVELS.map((l) => [String(l), { petitions: 0, approved: 0, creditedEc: 0 }]));
  const late = { petitions: 0, approved: 0, rejected: 0, startUnknown: 0 };
  let petitions = 0;
  let creditedEc = 0;

  for (const g of groups) {
    const approved = g.outcome === 'approved' ? g.petitions : 0;
    petitions += g.petitions;
    creditedEc += g.creditedEc;
    outcomes[g.outcome] += g.petitions;
    statuses.set(g.status, (statuses.get(g.status) ?? 0) + g.petitions);
    const row = advice.get(g.advice);
    if (row) row[g.outcome] += g.petitions;
    for (const breakdown of [kinds.get(g.kind), levels.get(g.level)]) {
      if (!breakdown) continue;
      breakdown.petitions += g.petitions;
      breakdown.approved += approved;
      breakdown.creditedEc += g.creditedEc;
    }
    if (g.late) {
      late.petitions += g.petitions;
      if (g.outcome === 'approved' || g.outcome === 'rejected') late[g.outcome] += g.petitions;
    }
    if (g.startUnknown) late.startUnknown += g.petitions;
  }

  return {
    academicYear: academicYear(range.from).label,
    ...range,
    petitions,
    outcomes,
    statuses: [...statuses].map(([status, n]) => ({ status, petitions: n })),
    adviceByOutcome: [...advice].map(([a, counts]) => ({ advice: a, ...counts })),
    institutionKinds: [...kinds].map(([kind, row]) => ({ kind, ...row })),
    levels: [...levels].map(([level, row]) => ({ level, ...row })),
    creditedEc,
    turnaround,
    late,
  };
}

/** The academic years with petitions (drafts not counted), newest first. */
export function reportYears(ctx: ServiceContext): Array<{ academicYear: string; petitions: number }> {
  // The academic year's first calendar year: the date's year, one less before September.
  const rows = ctx.register.sqlite
    .prepare(
      `SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) - (CAST(substr(submitted_on, 6, 2) AS INTEGER) < 9) AS startYear, count(*) AS petitions
       FROM petitions WHERE status <> 'draft' GROUP BY 1 ORDER BY 1 DESC`,
    )
    .all() as Array<{ startYear: number; petitions: number }>;
  return rows.map((r) => ({ academicYear: academicYear(`${r.startYear}-09-01`).label, petitions: r.petitions }));
}

/** The report as a file: its name in the document's language, and its content. */
export interface ReportDocument<Content extends Buffer | string> {
  fileName: string;
  content: Content;
  figures: YearFigures;
}

export function reportCsvDocument(ctx: ServiceContext, input: { academicYear: string; language?: Language }): ReportDocument<string> {
  const language = input.language ?? 'en';
  const figures = yearFigures(ctx, input);
  return { fileName: reportWording(language).fileName(figures.academicYear, 'csv'), content: yearlyReportCsv(figures, language), figures };
}

export async function reportPdfDocument(ctx: ServiceContext, input: { academicYear: string; language?: Language }): Promise<ReportDocument<Buffer>> {
  const language = input.language ?? 'en';
  const figures = yearFigures(ctx, input);
  const content = await renderYearlyReport({ figures, language, createdAt: ctx.now() });
  return { fileName: reportWording(language).fileName(figures.academicYear, 'pdf'), content, figures };
}

export function reportCsv(ctx: ServiceContext, input: { academicYear: string; language?: Language }): { fileName: string; csv: string } {
  const { fileName, content } = reportCsvDocument(ctx, input);
  return { fileName, csv: content };
}

export async function reportPdf(ctx: ServiceContext, input: { academicYear: string; language?: Language }): Promise<{ fileName: string; pdfBase64: string }> {
  const { fileName, content } = await reportPdfDocument(ctx, input);
  return { fileName, pdfBase64: content.toString('base64') };
}
