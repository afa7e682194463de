import type { Finding, InstitutionKind, Level } from '../../shared/rules';
import {
  CONTENT_WIDTH,
  PAGE,
  artifact,
  bulletList,
  createDocument,
  eachPage,
  heading,
  keepSpace,
  paragraph,
  renderToBuffer,
  tagged,
  type TaggedDocument,
} from './document';
import { PdfError } from './errors';
import { FONT, unsupportedCharacters } from './fonts';
import { checkSignatureImage } from './image';
import { wording, type LetterWording } from './wording';

export type LetterLanguage = 'en' | 'nl';

/**
 * Everything a decision letter says, already resolved by the service layer: texts from the
 * settings come in the letter's language, numbers as decided. SPEC.md, "Decision letters (PDF)".
 */
export interface DecisionLetter {
  language: LetterLanguage;
  /** Top left of the first page, in the letter's language; `contact` lines (address, e-mail) are optional. */
  letterhead: { university: string; faculty: string; board: string; contact?: string[] };
  place: string;
  /** YYYY-MM-DD. The date of the decision: the appeal term runs from it. */
  decisionDate: string;
  addressee: { name: string; studentNumber: string; email?: string };
  decision: {
    number: string;
    kind: 'individual' | 'general';
    outcome: 'approved' | 'rejected';
    /** The decision this one corrects: a decision is never edited once its letter is issued. */
    replacesNumber?: string;
  };
  course: {
    code: string;
    title: string;
    institution: string;
    institutionKind: InstitutionKind;
    level: Level;
    /** As the institution gives it, e.g. 7.5. */
    ec: number;
    /** Rounded down to a whole number, e.g. 7. */
    creditedEc: number;
  };
  reasons: {
    /** Who advised, as the letter names it: "Media Technology Board". */
    adviceBoard: string;
    adviceReasoning: string;
    /** The Board of Examiners' own reasoning (Awb 3:46); left out where it only repeats the advice. */
    boardReasoning?: string;
    /** The rules that applied, with their sentences in both languages. */
    findings: readonly Finding[];
    /** The article of the Rules and Regulations the decision rests on. */
    legalBasis: string;
  };
  /** Where the student sends the certified transcript after completing an approved course. */
  educationCoordinatorEmail: string;
  /** `boardName` without an article: "Examination Appeals Board …" / "College van Beroep voor de Examens …". */
  appeal: { boardName: string; address: string[] };
  signatory: { name: string; role: string; signatureImage?: Buffer };
  /** When the letter was first issued; kept for every re-export, so that it gives the same bytes. */
  createdAt: Date;
}

const INK = '#1a1a1a';
const MUTED = '#5c6370';
const ACCENT = '#001158';
const BODY = { size: 9, lineGap: 1.5 } as const;

export async function renderDecisionLetter(letter: DecisionLetter): Promise<Buffer> {
  if (letter.signatory.signatureImage) checkSignatureImage(letter.signatory.signatureImage);
  checkCharacters(letter);
  const text = wording(letter);
  const doc = createDocument({
    title: text.title,
    author: letter.letterhead.board,
    subject: text.subject,
    keywords: text.keywords,
    lang: text.lang,
    createdAt: letter.createdAt,
  });
  doc.pdf.fillColor(INK).fontSize(BODY.size).lineGap(BODY.lineGap);

  letterhead(doc, letter);
  addressAndReference(doc, letter, text);
  body(doc, letter, text);
  signature(doc, letter, text);
  footers(doc, letter, text);
  return renderToBuffer(doc);
}

function checkCharacters(letter: DecisionLetter): void {
  const missing = unsupportedCharacters(textsIn(letter));
  if (missing.length === 0) return;
  const shown = missing.join(' ');
  throw new PdfError('text_unsupported_characters', {
    en: `The letter's font cannot show these characters: ${shown}. Write them in Latin, Greek or Cyrillic script.`,
    nl: `Het lettertype van de brief kan deze tekens niet weergeven: ${shown}. Schrijf ze in Latijns, Grieks of Cyrillisch schrift.`,
  });
}

/** Every string the letter was given, wherever it sits. */
function* textsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* textsIn(item);
  else if (value && typeof value === 'object' && !Buffer.isBuffer(value) && !(value instanceof Date)) {
    for (const item of Object.values(value)) yield* textsIn(item);
  }
}

function letterhead(doc: TaggedDocument, letter: DecisionLetter): void {
  const { pdf } = doc;
  const { university, faculty, board, contact = [] } = letter.letterhead;
  const left = PAGE.margins.left;
  const right = PAGE.width - PAGE.margins.right;
  const contactWidth = 130;
  const nameWidth = CONTENT_WIDTH - contactWidth - 16;
  // One structure element per line, so that text taken from the tags keeps the lines apart.
  tagged(doc, 'P', () => pdf.fillColor(ACCENT).font(FONT.bold).fontSize(14).text(university, left, PAGE.margins.top, { width: nameWidth }));
  pdf.moveDown(0.1);
  tagged(doc, 'P', () => pdf.font(FONT.regular).fontSize(8.5).text(faculty, { width: nameWidth }));
  tagged(doc, 'P', () => pdf.font(FONT.bold).text(board, { width: nameWidth }));
  const nameBottom = pdf.y;
  pdf.y = PAGE.margins.top + 3;
  for (const line of contact) {
    tagged(doc, 'P', () => {
      pdf.font(FONT.regular).fontSize(7.5).fillColor(MUTED).text(line, right - contactWidth, pdf.y, { width: contactWidth, align: 'right' });
    });
  }
  const ruleY = Math.max(nameBottom, pdf.y) + 8;
  artifact(pdf, () => {
    pdf.moveTo(left, ruleY).lineTo(right, ruleY).lineWidth(0.6).strokeColor(ACCENT).stroke();
  });
  pdf.fillColor(INK).font(FONT.regular).fontSize(BODY.size);
  pdf.x = left;
  pdf.y = ruleY;
}

/** The addressee, then a row with the reference (place and date, number, kind), as Dutch letters have it. */
function addressAndReference(doc: TaggedDocument, letter: DecisionLetter, text: LetterWording): void {
  const { pdf } = doc;
  const left = PAGE.margins.left;

  const width = CONTENT_WIDTH * 0.6;
  const { email } = letter.addressee;
  tagged(doc, 'P', () => pdf.font(FONT.bold).fontSize(10).text(letter.addressee.name, left, pdf.y + 14, { width }));
  tagged(doc, 'P', () => pdf.font(FONT.regular).fontSize(BODY.size).text(text.studentNumber, { width }));
  if (email) tagged(doc, 'P', () => pdf.text(email, { width }));

  const top = pdf.y + 12;
  const columnWidth = CONTENT_WIDTH / text.reference.length;
  let bottom = top;
  text.reference.forEach(([label, value], i) => {
    const x = left + i * columnWidth;
    tagged(doc, 'P', () => pdf.font(FONT.regular).fontSize(7.5).fillColor(MUTED).text(label, x, top, { width: columnWidth - 12 }));
    tagged(doc, 'P', () => pdf.fontSize(BODY.size).fillColor(INK).text(value, { width: columnWidth - 12 }));
    bottom = Math.max(bottom, pdf.y);
  });
  pdf.x = left;
  pdf.y = bottom + 16;
}

function body(doc: TaggedDocument, letter: DecisionLetter, text: LetterWording): void {
  const { pdf } = doc;
  const width = CONTENT_WIDTH;
  const gap = (points: number): void => {
    pdf.y += points;
  };

  heading(doc, 1, text.subjectLine, { width });
  pdf.fontSize(BODY.size);
  gap(12);
  paragraph(doc, text.salutation, { width });
  gap(6);
  paragraph(doc, text.decision, { width });
  gap(4);
  details(doc, text.details);
  for (const note of text.notes) {
    gap(4);
    paragraph(doc, note, { width });
  }

  section(doc, text.reasonsHeading);
  if (letter.reasons.adviceReasoning.trim()) {
    paragraph(doc, text.adviceIntro, { width });
    gap(3);
    pdf.x = PAGE.margins.left + 16;
    paragraph(doc, [{ text: letter.reasons.adviceReasoning.trim(), style: 'oblique' }], { width: width - 16 });
    pdf.x = PAGE.margins.left;
    gap(6);
  }
  const boardReasoning = letter.reasons.boardReasoning?.trim() ?? '';
  if (boardReasoning && boardReasoning !== letter.reasons.adviceReasoning.trim()) {
    paragraph(doc, text.boardIntro, { width });
    gap(3);
    paragraph(doc, boardReasoning, { width });
    gap(6);
  }
  paragraph(doc, text.rulesIntro, { width });
  gap(3);
  bulletList(doc, text.rules, { width, indent: 16, paragraphGap: 2 });
  gap(3);
  paragraph(doc, text.legalBasis, { width });

  if (text.nextSteps) {
    section(doc, text.nextSteps.heading);
    bulletList(doc, text.nextSteps.items, { width, indent: 16, paragraphGap: 2 });
  }

  section(doc, text.appealHeading);
  paragraph(doc, [{ text: `${text.appeal} ` }, { text: letter.appeal.address.join(', '), style: 'bold' }], { width });
}

/** A heading kept together with the first lines under it. */
function section(doc: TaggedDocument, title: string): void {
  const { pdf } = doc;
  pdf.y += 9;
  keepSpace(pdf, 60);
  heading(doc, 2, title, { width: CONTENT_WIDTH });
  pdf.fontSize(BODY.size);
  pdf.y += 3;
}

/** Label and value rows, indented under the decision. */
function details(doc: TaggedDocument, rows: LetterWording['details']): void {
  const { pdf } = doc;
  const labelX = PAGE.margins.left + 16;
  const valueX = labelX + 80;
  const valueWidth = PAGE.width - PAGE.margins.right - valueX;
  for (const [label, value] of rows) {
    keepSpace(pdf, pdf.currentLineHeight(true) * 2);
    const top = pdf.y;
    tagged(doc, 'P', () => pdf.fillColor(MUTED).text(label, labelX, top, { width: valueX - labelX - 8, lineBreak: false }));
    tagged(doc, 'P', () => pdf.fillColor(INK).text(value, valueX, top, { width: valueWidth }));
    pdf.y += 0.5;
  }
  pdf.x = PAGE.margins.left;
}

function signature(doc: TaggedDocument, letter: DecisionLetter, text: LetterWording): void {
  const { pdf } = doc;
  const { name, role, signatureImage } = letter.signatory;
  // Room to sign a printed copy, or for the image: the same either way, so that adding an image
  // never pushes the letter onto a second page.
  const room = 40;
  pdf.y += 12;
  // Closing, "on behalf of", name and role: the block is never split over two pages.
  keepSpace(pdf, 4 * (pdf.currentLineHeight(true) + BODY.lineGap) + room);
  paragraph(doc, text.closing, { width: CONTENT_WIDTH });
  paragraph(doc, text.onBehalf, { width: CONTENT_WIDTH });
  if (signatureImage) {
    tagged(doc, 'Figure', () => {
      pdf.image(signatureImage, PAGE.margins.left, pdf.y + 4, { fit: [160, room - 8], valign: 'center' });
    }, { alt: name });
  }
  pdf.y += room;
  paragraph(doc, [{ text: name, style: 'bold' }], { width: CONTENT_WIDTH });
  paragraph(doc, role, { width: CONTENT_WIDTH });
}

/** Decision number on the left, "Page 1 of 2" on the right, inside the bottom margin. */
function footers(doc: TaggedDocument, letter: DecisionLetter, text: LetterWording): void {
  const { pdf } = doc;
  eachPage(pdf, (page, count) => {
    const y = PAGE.height - PAGE.margins.bottom + 26;
    // Writing inside the margin would otherwise make pdfkit start yet another page.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    artifact(pdf, () => {
      pdf.moveTo(PAGE.margins.left, y - 8).lineTo(PAGE.width - PAGE.margins.right, y - 8).lineWidth(0.4).strokeColor('#b8bcc4').stroke();
      pdf.font(FONT.regular).fontSize(7.5).fillColor(MUTED);
      pdf.text(`${letter.decision.number} · ${letter.addressee.studentNumber}`, PAGE.margins.left, y, { lineBreak: false });
      const pageText = text.footer(page, count);
      pdf.text(pageText, PAGE.width - PAGE.margins.right - pdf.widthOfString(pageText), y, { lineBreak: false });
    });
    pdf.page.margins.bottom = bottom;
  });
}
