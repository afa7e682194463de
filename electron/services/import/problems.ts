// A problem with an import file, kept as a catalogue key until the moment it becomes a sentence,
// so the same finding reads right in English and in Dutch.
import type { MessageParams } from '../../../shared/errors';
import { catalogues, translate, type Language, type MessageKey } from '../../../shared/i18n';

export interface Problem {
  /** The physical line of the file where the row starts (the header is line 1); null for the file as a whole. */
  line: number | null;
  /** The CSV column the problem is about, as the file names it. */
  column: string | null;
  key: MessageKey;
  params?: MessageParams;
}

export interface ProblemSentence {
  line: number | null;
  column: string | null;
  message: string;
}

export function problem(line: number | null, column: string | null, key: MessageKey, params: MessageParams = {}): Problem {
  return { line, column, key, params };
}

/** "Line 7, column ec: enter the EC as a number above 0, e.g. 5 or 7.5." */
export function toSentence(p: Problem, lang: Language): ProblemSentence {
  const detail = translate(lang, p.key, p.params);
  if (p.line === null) return { line: null, column: p.column, message: detail };
  // After "Line 7:" the detail continues the sentence, so its first word loses its capital; a
  // detail that opens with a name (a placeholder) keeps it.
  const continued = catalogues[lang][p.key].startsWith('{{') ? detail : detail.charAt(0).toLowerCase() + detail.slice(1);
  const message =
    p.column === null
      ? translate(lang, 'import.problem.line', { line: p.line, detail: continued })
      : translate(lang, 'import.problem.lineColumn', { line: p.line, column: p.column, detail: continued });
  return { line: p.line, column: p.column, message };
}

/** File-wide problems first, then by line, then in the order the columns were checked. */
export function byLine(a: Problem, b: Problem): number {
  return (a.line ?? 0) - (b.line ?? 0);
}
