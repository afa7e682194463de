// One row of cells becomes a petition through the same schema the form uses, so a value the form
// refuses is refused here too, with the column it came from.
import { isMessageKey, type MessageKey } from '../../../shared/i18n';
import { petitionInput, type PetitionInput } from '../../../shared/schemas';
import { COLUMNS, columnOfField, type Column } from './columns';
import type { CsvRow } from './csv';
import type { PlannedRow } from './plan';
import { problem, type Problem } from './problems';
import { dateValue, honoursValue, institutionKindValue } from './values';

type RowResult = { line: number; input: PetitionInput } | { line: number; problems: Problem[] };

/**
 * Where the form's sentence would mislead in a file: the form has a date picker and drop-downs, the
 * file has typed words, so these say which words the file may hold.
 */
const FILE_SENTENCES: Partial<Record<Column, Partial<Record<MessageKey, MessageKey>>>> = {
  start_date: { 'invalid.date': 'import.invalid.date' },
  submitted_on: { 'invalid.date': 'import.invalid.date' },
  level: { 'invalid.level': 'import.invalid.level' },
  institution_kind: { 'invalid.institutionKind': 'import.invalid.institutionKind' },
  honours: { 'invalid.value': 'import.invalid.honours' },
};

function sentenceFor(column: Column, message: string, cell: string): MessageKey {
  // An optional column never fails when empty, so an empty cell that fails was required.
  if (cell.trim() === '') return 'invalid.required';
  const key: MessageKey = isMessageKey(message) ? message : 'invalid.value';
  return FILE_SENTENCES[column]?.[key] ?? key;
}

function petitionOf(row: CsvRow): RowResult {
  const c = row.cells;
  // Words the import cannot place are handed on as typed, so the schema refuses them in its one place.
  const parsed = petitionInput.safeParse({
    studentNumber: c.student_number,
    givenName: c.given_name,
    familyName: c.family_name,
    email: c.email,
    courseCode: c.course_code,
    courseTitle: c.course_title,
    institution: c.institution,
    institutionKind: institutionKindValue(c.institution_kind) ?? c.institution_kind,
    country: c.country,
    ec: c.ec,
    level: c.level,
    courseStartDate: dateValue(c.start_date),
    honours: honoursValue(c.honours) ?? c.honours,
    submittedOn: dateValue(c.submitted_on),
    motivation: c.motivation,
  });
  if (parsed.success) return { line: row.line, input: parsed.data };

  const keys = new Map<Column, MessageKey>();
  for (const issue of parsed.error.issues) {
    const column = columnOfField(String(issue.path[0]));
    if (column && !keys.has(column)) keys.set(column, sentenceFor(column, issue.message, c[column]));
  }
  const problems = COLUMNS.flatMap((column) => {
    const key = keys.get(column);
    return key ? [problem(row.line, column, key)] : [];
  });
  return { line: row.line, problems: problems.length > 0 ? problems : [problem(row.line, null, 'invalid.value')] };
}

/**
 * The petitions the rows describe, and the problems of the rows that describe none. A row repeated
 * cell for cell is reported once, as a repeat, rather than with every problem of its first copy.
 */
export function petitionsOf(rows: readonly CsvRow[]): { valid: PlannedRow[]; problems: Problem[] } {
  const valid: PlannedRow[] = [];
  const problems: Problem[] = [];
  const lineOfCopy = new Map<string, number>();
  for (const row of rows) {
    const copy = JSON.stringify(COLUMNS.map((column) => row.cells[column].trim()));
    const first = lineOfCopy.get(copy);
    if (first !== undefined) {
      problems.push(problem(row.line, null, 'import.duplicateRow', { line: first }));
      continue;
    }
    lineOfCopy.set(copy, row.line);
    const result = petitionOf(row);
    if ('input' in result) valid.push(result);
    else problems.push(...result.problems);
  }
  return { valid, problems };
}
