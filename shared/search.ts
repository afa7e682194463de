// Letters the search index cannot fold by itself. FTS5's unicode61 tokenizer removes diacritics
// that Unicode decomposes (ë → e, ç → c), but Ł, Ø, Æ and their kin are letters of their own, so
// "Lukasz" would not find "Łukasz". The register folds these in the search document (migration
// 0005, which spells out the same pairs) and in what the user types, so both meet.
export const SEARCH_FOLDS: ReadonlyArray<readonly [string, string]> = [
  ['ł', 'l'],
  ['Ł', 'L'],
  ['ø', 'o'],
  ['Ø', 'O'],
  ['đ', 'd'],
  ['Đ', 'D'],
  ['ð', 'd'],
  ['Ð', 'D'],
  ['ħ', 'h'],
  ['Ħ', 'H'],
  ['ı', 'i'],
  ['æ', 'ae'],
  ['Æ', 'Ae'],
  ['œ', 'oe'],
  ['Œ', 'Oe'],
  ['ß', 'ss'],
  ['þ', 'th'],
  ['Þ', 'Th'],
];

const FOLD = new Map(SEARCH_FOLDS);
const FOLDABLE = new RegExp(`[${SEARCH_FOLDS.map(([letter]) => letter).join('')}]`, 'gu');

/** The text as the search index holds it: the letters above replaced, everything else as typed. */
export function foldForSearch(text: string): string {
  return text.replace(FOLDABLE, (letter) => FOLD.get(letter) ?? letter);
}
