// Reading the export's text into rows of named cells, each with the line it starts on. Only the
// file's shape is checked here (header, separators, quotes); the values are the schema's concern.
import Papa from 'papaparse';
import { COLUMNS, columnName, isColumn, type Column } from './columns';
import { withoutBom } from './file';
import { lineAt, lineStarts } from './lines';
import { problem, type Problem } from './problems';

export interface CsvRow {
  line: number;
  cells: Record<Column, string>;
}

export interface CsvContent {
  /** Rows below the header, blank lines not counted. */
  count: number;
  rows: CsvRow[];
  problems: Problem[];
}

interface RawRow {
  start: number;
  cells: string[];
  quoteError: boolean;
}

/**
 * Spreadsheets with a Dutch locale separate with semicolons (the comma is their decimal sign);
 * others with commas. The header line holds no decimals, so whichever it has more of is the separator.
 */
export function separatorOf(text: string): ',' | ';' {
  const firstLine = /[^\r\n]*\S[^\r\n]*/.exec(text)?.[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

/** Empty cells after the last column are what a spreadsheet leaves of a stray separator: harmless. */
function withoutTrailingBlanks(names: string[]): string[] {
  let end = names.length;
  while (end > 0 && names[end - 1] === '') end--;
  return names.slice(0, end);
}

function rawRows(text: string, delimiter: string): RawRow[] {
  const rows: RawRow[] = [];
  let start = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    skipEmptyLines: false,
    // The cursor after one row is where the next begins: that is how each row learns its line.
    step: (result) => {
      rows.push({ start, cells: result.data, quoteError: result.errors.some((e) => e.type === 'Quotes') });
      start = result.meta.cursor;
    },
  });
  return rows;
}

function headerProblems(names: string[], line: number): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const [i, name] of names.entries()) {
    if (name === '') {
      problems.push(problem(line, null, 'import.header.unnamed', { position: i + 1 }));
    } else if (!isColumn(name)) {
      problems.push(problem(line, name, 'import.header.unknown', { column: name, columns: COLUMNS.join(', ') }));
    } else if (seen.has(name)) {
      problems.push(problem(line, name, 'import.header.duplicate', { column: name }));
    }
    seen.add(name);
  }
  for (const column of COLUMNS) {
    if (!seen.has(column)) problems.push(problem(line, column, 'import.header.missing', { column }));
  }
  return problems;
}

/** The rows below the header, or the problems that keep the file from being read as petitions. */
export function readCsv(fileText: string): CsvContent {
  const text = withoutBom(fileText);
  const starts = lineStarts(text);
  const all = rawRows(text, separatorOf(text)).filter((row) => !isBlank(row.cells));
  const [header, ...body] = all;
  if (!header) return { count: 0, rows: [], problems: [problem(null, null, 'import.empty')] };

  const names = withoutTrailingBlanks(header.cells.map(columnName));
  const problems = headerProblems(names, lineAt(starts, header.start));
  // Without the right columns no cell can be trusted to be what its column says.
  if (problems.length > 0) return { count: body.length, rows: [], problems };
  if (body.length === 0) return { count: 0, rows: [], problems: [problem(null, null, 'import.noRows')] };

  const rows: CsvRow[] = [];
  for (const row of body) {
    const line = lineAt(starts, row.start);
    if (row.quoteError) {
      problems.push(problem(line, null, 'import.row.quotes'));
      continue;
    }
    const extra = row.cells.slice(names.length);
    if (row.cells.length < names.length || !isBlank(extra)) {
      problems.push(problem(line, null, 'import.row.fieldCount', { found: row.cells.length, expected: names.length }));
      continue;
    }
    const cells = Object.fromEntries(names.map((name, i) => [name, row.cells[i] ?? ''])) as Record<Column, string>;
    rows.push({ line, cells });
  }
  return { count: body.length, rows, problems };
}
