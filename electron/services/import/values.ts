// How the words people put in a spreadsheet become the register's values. Only the spelling is
// forgiven here; whether a value is acceptable is decided by the petition schema, as in the form.
import { catalogues, LANGUAGES } from '../../../shared/i18n';
import { INSTITUTION_KINDS, type InstitutionKind } from '../../../shared/rules';

/** Case, spacing, "_" and "-" do not matter: "Applied_Sciences" and "applied sciences" are one word. */
function normalise(word: string): string {
  return word.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
}

/**
 * honours: yes/no, true/false, ja/nee, 1/0, and empty for no: what the web form, an English and a
 * Dutch spreadsheet write for a checkbox.
 */
const HONOURS: Record<string, boolean> = {
  yes: true,
  true: true,
  ja: true,
  '1': true,
  no: false,
  false: false,
  nee: false,
  '0': false,
  '': false,
};

export function honoursValue(cell: string): boolean | null {
  return HONOURS[normalise(cell)] ?? null;
}

/**
 * institution_kind: the register's own values (leiden, university, applied_sciences), the labels
 * the app shows for them in English and Dutch ("Research university", "Hogeschool (hbo)"), and the
 * words the board uses for them: WO for a research university, HBO or hogeschool for applied
 * sciences, where art schools belong too (SPEC.md, rule hbo.form).
 */
export const INSTITUTION_KIND_WORDS: Record<InstitutionKind, readonly string[]> = {
  leiden: ['leiden', 'leiden university', 'universiteit leiden'],
  university: ['university', 'research university', 'research', 'wo', 'universiteit', 'onderzoeksuniversiteit'],
  applied_sciences: [
    'applied sciences',
    'university of applied sciences',
    'hbo',
    'hogeschool',
    'art school',
    'kunstacademie',
  ],
};

const KIND_BY_WORD: ReadonlyMap<string, InstitutionKind> = new Map(
  INSTITUTION_KINDS.flatMap((kind) => [
    ...[kind, ...INSTITUTION_KIND_WORDS[kind]].map((word) => [normalise(word), kind] as const),
    ...LANGUAGES.map((lang) => [normalise(catalogues[lang][`kind.${kind}`]), kind] as const),
  ]),
);

export function institutionKindValue(cell: string): InstitutionKind | null {
  return KIND_BY_WORD.get(normalise(cell)) ?? null;
}

const DAY_FIRST = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;

/**
 * Dates as YYYY-MM-DD, or DD-MM-YYYY as a Dutch spreadsheet writes them (one-digit day and month
 * too). Slashes are not read: 02/10/2025 is 2 October in Leiden and February 10th in an American
 * export, and a wrong guess would go unnoticed. Whether the date exists is the schema's question.
 */
export function dateValue(cell: string): string {
  const text = cell.trim();
  const match = DAY_FIRST.exec(text);
  if (!match) return text;
  const [, day = '', month = '', year = ''] = match;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
