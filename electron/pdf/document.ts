import PDFDocument from 'pdfkit';
import { FONT, registerFonts, type FontStyle } from './fonts';

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: readonly string[];
  /** BCP 47 tag of the text, such as 'en-GB', so that a screen reader speaks the right language. */
  lang: string;
  /** Taken from the input, never from the clock: exporting the same letter again gives the same bytes. */
  createdAt: Date;
}

/** A4 in points, with the margins of a letter; the bottom margin holds the footer. */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  margins: { top: 42, bottom: 52, left: 68, right: 68 },
} as const;

export const CONTENT_WIDTH = PAGE.width - PAGE.margins.left - PAGE.margins.right;

/** A run of text in one style; a paragraph of several runs flows as one text. */
export interface Run {
  text: string;
  style?: FontStyle;
}

export type TextOptions = PDFKit.Mixins.TextOptions;

/** The pdfkit document and the root of its structure tree, which every tagged block hangs from. */
export interface TaggedDocument {
  pdf: PDFKit.PDFDocument;
  root: PDFKit.PDFStructureElement;
}

type StructTag = 'P' | 'H1' | 'H2' | 'Figure' | 'Lbl' | 'LBody';

export function createDocument(info: DocumentInfo): TaggedDocument {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { ...PAGE.margins },
    subset: 'PDF/A-3b',
    tagged: true,
    pdfVersion: '1.7',
    lang: info.lang,
    displayTitle: true,
    // Footers ("Page 1 of 2") are written once the page count is known.
    bufferPages: true,
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Keywords: info.keywords.join(', '),
      Creator: 'BoEx Register',
      CreationDate: info.createdAt,
      ModDate: info.createdAt,
    },
  });
  escapeXmpInfo(pdf, info.createdAt);
  registerFonts(pdf);
  pdf.font(FONT.regular);
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  return { pdf, root };
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

interface PdfkitInternals {
  info: Record<string, unknown>;
  _addInfo(): void;
  appendXML(xml: string): void;
}

/**
 * pdfkit copies Title, Author, Subject and Keywords into the XMP metadata unescaped, so a course
 * called "Art & Science" would make the PDF/A metadata invalid XML. Escape them for that copy only
 * (the Info dictionary keeps the real text), and record the modification date there too: PDF/A
 * wants the Info dictionary and the XMP to agree.
 */
function escapeXmpInfo(pdf: PDFKit.PDFDocument, modified: Date): void {
  const doc = pdf as unknown as PdfkitInternals;
  const addInfo = doc._addInfo.bind(doc);
  doc._addInfo = () => {
    const info = doc.info;
    doc.info = Object.fromEntries(
      Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]),
    );
    try {
      addInfo();
    } finally {
      doc.info = info;
    }
    doc.appendXML(
      `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${xmpDate(modified)}</xmp:ModifyDate></rdf:Description>`,
    );
  };
}

/** The same form pdfkit uses for xmp:CreateDate. */
function xmpDate(date: Date): string {
  return `${date.toISOString().split('.')[0] ?? ''}Z`;
}

/** Draws inside a structure element, so assistive technology reads the block as what it is. */
export function tagged(
  doc: TaggedDocument,
  tag: StructTag,
  draw: () => void,
  options: PDFKit.Mixins.StructureElementOptions = {},
  parent: PDFKit.PDFStructureElement = doc.root,
): void {
  parent.add(doc.pdf.struct(tag, options, () => draw()));
}

function writeRuns(pdf: PDFKit.PDFDocument, runs: string | readonly Run[], options: TextOptions = {}): void {
  const list = typeof runs === 'string' ? [{ text: runs }] : runs;
  list.forEach((run, i) => {
    pdf.font(FONT[run.style ?? 'regular']).text(run.text, { ...options, continued: i < list.length - 1 });
  });
  pdf.font(FONT.regular);
}

export function paragraph(doc: TaggedDocument, runs: string | readonly Run[], options: TextOptions = {}): void {
  tagged(doc, 'P', () => writeRuns(doc.pdf, runs, options));
}

export function heading(doc: TaggedDocument, level: 1 | 2, text: string, options: TextOptions = {}): void {
  tagged(doc, level === 1 ? 'H1' : 'H2', () => writeRuns(doc.pdf, [{ text, style: 'bold' }], options));
}

/**
 * A bulleted list, tagged L > LI > Lbl + LBody. Drawn here rather than with pdfkit's list(), which
 * leaves the last item's marked content open and so cannot be followed by a page break.
 */
export function bulletList(doc: TaggedDocument, items: readonly string[], options: TextOptions & { indent: number }): void {
  const { pdf } = doc;
  const { indent, ...textOptions } = options;
  const left = pdf.x;
  const list = pdf.struct('L');
  doc.root.add(list);
  for (const item of items) {
    // The bullet and the first line of its text stay on the same page.
    keepSpace(pdf, pdf.currentLineHeight(true) * 2);
    const top = pdf.y;
    const entry = pdf.struct('LI');
    list.add(entry);
    tagged(doc, 'Lbl', () => {
      pdf.text('•', left + indent / 4, top, { lineBreak: false });
    }, {}, entry);
    tagged(doc, 'LBody', () => {
      pdf.text(item, left + indent, top, { ...textOptions, width: (textOptions.width ?? CONTENT_WIDTH) - indent });
    }, {}, entry);
    entry.end();
    pdf.x = left;
  }
  list.end();
}

/** Page furniture (rules, footers) that is not part of the text: marked so readers skip it. */
export function artifact(pdf: PDFKit.PDFDocument, draw: () => void): void {
  pdf.markContent('Artifact', { type: 'Pagination' });
  draw();
  pdf.endMarkedContent();
}

/** Starts a new page unless `height` points still fit above the bottom margin. */
export function keepSpace(pdf: PDFKit.PDFDocument, height: number): void {
  if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
}

/** Calls `draw` on every page once the layout is done, with the page number and the count. */
export function eachPage(pdf: PDFKit.PDFDocument, draw: (page: number, count: number) => void): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i += 1) {
    pdf.switchToPage(i);
    draw(i - start + 1, count);
  }
}

export function renderToBuffer(doc: TaggedDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.pdf.on('end', () => resolve(Buffer.concat(chunks)));
    doc.pdf.on('error', reject);
    doc.pdf.end();
  });
}
