// `boex bench`: the register's calls as the UI makes them (through dispatch: zod parsing, the
// service, output checking), side by side with the same SQL as one raw prepared better-sqlite3
// statement, so the cost of every layer above SQLite is visible. Figures, never assertions: the
// machines are shared and noisy.
import { eq, fillPlaceholders } from 'drizzle-orm';
import { petitions, students } from '../../db/schema';
import { petitionListQuery, REGISTER_SORT_COLUMNS, type PetitionListQuery, type RegisterSortColumn } from '../../shared/schemas';
import type { ServiceContext } from './context';
import { dispatch } from './dispatch';
import { registerClock } from './deadline-settings';
import { registerQueries, registerValues, shouldGather } from './register-view';

export interface Figure {
  name: string;
  medianMs: number;
  p95Ms: number;
  rawMedianMs: number | null;
  rawP95Ms: number | null;
}

function time(run: () => unknown, iterations: number): { medianMs: number; p95Ms: number } {
  for (let i = 0; i < Math.min(5, iterations); i++) run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { medianMs: at(0.5), p95Ms: at(0.95) };
}

/**
 * The raw twin of a register page: the service's own two statements, prepared once and run bare
 * with the same values, the page gathered or walked as the service decides.
 */
function rawPage(ctx: ServiceContext, query: PetitionListQuery): () => unknown {
  const bound = registerValues(query, registerClock(ctx));
  const counting = registerQueries(ctx.register.db, query, false).total;
  const totalStatement = ctx.register.sqlite.prepare(counting.sql);
  const [total, all] = totalStatement.raw(true).get(...fillPlaceholders(counting.params, bound)) as [number, number];
  const { rows } = registerQueries(ctx.register.db, query, shouldGather(query, total, all));
  const rowsStatement = ctx.register.sqlite.prepare(rows.sql);
  return () => [rowsStatement.all(...fillPlaceholders(rows.params, bound)), totalStatement.get(...fillPlaceholders(counting.params, bound))];
}

const SORT_NAMES: Record<RegisterSortColumn, string> = {
  studentNumber: 'student number',
  name: 'name',
  course: 'course',
  institution: 'institution',
  ec: 'EC',
  level: 'level',
  findings: 'findings',
  status: 'status',
  submittedOn: 'submission date',
};

export function benchRegister(ctx: ServiceContext, { iterations = 50 }: { iterations?: number } = {}): Figure[] {
  const { db } = ctx.register;
  const sample = db
    .select({ id: petitions.id, studentNumber: students.studentNumber, familyName: students.familyName })
    .from(petitions)
    .innerJoin(students, eq(students.id, petitions.studentId))
    .limit(1)
    .get();
  if (!sample) throw new Error('The register is empty: run `boex seed` first.');
  const year = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;

  const pages: Array<[string, Partial<PetitionListQuery>]> = [
    ['register: first page, default view', {}],
    ['register: filtered (submitted, in progress; this academic year)', { statuses: ['submitted', 'in_progress'], academicYear: year }],
    ['register: filtered (has errors, applied sciences)', { hasErrors: true, institutionKinds: ['applied_sciences'] }],
    ['register: filtered (overdue)', { overdue: true }],
    ['register: filtered (withdrawn, a rare status), sorted by name', { statuses: ['withdrawn'], sort: 'name', direction: 'asc' }],
    ...REGISTER_SORT_COLUMNS.filter((sort) => sort !== 'submittedOn').map(
      (sort): [string, Partial<PetitionListQuery>] => [`register: sorted by ${SORT_NAMES[sort]}`, { sort, direction: 'asc' }],
    ),
    ['register: sorted by institution, page 50', { sort: 'institution', direction: 'asc', offset: 4900 }],
    ['register: sorted by name descending, page 200', { sort: 'name', direction: 'desc', offset: 19_900 }],
    ['register: search a name ("zoe")', { search: 'zoe' }],
    ['register: search a name, sorted by name ("zoe")', { search: 'zoe', sort: 'name', direction: 'asc' }],
    [`register: search a student number ("${sample.studentNumber.slice(0, 6)}")`, { search: sample.studentNumber.slice(0, 6) }],
    ['register: search two words ("machine learn")', { search: 'machine learn' }],
    ['register: search punctuation ("%")', { search: '%' }],
  ];
  const figures: Figure[] = pages.map(([name, input]) => {
    const query = petitionListQuery.parse(input);
    const service = time(() => mustSucceed(dispatch(ctx, 'petitions.list', input, 'en')), iterations);
    const raw = time(rawPage(ctx, query), iterations);
    return { name, ...service, rawMedianMs: raw.medianMs, rawP95Ms: raw.p95Ms };
  });

  const single: Array<[string, () => unknown]> = [
    ['petition page (facts, findings, history)', () => mustSucceed(dispatch(ctx, 'petitions.get', { id: sample.id }, 'en'))],
    ["student's standing (form's live rules)", () => mustSucceed(dispatch(ctx, 'students.rulesContext', { studentNumber: sample.studentNumber }, 'en'))],
  ];
  for (const [name, run] of single) figures.push({ name, ...time(run, iterations), rawMedianMs: null, rawP95Ms: null });
  return figures;
}

const IMPORT_HEADER =
  'student_number,given_name,family_name,email,course_code,course_title,institution,institution_kind,country,ec,level,start_date,honours,submitted_on,motivation';

/** A CSV of `rows` new petitions; `batch` keeps every run's student numbers apart. */
export function importCsv(rows: number, batch: number): string {
  const lines = [IMPORT_HEADER];
  for (let i = 0; i < rows; i++) {
    const number = `s9${String(batch).padStart(2, '0')}${String(i).padStart(4, '0')}`;
    lines.push(`${number},Zoë,Bench ${batch},${number}@umail.leidenuniv.nl,BEN${i % 40},Benchmark Course ${i % 40},Bench University ${i % 7},university,Netherlands,5,master,2027-02-01,no,2026-11-20,`);
  }
  return lines.join('\n');
}

/** Imports of 1,000 rows, each run new petitions, into the register given (use a copy: it grows). */
export function benchImport(ctx: ServiceContext, { runs = 5, rows = 1000 }: { runs?: number; rows?: number } = {}): Figure {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const csv = importCsv(rows, run);
    const started = performance.now();
    mustSucceed(dispatch(ctx, 'petitions.import', { csv, fileName: `bench-${run}.csv` }, 'en'));
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { name: `import of ${rows.toLocaleString('en-GB')} rows (one transaction)`, medianMs: at(0.5), p95Ms: at(0.95), rawMedianMs: null, rawP95Ms: null };
}

function mustSucceed(result: ReturnType<typeof dispatch>): unknown {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function formatFigures(figures: Figure[]): string {
  const ms = (n: number | null) => (n === null ? '—' : n.toFixed(2));
  const lines = [
    '| call | median ms | p95 ms | raw median ms | raw p95 ms | ratio (p95) |',
    '|---|---:|---:|---:|---:|---:|',
    ...figures.map(
      (f) =>
        `| ${f.name} | ${ms(f.medianMs)} | ${ms(f.p95Ms)} | ${ms(f.rawMedianMs)} | ${ms(f.rawP95Ms)} | ${f.rawP95Ms ? (f.p95Ms / f.rawP95Ms).toFixed(2) : '—'} |`,
    ),
  ];
  return lines.join('\n');
}
