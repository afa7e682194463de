// Importing petitions from the programme's CSV export (issue 4, "CSV import"). The preview only
// reads; the import stores every new row or none, in one transaction, and skips rows the register
// already holds, so importing the same file twice changes nothing the second time.
import { createHash } from 'node:crypto';
import type { CallOutput } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Language } from '../../shared/i18n';
import type { RegisterDb } from '../../db/register';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { columnOfField } from './import/columns';
import { readCsv } from './import/csv';
import { checkFile } from './import/file';
import { planImport, type Plan, type PlannedRow } from './import/plan';
import { byLine, problem, toSentence, type Problem, type ProblemSentence } from './import/problems';
import { petitionsOf } from './import/rows';
import { petitionStore } from './import/store';
import { refreshFindingsOfStudents } from './findings';

export type ImportPreview = CallOutput<'petitions.importPreview'>;
export type ImportResult = CallOutput<'petitions.import'>;

/**
 * The call's input. The language travels with it because the preview's problems are sentences
 * made here, one per row, where the transports only translate the one error they return.
 */
export interface ImportInput {
  csv: string;
  fileName?: string | undefined;
  lang: Language;
}

/** Refused because of the file's problems; they travel along, so the command line can list each. */
export class ImportRefused extends AppError {
  constructor(readonly problems: ProblemSentence[]) {
    super(
      'import_invalid',
      problems.length === 1 ? 'import.refused.one' : 'import.refused',
      problems.length === 1 ? { problem: problems[0]?.message ?? '' } : { count: problems.length },
    );
    this.name = 'ImportRefused';
  }
}

interface Analysis {
  rows: number;
  plan: Plan;
  problems: Problem[];
}

const NOTHING: Plan = { toCreate: [], alreadyPresent: [], problems: [], newStudents: 0, newInstitutions: 0, newCourses: 0 };

function analyse(db: Pick<RegisterDb, 'select'>, csv: string): Analysis {
  const refused = checkFile(csv);
  if (refused) return { rows: 0, plan: NOTHING, problems: [refused] };
  const content = readCsv(csv);
  const { valid, problems: rowProblems } = petitionsOf(content.rows);
  const plan = planImport(db, valid);
  return { rows: content.count, plan, problems: [...content.problems, ...rowProblems, ...plan.problems].sort(byLine) };
}

const shown = ({ line, input }: PlannedRow) => ({
  line,
  studentNumber: input.studentNumber,
  name: `${input.givenName} ${input.familyName}`,
  courseCode: input.courseCode,
  courseTitle: input.courseTitle,
  institution: input.institution,
});

function present({ rows, plan, problems }: Analysis, lang: Language): ImportPreview {
  return {
    rows,
    toCreate: plan.toCreate.map(shown),
    alreadyPresent: plan.alreadyPresent.map((row) => ({ ...shown(row), petitionId: row.petitionId })),
    problems: problems.map((p) => toSentence(p, lang)),
    newStudents: plan.newStudents,
    newInstitutions: plan.newInstitutions,
    newCourses: plan.newCourses,
  };
}

export function previewImport(ctx: ServiceContext, input: ImportInput): ImportPreview {
  return present(analyse(ctx.register.db, input.csv), input.lang);
}

export function importPetitions(ctx: ServiceContext, input: ImportInput): ImportResult {
  return ctx.register.db.transaction(
    (tx) => {
      // Planned again under the write lock: the register may have changed since the preview.
      const analysis = analyse(tx, input.csv);
      if (analysis.problems.length > 0) throw new ImportRefused(analysis.problems.map((p) => toSentence(p, input.lang)));
      const store = petitionStore(tx, ctx);
      const students = new Set<number>();
      for (const row of analysis.plan.toCreate) students.add(storeRow(store, row, input.lang));
      refreshFindingsOfStudents(tx, students);
      const created = analysis.plan.toCreate.length;
      // An import that creates nothing changed nothing, and so leaves no trace in the audit log.
      if (created > 0) {
        writeAudit(tx, ctx, {
          action: 'import',
          entity: 'import',
          entityId: null,
          before: null,
          after: {
            fileName: input.fileName ?? null,
            rows: analysis.rows,
            created,
            alreadyPresent: analysis.plan.alreadyPresent.length,
            sha256: createHash('sha256').update(input.csv, 'utf8').digest('hex'),
          },
        });
      }
      return { ...present(analysis, input.lang), created };
    },
    { behavior: 'immediate' },
  );
}

/**
 * The plan should have found every row the service refuses; should the two ever disagree, the
 * refusal still names its line instead of failing the whole file without one.
 */
function storeRow(store: ReturnType<typeof petitionStore>, row: PlannedRow, lang: Language): number {
  try {
    return store(row.input).studentId;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const field = Object.keys(error.fields)[0];
    const column = field === undefined ? null : columnOfField(field);
    throw new ImportRefused([toSentence(problem(row.line, column, error.key, error.params), lang)]);
  }
}
