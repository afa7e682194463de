// CSV for Excel, as every export of the register writes it: UTF-8 with a byte order mark (without
// it Excel reads UTF-8 as the Windows code page and mangles names such as Łukasz or Дмитрий), a
// header row, values separated by semicolons, CRLF line ends, and quotes where a value holds a
// separator, quote or line break (RFC 4180). Semicolons, in both languages: Excel splits a file
// it opens on the list separator of the computer's regional settings, and Dutch settings (which
// the university's computers have, whatever language the screens are in) use the semicolon,
// because the comma is their decimal separator. Dates are ISO 8601, which Excel reads either way.
import Papa from 'papaparse';

/** Cells a spreadsheet would run as a formula (=, +, -, @, or a tab or return first) get a leading apostrophe. */
const FORMULA = /^[=+\-@\t\r]/;

export function excelCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const csv = Papa.unparse({ fields: [...header], data: rows.map((row) => [...row]) }, { delimiter: ';', newline: '\r\n', escapeFormulae: FORMULA });
  return `\uFEFF${csv}\r\n`;
}
