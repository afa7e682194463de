// The file as a whole: is it a CSV text this import can read at all? Checked before any parsing,
// so a photo or a spreadsheet's binary file is refused with one sentence, not a thousand.
import { lineAt, lineStarts } from './lines';
import { problem, type Problem } from './problems';

/**
 * A year's petitions export is some hundreds of rows of a few hundred bytes: about 100 KB. 10 MB
 * (some 30,000 rows) is far beyond any real export, while it keeps the file, its parsed rows and
 * the preview comfortably in memory, and keeps the import's one transaction, during which the
 * register takes no other change, to seconds.
 */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const BOM = '\uFEFF';

/**
 * Bytes from disk as the text the import reads. The byte order mark is kept so the text's UTF-8
 * is the file byte for byte (its SHA-256 goes in the audit log); bytes that are not UTF-8 become
 * U+FFFD, which checkFile refuses.
 */
export function decodeImportBytes(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

export function tooLarge(bytes: number): Problem {
  return problem(null, null, 'import.tooLarge', { size: megabytes(bytes), limit: megabytes(MAX_IMPORT_BYTES) });
}

/** The reason the file cannot be read as CSV text, or null when it can. */
export function checkFile(text: string): Problem | null {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_IMPORT_BYTES) return tooLarge(bytes);
  // Text never holds a NUL byte; binary files (and UTF-16, which Excel calls "Unicode text") do.
  const nul = text.indexOf('\0');
  if (nul >= 0) return problem(lineAt(lineStarts(text), nul), null, 'import.binary');
  // A U+FFFD is what remains of bytes that were not UTF-8, such as Excel's plain "CSV" on Windows.
  const invalid = text.indexOf('\uFFFD');
  if (invalid >= 0) return problem(lineAt(lineStarts(text), invalid), null, 'import.notUtf8');
  if (withoutBom(text).trim() === '') return problem(null, null, 'import.empty');
  return null;
}
