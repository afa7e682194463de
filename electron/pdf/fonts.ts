import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * The app ships its own fonts: the PDF standard fonts are not embedded and cannot show names such
 * as Łukasz, Nguyễn or Дмитрий. DejaVu Sans covers Latin Extended (Vietnamese included), Greek and
 * Cyrillic; pdfkit embeds only the glyphs a letter uses.
 */
export const FONT = {
  regular: 'DejaVuSans',
  bold: 'DejaVuSans-Bold',
  oblique: 'DejaVuSans-Oblique',
} as const;

export type FontStyle = keyof typeof FONT;

const FILES: Record<FontStyle, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  oblique: 'DejaVuSans-Oblique.ttf',
};

/** What pdfkit's registerFont accepts besides a file: a font it has parsed already (fontkit's). */
type ParsedFont = Parameters<PDFKit.PDFDocument['registerFont']>[1] & { hasGlyphForCodePoint(codePoint: number): boolean };

let parsed: Record<FontStyle, ParsedFont> | undefined;

/**
 * Parsing DejaVu's tables costs more than laying out and compressing a whole letter, so the fonts
 * are read and parsed once per process and shared. pdfkit keeps the subset of used glyphs per
 * document, so sharing the parsed font does not carry glyphs from one letter into the next.
 */
function parsedFonts(): Record<FontStyle, ParsedFont> {
  if (!parsed) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const probe = new PDFDocument({ autoFirstPage: false });
    const parse = (style: FontStyle): ParsedFont => {
      probe.font(readFileSync(path.join(dir, FILES[style])));
      return (probe as unknown as { _font: { font: ParsedFont } })._font.font;
    };
    parsed = { regular: parse('regular'), bold: parse('bold'), oblique: parse('oblique') };
  }
  return parsed;
}

export function registerFonts(pdf: PDFKit.PDFDocument): void {
  const fonts = parsedFonts();
  for (const style of Object.keys(FONT) as FontStyle[]) pdf.registerFont(FONT[style], fonts[style]);
}

/**
 * Characters that one of the fonts cannot show. pdfkit would draw an empty box for each, which in
 * a student's name is worse than refusing: the secretary can enter a Latin spelling instead.
 */
export function unsupportedCharacters(texts: Iterable<string>): string[] {
  const fonts = Object.values(parsedFonts());
  const missing = new Set<string>();
  for (const text of texts) {
    for (const character of text) {
      if (/[\s\p{Cc}\p{Cf}]/u.test(character)) continue;
      const codePoint = character.codePointAt(0) ?? 0;
      if (fonts.some((font) => !font.hasGlyphForCodePoint(codePoint))) missing.add(character);
    }
  }
  return [...missing];
}
