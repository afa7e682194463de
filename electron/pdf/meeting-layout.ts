// The layout the meeting pack and the decision list share: their colours, a tagged table that
// breaks across pages with its header drawn again, a row of facts (label over value), the footer,
// the check that the fonts can show every text, and rendering to bytes in one synchronous step.
import type { Message } from '../../shared/rules';
import { artifact, eachPage, tagged, type TaggedDocument } from './document';
import { PdfError } from './errors';
import { FONT, unsupportedCharacters, type FontStyle } from './fonts';

export const COLOR = {
  ink: '#1a1a1a',
  muted: '#5c6370',
  accent: '#001158',
  rule: '#c9cdd4',
  faintRule: '#e3e6ea',
  headerFill: '#eef0f6',
  shade: '#f7f8fa',
  error: '#9b1c1c',
  warning: '#7a4a00',
  info: '#2f4f6f',
} as const;

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** One line of a table cell: a cell holds several, each in its own style (a name, then a number). */
export interface Line {
  text: string;
  style?: FontStyle;
  size?: number;
  color?: string;
}

export interface TableColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

export interface TableOptions {
  x: number;
  columns: readonly TableColumn[];
  /** Each row has one cell per column; each cell is its lines, top to bottom. */
  rows: ReadonlyArray<ReadonlyArray<readonly Line[]>>;
  /** Font size of the lines that give none. */
  size: number;
  /** Starts a new page and puts pdf.y at its top; the header row follows on it. */
  addPage: () => void;
  /** Lines of a row are kept together on a page; a row is shaded when this says so. */
  shaded?: (rowIndex: number) => boolean;
  /** Called with each row's page number (1-based) as the row is placed. */
  onRow?: (rowIndex: number, page: number) => void;
}

const PAD = { x: 4, y: 3.5 } as const;
const LINE_GAP = 1;

function lineHeight(pdf: PDFKit.PDFDocument, line: Line, size: number, width: number): number {
  if (!line.text) return 0;
  return pdf.font(FONT[line.style ?? 'regular']).fontSize(line.size ?? size).heightOfString(line.text, { width, lineGap: LINE_GAP });
}

function cellHeight(pdf: PDFKit.PDFDocument, lines: readonly Line[], size: number, width: number): number {
  return lines.reduce((sum, line) => sum + lineHeight(pdf, line, size, width - 2 * PAD.x), 0) + 2 * PAD.y;
}

function drawCell(pdf: PDFKit.PDFDocument, lines: readonly Line[], size: number, x: number, y: number, column: TableColumn): void {
  pdf.y = y + PAD.y;
  for (const line of lines) {
    if (!line.text) continue;
    pdf
      .font(FONT[line.style ?? 'regular'])
      .fontSize(line.size ?? size)
      .fillColor(line.color ?? COLOR.ink)
      .text(line.text, x + PAD.x, pdf.y, { width: column.width - 2 * PAD.x, align: column.align ?? 'left', lineGap: LINE_GAP });
  }
}

interface StructDictionary {
  dictionary: { data: Record<string, unknown> };
}

/** The current page's number, counted from 1: pages are only ever added at the end here. */
export function currentPage(pdf: PDFKit.PDFDocument): number {
  const { start, count } = pdf.bufferedPageRange();
  return start + count;
}

/**
 * A table tagged Table > TR > TH/TD, so a screen reader announces each value with its column.
 * Rows never split across pages; the header row is drawn again on every page as page furniture.
 */
export function drawTable(doc: TaggedDocument, options: TableOptions): void {
  const { pdf } = doc;
  const { columns, size, x } = options;
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const header = columns.map((c) => [{ text: c.header, style: 'bold' as const, size: size - 0.5, color: COLOR.accent }]);
  const heightOf = (cells: ReadonlyArray<readonly Line[]>): number =>
    Math.max(...cells.map((lines, i) => cellHeight(pdf, lines, size, columns[i]?.width ?? 0)));
  const bottom = (): number => pdf.page.height - pdf.page.margins.bottom;
  const table = pdf.struct('Table');
  doc.root.add(table);

  const drawRow = (cells: ReadonlyArray<readonly Line[]>, cellTag: 'TH' | 'TD' | null, fill: string | null, rule: string): void => {
    const top = pdf.y;
    const height = heightOf(cells);
    artifact(pdf, () => {
      if (fill) pdf.rect(x, top, width, height).fill(fill);
      pdf.moveTo(x, top + height).lineTo(x + width, top + height).lineWidth(0.5).strokeColor(rule).stroke();
    });
    const draw = (i: number, lines: readonly Line[]): void => {
      const column = columns[i];
      if (column) drawCell(pdf, lines, size, x + columns.slice(0, i).reduce((sum, c) => sum + c.width, 0), top, column);
    };
    if (cellTag === null) {
      artifact(pdf, () => cells.forEach((lines, i) => draw(i, lines)));
    } else {
      const row = pdf.struct('TR');
      table.add(row);
      cells.forEach((lines, i) => {
        const cell = pdf.struct(cellTag, {}, () => draw(i, lines));
        if (cellTag === 'TH') (cell as unknown as StructDictionary).dictionary.data.A = { O: 'Table', Scope: 'Column' };
        row.add(cell);
        cell.end();
      });
      row.end();
    }
    pdf.x = x;
    pdf.y = top + height;
  };

  const firstRowHeight = options.rows[0] ? heightOf(options.rows[0]) : 0;
  if (pdf.y + heightOf(header) + firstRowHeight > bottom()) options.addPage();
  drawRow(header, 'TH', COLOR.headerFill, COLOR.rule);
  options.rows.forEach((cells, index) => {
    if (pdf.y + heightOf(cells) > bottom()) {
      options.addPage();
      drawRow(header, null, COLOR.headerFill, COLOR.rule);
    }
    options.onRow?.(index, currentPage(pdf));
    drawRow(cells, 'TD', options.shaded?.(index) ? COLOR.shade : null, COLOR.faintRule);
  });
  table.end();
}

/**
 * Facts side by side, each a small label over its value, as the letter's reference row has them.
 * `weights` share the width out (equal shares without them).
 */
export function factRow(
  doc: TaggedDocument,
  facts: ReadonlyArray<readonly [label: string, value: string]>,
  area: { x: number; width: number },
  weights: readonly number[] = facts.map(() => 1),
): void {
  const { pdf } = doc;
  const top = pdf.y;
  const total = weights.reduce((sum, w) => sum + w, 0);
  const widths = facts.map((_, i) => (area.width * (weights[i] ?? 1)) / total);
  let bottom = top;
  facts.forEach(([label, value], i) => {
    const x = area.x + widths.slice(0, i).reduce((sum, w) => sum + w, 0);
    const columnWidth = widths[i] ?? 0;
    tagged(doc, 'P', () => pdf.font(FONT.regular).fontSize(7).fillColor(COLOR.muted).text(label, x, top, { width: columnWidth - 10 }));
    tagged(doc, 'P', () => pdf.font(FONT.regular).fontSize(9).fillColor(COLOR.ink).text(value, x, pdf.y + 1, { width: columnWidth - 10 }));
    bottom = Math.max(bottom, pdf.y);
  });
  pdf.x = area.x;
  pdf.y = bottom;
}

/** A thin line across the text area, outside the text. */
export function rule(pdf: PDFKit.PDFDocument, area: { x: number; width: number }, color: string = COLOR.rule, lineWidth = 0.5): void {
  const y = pdf.y;
  artifact(pdf, () => {
    pdf.moveTo(area.x, y).lineTo(area.x + area.width, y).lineWidth(lineWidth).strokeColor(color).stroke();
  });
}

/** The document and meeting on the left, "Page 1 of 3" on the right, inside the bottom margin. */
export function footers(doc: TaggedDocument, margins: Margins, left: string, right: (page: number, count: number) => string): void {
  const { pdf } = doc;
  eachPage(pdf, (page, count) => {
    const y = pdf.page.height - margins.bottom + 24;
    // Writing inside the margin would otherwise make pdfkit start yet another page.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    artifact(pdf, () => {
      const end = pdf.page.width - margins.right;
      pdf.moveTo(margins.left, y - 8).lineTo(end, y - 8).lineWidth(0.4).strokeColor('#b8bcc4').stroke();
      pdf.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted);
      const pageText = right(page, count);
      const pageWidth = pdf.widthOfString(pageText);
      pdf.text(left, margins.left, y, { lineBreak: false, width: end - margins.left - pageWidth - 16, ellipsis: true, height: 10 });
      pdf.text(pageText, end - pageWidth, y, { lineBreak: false });
    });
    pdf.page.margins.bottom = bottom;
  });
}

/** Where a text comes from (an item, the meeting), named in both languages, and its texts. */
export interface TextPlace {
  where: Message;
  texts: readonly string[];
}

/**
 * Refuses, before anything is drawn, texts with characters the fonts cannot show: pdfkit would
 * draw an empty box for each, which in a student's name is worse than a clear refusal.
 */
export function checkCharacters(places: readonly TextPlace[], sentence: (characters: string, where: Message) => Message): void {
  const missing = new Set<string>();
  const where: Message[] = [];
  for (const place of places) {
    const found = unsupportedCharacters(place.texts);
    if (found.length === 0) continue;
    for (const character of found) missing.add(character);
    where.push(place.where);
  }
  if (missing.size === 0) return;
  const shown = where.slice(0, 5);
  const more = where.length - shown.length;
  const list = (lang: 'en' | 'nl'): string => [...shown.map((w) => w[lang]), ...(more > 0 ? [lang === 'en' ? `${more} more` : `nog ${more}`] : [])].join('; ');
  throw new PdfError('text_unsupported_characters', sentence([...missing].join(' '), { en: list('en'), nl: list('nl') }));
}

/**
 * The finished document's bytes, at once. pdfkit writes the whole file inside end() (fonts,
 * compression and cross-reference table are all synchronous), so the bytes can be read from its
 * stream buffer directly: the API's handlers are synchronous, and this keeps them so.
 */
export function renderToBufferSync(doc: TaggedDocument): Buffer {
  const { pdf } = doc;
  pdf.end();
  const chunks: Buffer[] = [];
  for (let chunk = pdf.read() as Buffer | null; chunk !== null; chunk = pdf.read() as Buffer | null) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  if (!bytes.subarray(-8).toString('latin1').includes('%%EOF')) throw new Error('pdfkit did not finish the document synchronously');
  return bytes;
}
