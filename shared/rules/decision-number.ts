import { academicYear } from './dates';

export const DEFAULT_DECISION_TEMPLATE = '{ay} LIACS {seq}';

const PLACEHOLDER = /\{(\w+)\}/g;
const SEQ_PLACEHOLDERS = ['seq', 'n'];

/**
 * '{ay} LIACS {seq}' → '22-23 LIACS 129'. `{n}` is kept as an alias of `{seq}` because the older
 * template was 'Besluit {n}'. An unknown placeholder is refused rather than printed: a typo in the
 * setting would otherwise end up in a signed decision letter.
 */
export function formatDecisionNumber(template: string, v: { date: string; seq: number }): string {
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  const unknown = names.filter((name) => !['ay', 'year', ...SEQ_PLACEHOLDERS].includes(name));
  if (unknown.length > 0) {
    throw new RangeError(
      `Decision number template ${JSON.stringify(template)} has unknown placeholder {${unknown[0]}}; use {ay}, {year}, {seq} or {n}`,
    );
  }
  if (!names.some((name) => SEQ_PLACEHOLDERS.includes(name))) {
    throw new RangeError(
      `Decision number template ${JSON.stringify(template)} has no {seq}, so numbers would repeat`,
    );
  }
  if (!Number.isSafeInteger(v.seq) || v.seq < 1) {
    throw new RangeError(`Decision sequence number must be a whole number from 1, got ${String(v.seq)}`);
  }
  const year = academicYear(v.date);
  const values: Record<string, string> = {
    ay: year.label,
    year: String(year.startYear).padStart(4, '0'),
    seq: String(v.seq),
    n: String(v.seq),
  };
  return template.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '');
}
