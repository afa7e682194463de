// The import parser's every rule, table by table: what each accepted spelling becomes, how the
// file's shape is read (BOM, separators, line ends, quotes) and the sentence each refusal gives,
// with its line. Whole files go through previewImport, the path the UI and the CLI take.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../electron/services/csv-import';
import { readCsv, separatorOf } from '../../electron/services/import/csv';
import { checkFile, decodeImportBytes, MAX_IMPORT_BYTES } from '../../electron/services/import/file';
import { lineAt, lineStarts } from '../../electron/services/import/lines';
import { petitionsOf } from '../../electron/services/import/rows';
import { INSTITUTION_KIND_WORDS } from '../../electron/services/import/values';
import type { Language } from '../../shared/i18n';
import type { PetitionInput } from '../../shared/schemas';
import { csvOf, HEADER, validCells, type CsvCells } from '../fixtures/import/rows';
import { cleanUp, openTestRegister, type TestRegister } from '../support/register';

let t: TestRegister;
beforeAll(() => {
  t = openTestRegister();
});
afterAll(cleanUp);

/** The petitions a file describes, or the test fails with its problems. */
function parsed(csv: string): PetitionInput[] {
  const file = checkFile(csv);
  expect(file).toBeNull();
  const content = readCsv(csv);
  const { valid, problems } = petitionsOf(content.rows);
  expect([...content.problems, ...problems]).toEqual([]);
  return valid.map((row) => row.input);
}

const one = (change: Partial<CsvCells>) => {
  const [input] = parsed(csvOf([validCells(change)]));
  if (!input) throw new Error('no petition parsed');
  return input;
};

const preview = (csv: string, lang: Language = 'en') => previewImport(t.ctx, { csv, lang });
const problemsOf = (csv: string, lang: Language = 'en') => preview(csv, lang).problems;

describe('values: every accepted spelling', () => {
  it.each([
    ['7.5', 7.5],
    ['7,5', 7.5],
    [' 5 ', 5],
    ['60', 60],
    ['2,5', 2.5],
  ])('ec %j → %j', (ec, expected) => {
    expect(one({ ec }).ec).toBe(expected);
  });

  it.each([
    ['2025-04-22', '2025-04-22'],
    ['22-04-2025', '2025-04-22'],
    ['1-9-2025', '2025-09-01'],
    [' 01-02-2026 ', '2026-02-01'],
    ['29-02-2024', '2024-02-29'],
    ['', null],
  ])('start_date %j → %j', (start_date, expected) => {
    expect(one({ start_date }).courseStartDate).toBe(expected);
  });

  it.each([
    ['2025-02-10', '2025-02-10'],
    ['10-02-2025', '2025-02-10'],
  ])('submitted_on %j → %j', (submitted_on, expected) => {
    expect(one({ submitted_on }).submittedOn).toBe(expected);
  });

  it.each([
    ['yes', true],
    ['Yes', true],
    ['TRUE', true],
    ['true', true],
    ['ja', true],
    ['Ja', true],
    ['1', true],
    ['no', false],
    ['NO', false],
    ['false', false],
    ['nee', false],
    ['0', false],
    ['', false],
    ['  ', false],
  ])('honours %j → %j', (honours, expected) => {
    expect(one({ honours }).honours).toBe(expected);
  });

  it.each([
    ['leiden', 'leiden'],
    ['Leiden', 'leiden'],
    ['Leiden University', 'leiden'],
    ['Universiteit Leiden', 'leiden'],
    ['university', 'university'],
    ['research university', 'university'],
    ['Research University', 'university'],
    ['WO', 'university'],
    ['Onderzoeksuniversiteit', 'university'],
    ['applied_sciences', 'applied_sciences'],
    ['applied sciences', 'applied_sciences'],
    ['Applied-Sciences', 'applied_sciences'],
    ['  applied   sciences ', 'applied_sciences'],
    ['hbo', 'applied_sciences'],
    ['HBO', 'applied_sciences'],
    ['hogeschool', 'applied_sciences'],
    ['University of applied sciences (HBO)', 'applied_sciences'],
    ['Hogeschool (hbo)', 'applied_sciences'],
    ['art school', 'applied_sciences'],
  ])('institution_kind %j → %j', (institution_kind, expected) => {
    expect(one({ institution_kind }).institutionKind).toBe(expected);
  });

  it('understands every word it documents', () => {
    for (const [kind, words] of Object.entries(INSTITUTION_KIND_WORDS)) {
      for (const institution_kind of words) expect(one({ institution_kind }).institutionKind).toBe(kind);
    }
  });

  it.each([
    ['400', 400],
    [' 100 ', 100],
    ['master', 'master'],
    ['Advanced', 'advanced'],
    ['introductory', 'introductory'],
  ])('level %j → %j', (level, expected) => {
    expect(one({ level }).level).toBe(expected);
  });

  it('trims text and keeps every script as written', () => {
    const input = one({ given_name: '  Αλέξανδρος ', family_name: 'Дмитриев', institution: ' Utrecht University ', motivation: '' });
    expect(input).toMatchObject({ givenName: 'Αλέξανδρος', familyName: 'Дмитриев', institution: 'Utrecht University', motivation: '' });
  });
});

describe('the shape of the file', () => {
  const rows = [validCells(), validCells({ student_number: 's7654321', given_name: 'Łukasz', family_name: 'Nowak' })];

  it.each([
    ['commas, \\n', { separator: ',', eol: '\n' }],
    ['semicolons, \\r\\n', { separator: ';', eol: '\r\n' }],
    ['semicolons with a BOM', { separator: ';', bom: true }],
    ['commas with a BOM, \\r\\n', { separator: ',', eol: '\r\n', bom: true }],
    ['old Mac line ends (\\r)', { separator: ',', eol: '\r' }],
  ] as const)('reads %s', (_, options) => {
    const result = preview(csvOf(rows, options));
    expect(result.problems).toEqual([]);
    expect(result.toCreate.map((r) => [r.line, r.studentNumber])).toEqual([
      [2, 's1234567'],
      [3, 's7654321'],
    ]);
  });

  it('takes the separator from the header line, whatever the rows hold', () => {
    expect(separatorOf('a;b;c\n1,5;2,5;3')).toBe(';');
    expect(separatorOf('a,b,c\n"1;2",3,4')).toBe(',');
    expect(separatorOf('\n  \r\na;b,c;d')).toBe(';');
  });

  it('reads a decimal comma unquoted in a semicolon file and quoted in a comma file', () => {
    expect(parsed(csvOf([validCells({ ec: '7,5' })], { separator: ';' }))[0]?.ec).toBe(7.5);
    const commaFile = csvOf([validCells({ ec: '7,5' })], { separator: ',' });
    expect(commaFile).toContain(',"7,5",');
    expect(parsed(commaFile)[0]?.ec).toBe(7.5);
  });

  it('matches header names trimmed, in any case and any order', () => {
    const header = [...HEADER].reverse().map((name, i) => (i % 2 ? ` ${name.toUpperCase()} ` : name));
    const result = preview(csvOf([validCells()], { header }));
    expect(result.problems).toEqual([]);
    expect(result.toCreate).toHaveLength(1);
  });

  it('counts physical lines, so a quoted motivation over three lines moves the next row down', () => {
    const csv = csvOf([
      validCells({ motivation: 'First line.\nSecond line.\nThird line.' }),
      validCells({ student_number: 's7654321', given_name: 'Łukasz', motivation: 'One "quoted" word; and a, comma' }),
      validCells({ student_number: 's1111111', ec: 'abc' }),
    ]);
    const result = preview(csv);
    expect(result.toCreate.map((r) => r.line)).toEqual([2, 5]);
    expect(result.problems.map((p) => p.line)).toEqual([6]);
    expect(parsed(csvOf([validCells({ motivation: 'a\r\nb' })], { eol: '\r\n' }))[0]?.motivation).toBe('a\r\nb');
  });

  it('skips blank lines and rows of empty cells, keeping every later line number true', () => {
    const csv = `${csvOf([validCells()])}\n,,\n , ,,,\n${csvOf([validCells({ student_number: 's7654321', ec: '0' })]).split('\n')[1]}\n\n`;
    const result = preview(csv);
    expect(result.rows).toBe(2);
    expect(result.problems).toEqual([expect.objectContaining({ line: 6, column: 'ec' })]);
  });

  it('forgives empty cells after the last column, as a stray separator leaves them', () => {
    const csv = csvOf([validCells()]).replace(/\n(?=.)/g, ',,\n').replace(/\n$/, ',\n');
    expect(preview(csv).problems).toEqual([]);
  });

  it('keeps a header that starts below blank lines at its own line', () => {
    const result = preview(`\n \n${csvOf([validCells({ ec: 'x' })], { separator: ';' })}`);
    expect(result.problems.map((p) => p.line)).toEqual([4]);
  });

  it('finds lines by offset at every kind of line end', () => {
    const text = 'a\nb\r\nc\rd';
    const starts = lineStarts(text);
    expect(starts).toEqual([0, 2, 5, 7]);
    expect([0, 1, 2, 4, 5, 7, 8].map((offset) => lineAt(starts, offset))).toEqual([1, 1, 2, 2, 3, 4, 4]);
  });

  it('decodes bytes with their BOM kept, so the text is the file byte for byte', () => {
    const bytes = Buffer.from(`\uFEFF${csvOf([validCells()], { separator: ';' })}`, 'utf8');
    const text = decodeImportBytes(bytes);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true);
  });
});

describe('refusals: one sentence each, with the line and column', () => {
  const row = (change: Partial<CsvCells>) => csvOf([validCells(), validCells({ student_number: 's7654321', ...change })]);

  it.each([
    [{ ec: '0' }, 'ec', 'Line 3, column ec: enter an EC between 0 and 60; a course cannot be worth 0 EC or more than 60.'],
    [{ ec: 'abc' }, 'ec', 'Line 3, column ec: enter the EC as a number above 0, e.g. 5 or 7.5.'],
    [{ ec: '61' }, 'ec', 'Line 3, column ec: enter an EC between 0 and 60; a course cannot be worth 0 EC or more than 60.'],
    [{ ec: '-5' }, 'ec', 'Line 3, column ec: enter the EC as a number above 0, e.g. 5 or 7.5.'],
    [{ ec: '' }, 'ec', 'Line 3, column ec: fill in this field.'],
    [{ level: '350' }, 'level', 'Line 3, column level: enter a level: 100 to 600 for a Leiden course, or master, advanced or introductory for a course elsewhere.'],
    [{ level: 'bachelor' }, 'level', 'Line 3, column level: enter a level: 100 to 600 for a Leiden course, or master, advanced or introductory for a course elsewhere.'],
    [{ submitted_on: '2024-02-30' }, 'submitted_on', 'Line 3, column submitted_on: enter a real date as YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-02-01 or 01-02-2026.'],
    [{ submitted_on: '30-02-2024' }, 'submitted_on', 'Line 3, column submitted_on: enter a real date as YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-02-01 or 01-02-2026.'],
    [{ submitted_on: '2023-02-29' }, 'submitted_on', 'Line 3, column submitted_on: enter a real date as YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-02-01 or 01-02-2026.'],
    [{ submitted_on: '02/10/2025' }, 'submitted_on', 'Line 3, column submitted_on: enter a real date as YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-02-01 or 01-02-2026.'],
    [{ submitted_on: '' }, 'submitted_on', 'Line 3, column submitted_on: fill in this field.'],
    [{ start_date: '31-04-2025' }, 'start_date', 'Line 3, column start_date: enter a real date as YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-02-01 or 01-02-2026.'],
    [{ institution_kind: 'polytechnic' }, 'institution_kind', 'Line 3, column institution_kind: enter leiden, university or applied_sciences (hbo, wo, research university and applied sciences are understood too).'],
    [{ institution_kind: '' }, 'institution_kind', 'Line 3, column institution_kind: fill in this field.'],
    [{ honours: 'maybe' }, 'honours', 'Line 3, column honours: enter yes or no (true/false, ja/nee and 1/0 are understood too); an empty cell means no.'],
    [{ student_number: 'S7654321' }, 'student_number', 'Line 3, column student_number: enter a student number as the letter s and seven digits, e.g. s1234567.'],
    [{ email: 'nobody' }, 'email', 'Line 3, column email: enter an email address, e.g. name@umail.leidenuniv.nl.'],
    [{ given_name: ' ' }, 'given_name', 'Line 3, column given_name: fill in this field.'],
    [{ course_title: 'x'.repeat(301) }, 'course_title', 'Line 3, column course_title: this is longer than the field allows; shorten it.'],
  ])('%j', (change, column, message) => {
    expect(problemsOf(row(change))).toEqual([{ line: 3, column, message }]);
  });

  it('names every bad column of a row, in the order of the columns', () => {
    const problems = problemsOf(row({ ec: 'abc', level: '350', submitted_on: '2024-02-30', institution_kind: 'polytechnic' }));
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'institution_kind'],
      [3, 'ec'],
      [3, 'level'],
      [3, 'submitted_on'],
    ]);
  });

  it('speaks Dutch when asked', () => {
    expect(problemsOf(row({ ec: 'abc' }), 'nl')).toEqual([
      { line: 3, column: 'ec', message: 'Regel 3, kolom ec: vul het aantal EC in als een getal boven 0, bijv. 5 of 7,5.' },
    ]);
    expect(problemsOf(row({ submitted_on: '2024-02-30' }), 'nl')[0]?.message).toBe(
      'Regel 3, kolom submitted_on: vul een bestaande datum in als JJJJ-MM-DD of DD-MM-JJJJ, bijv. 2026-02-01 of 01-02-2026.',
    );
    expect(problemsOf('', 'nl')[0]?.message).toBe('Het bestand is leeg. Kies de CSV-export van de verzoeken, met de kopregel.');
  });

  it('refuses a header with a column it does not know, naming the columns it wants', () => {
    const csv = csvOf([validCells()], { header: [...HEADER, 'remarks'] });
    expect(problemsOf(csv)).toEqual([
      {
        line: 1,
        column: 'remarks',
        message: `Line 1, column remarks: there is no column "remarks" in a petition import. Rename or remove it; the columns are ${HEADER.join(', ')}.`,
      },
    ]);
  });

  it('refuses a header without a column, naming it', () => {
    const csv = csvOf([validCells()], { header: HEADER.filter((c) => c !== 'ec') });
    expect(problemsOf(csv)).toEqual([
      {
        line: 1,
        column: 'ec',
        message: 'Line 1, column ec: the column "ec" is missing from the header row. Add it; its cells may stay empty where a value is optional.',
      },
    ]);
  });

  it('refuses a header with a column twice, and a header that is not the export at all', () => {
    expect(problemsOf(csvOf([validCells()], { header: [...HEADER, 'EC'] }))).toEqual([
      { line: 1, column: 'ec', message: 'Line 1, column ec: the column "ec" appears twice in the header row. Keep one of them.' },
    ]);
    const wrong = problemsOf('Name,Course,Grade\nZoë,INFOMCV,8\n');
    expect(wrong.map((p) => p.column)).toEqual(['name', 'course', 'grade', ...HEADER]);
    expect(wrong.every((p) => p.line === 1)).toBe(true);
  });

  it('refuses a column without a name in the header, by its position', () => {
    const header = [...HEADER.slice(0, 3), ' ', ...HEADER.slice(3)];
    expect(problemsOf(csvOf([validCells()], { header }))).toEqual([
      { line: 1, column: null, message: 'Line 1: column 4 of the header row has no name. Name it, or remove the column.' },
    ]);
  });

  it('refuses a row with too many or too few values, with a hint about unquoted separators', () => {
    const csv = `${csvOf([validCells()])}${csvOf([validCells({ student_number: 's7654321' })]).split('\n')[1]?.replace('7.5', '7,5')}\n`;
    expect(problemsOf(csv)).toEqual([
      {
        line: 3,
        column: null,
        message:
          'Line 3: this row has 16 values where the header has 15 columns. Check for a missing separator, or a separator inside a value that is not in quotes (in a comma-separated file, write "7,5" in quotes).',
      },
    ]);
    expect(problemsOf(`${csvOf([])}s1234567,Zoë\n`)[0]).toMatchObject({ line: 2, message: expect.stringContaining('has 2 values') });
  });

  it('refuses a quote that is never closed, at the line where its row starts', () => {
    const csv = `${csvOf([validCells()])}s7654321,"Łukasz,Nowak\n`;
    expect(problemsOf(csv)).toEqual([
      { line: 3, column: null, message: 'Line 3: a value in quotes is not closed. Check the quotes in this row: a quote inside a value is written twice ("").' },
    ]);
  });

  it('refuses a row that repeats an earlier one, saying which', () => {
    const csv = csvOf([validCells(), validCells({ student_number: 's7654321' }), validCells()]);
    expect(problemsOf(csv)).toEqual([
      {
        line: 4,
        column: null,
        message:
          'Line 4: this row is the same petition as line 2: same student number, institution, course code and submission date. Remove one of the two rows.',
      },
    ]);
  });

  it('refuses a row that is the same petition told differently (other motivation, other case of the institution)', () => {
    const csv = csvOf([validCells(), validCells({ motivation: 'Another text.', institution: 'UTRECHT UNIVERSITY', submitted_on: '10-02-2025' })]);
    expect(problemsOf(csv)).toEqual([expect.objectContaining({ line: 3, column: null, message: expect.stringContaining('same petition as line 2') })]);
  });

  it('reports a repeated bad row once, as a repeat', () => {
    const bad = validCells({ ec: '0' });
    expect(problemsOf(csvOf([bad, bad])).map((p) => [p.line, p.column])).toEqual([
      [2, 'ec'],
      [3, null],
    ]);
  });
});

describe('refusals of the file as a whole', () => {
  it.each([
    ['an empty file', ''],
    ['only a byte order mark', '\uFEFF'],
    ['only blank lines', '\n\r\n  \n'],
  ])('%s', (_, csv) => {
    expect(problemsOf(csv)).toEqual([{ line: null, column: null, message: 'The file is empty. Choose the CSV export of the petitions, with its header row.' }]);
  });

  it('a header without rows', () => {
    expect(problemsOf(csvOf([]))).toEqual([
      { line: null, column: null, message: 'The file has a header row but no petitions below it. Add one row per petition.' },
    ]);
  });

  it('a binary file: a PNG header and NUL bytes', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    expect(problemsOf(decodeImportBytes(png))).toEqual([
      {
        line: 3,
        column: null,
        message: 'Line 3: this is not a CSV text file: it contains NUL bytes, which text never holds. Export the petitions as CSV (UTF-8) and choose that file.',
      },
    ]);
  });

  it('a UTF-16 file, which holds NUL bytes too', () => {
    const utf16 = Buffer.from(csvOf([validCells()]), 'utf16le');
    expect(problemsOf(decodeImportBytes(utf16))[0]?.message).toContain('not a CSV text file');
  });

  it('a file that is not UTF-8 (Windows-1252, as Excel saves a plain "CSV"), at the first bad line', () => {
    const latin1 = Buffer.from(csvOf([validCells({ given_name: 'Zoe' }), validCells({ student_number: 's7654321', given_name: 'Zoë' })]), 'latin1');
    expect(problemsOf(decodeImportBytes(latin1))).toEqual([
      {
        line: 3,
        column: null,
        message: 'Line 3: this file is not UTF-8 text from this line on. Save it as "CSV UTF-8" (Excel\'s plain "CSV" is not UTF-8) and import that file.',
      },
    ]);
  });

  it(`a file over the limit of ${MAX_IMPORT_BYTES} bytes, measured in UTF-8 bytes, not characters`, () => {
    const header = csvOf([]);
    const justUnder = header + 'x'.repeat(MAX_IMPORT_BYTES - header.length);
    expect(checkFile(justUnder)).toBeNull();
    const over = header + 'ë'.repeat((MAX_IMPORT_BYTES - header.length) / 2 + 1);
    expect(over.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(problemsOf(over)).toEqual([
      { line: null, column: null, message: 'The file is 10.0 MB; an import takes at most 10.0 MB. Split it into smaller files and import them one after another.' },
    ]);
    const fifty = 'x'.repeat(50 * 1024 * 1024);
    expect(problemsOf(fifty)[0]?.message).toMatch(/^The file is 50\.0 MB; an import takes at most 10\.0 MB\./);
  });
});
