import { PdfError } from './errors';

export interface SignatureDetails {
  reason: string;
  /** The signer as the signature panel shows it. */
  name: string;
  location: string;
  signingTime: Date;
}

/** What @signpdf looks for and fills in: the byte range and a zero-filled /Contents. */
const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';

/**
 * Adds an invisible signature field with an empty signature to a finished PDF, as an incremental
 * update appended after its %%EOF. The letter's own bytes stay exactly as rendered (PDF/A allows
 * incremental updates), so an unsigned and a signed export of the same letter show the same
 * document, and a signature can be added to any letter this app renders.
 */
export function appendSignaturePlaceholder(pdf: Buffer, details: SignatureDetails, signatureBytes: number): Buffer {
  const file = readStructure(pdf);
  const rootRef = reference(file.trailer, 'Root');
  const catalog = objectText(pdf, file.offsets, rootRef.id);
  if (catalog.includes('/AcroForm')) refuse('it already has a form or a signature');
  const page = firstPage(pdf, file.offsets, catalog);

  const signature = file.size;
  const widget = file.size + 1;
  const annots = /\/Annots\s*\[([^\]]*)\]/.exec(page.text);
  if (!annots && /\/Annots\s/.test(page.text)) refuse('its page annotations are not inline');
  const pageText = annots
    ? page.text.replace(annots[0], `/Annots [${annots[1] ?? ''} ${widget} 0 R]`)
    : insertEntries(page.text, `/Annots [${widget} 0 R]`);

  const objects: Array<[id: number, body: string]> = [
    [rootRef.id, insertEntries(catalog, `/AcroForm << /Fields [${widget} 0 R] /SigFlags 3 >>`)],
    [page.id, pageText],
    // Print + Locked: PDF/A wants every annotation printable; a zero Rect keeps it invisible.
    [widget, `<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /F 132 /T ${pdfText('Signature1')} /V ${signature} 0 R /P ${page.id} 0 R >>`],
    // Last, so that the first "/Contents " after the byte range is this one (@signpdf searches so).
    [
      signature,
      `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${BYTE_RANGE_PLACEHOLDER} /Contents <${'0'.repeat(signatureBytes * 2)}>` +
        ` /M ${pdfDate(details.signingTime)} /Name ${pdfText(details.name)} /Reason ${pdfText(details.reason)} /Location ${pdfText(details.location)} >>`,
    ],
  ];

  let update = '';
  const offsets = new Map<number, number>();
  for (const [id, body] of objects) {
    offsets.set(id, pdf.length + update.length);
    update += `${id} 0 obj\n${body}\nendobj\n`;
  }
  const xrefAt = pdf.length + update.length;
  update += 'xref\n';
  for (const id of [...offsets.keys()].sort((a, b) => a - b)) {
    update += `${id} 1\n${String(offsets.get(id)).padStart(10, '0')} 00000 n \n`;
  }
  const keep = ['Info', 'ID'].map((key) => entry(file.trailer, key)).filter(Boolean).join(' ');
  update += `trailer\n<< /Size ${file.size + 2} /Root ${rootRef.id} ${rootRef.generation} R ${keep} /Prev ${file.startxref} >>\n`;
  update += `startxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}

function refuse(why: string): never {
  throw new PdfError('pdf_not_signable', {
    en: `This PDF cannot be signed (${why}).`,
    nl: `Deze PDF kan niet worden ondertekend (${why}).`,
  });
}

interface Structure {
  /** Byte offset of every object, the newest definition winning. */
  offsets: Map<number, number>;
  trailer: string;
  size: number;
  startxref: number;
}

/** The cross-reference tables, newest first, following /Prev. pdfkit writes classic tables only. */
function readStructure(pdf: Buffer): Structure {
  const tail = pdf.toString('latin1', Math.max(0, pdf.length - 1024));
  const last = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!last?.[1]) refuse('it does not end with a cross-reference table');
  const startxref = Number(last[1]);
  const offsets = new Map<number, number>();
  let trailer: string | undefined;
  for (let at: number | undefined = startxref; at !== undefined; ) {
    const section = readSection(pdf, at);
    for (const [id, offset] of section.offsets) if (!offsets.has(id)) offsets.set(id, offset);
    trailer ??= section.trailer;
    const prev = /\/Prev\s+(\d+)/.exec(section.trailer)?.[1];
    at = prev === undefined ? undefined : Number(prev);
  }
  if (trailer === undefined || trailer.includes('/Encrypt')) refuse('it is encrypted');
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  if (!Number.isInteger(size)) refuse('its trailer has no /Size');
  return { offsets, trailer, size, startxref };
}

function readSection(pdf: Buffer, at: number): { offsets: Map<number, number>; trailer: string } {
  const text = pdf.toString('latin1', at, pdf.indexOf('startxref', at));
  if (!text.startsWith('xref')) refuse('it uses a cross-reference stream');
  const trailerAt = text.indexOf('trailer');
  if (trailerAt < 0) refuse('it has no trailer');
  const offsets = new Map<number, number>();
  const lines = text.slice(4, trailerAt).trim().split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; ) {
    const [first, count] = (lines[i] ?? '').trim().split(/\s+/).map(Number);
    if (first === undefined || count === undefined || Number.isNaN(first) || Number.isNaN(count)) refuse('its cross-reference table is damaged');
    for (let n = 0; n < count; n += 1) {
      const [offset, , kind] = (lines[i + 1 + n] ?? '').trim().split(/\s+/);
      if (kind === 'n') offsets.set(first + n, Number(offset));
    }
    i += count + 1;
  }
  return { offsets, trailer: text.slice(trailerAt + 'trailer'.length) };
}

/** The dictionary of object `id` as written, between "obj" and "endobj". */
function objectText(pdf: Buffer, offsets: Map<number, number>, id: number): string {
  const at = offsets.get(id);
  if (at === undefined) refuse(`object ${id} is missing`);
  const end = pdf.indexOf('endobj', at);
  const match = /^\s*\d+\s+\d+\s+obj\s*(<<[\s\S]*>>)\s*$/.exec(pdf.toString('latin1', at, end));
  if (!match?.[1]) refuse(`object ${id} is not a dictionary`);
  return match[1];
}

function firstPage(pdf: Buffer, offsets: Map<number, number>, catalog: string): { id: number; text: string } {
  let id = reference(catalog, 'Pages').id;
  let text = objectText(pdf, offsets, id);
  while (/\/Type\s*\/Pages\b/.test(text)) {
    const kid = /\/Kids\s*\[\s*(\d+)\s+\d+\s+R/.exec(text)?.[1];
    if (kid === undefined) refuse('it has no pages');
    id = Number(kid);
    text = objectText(pdf, offsets, id);
  }
  return { id, text };
}

function reference(dictionary: string, key: string): { id: number; generation: number } {
  const match = new RegExp(`/${key}\\s+(\\d+)\\s+(\\d+)\\s+R`).exec(dictionary);
  if (!match) refuse(`/${key} is missing`);
  return { id: Number(match[1]), generation: Number(match[2]) };
}

/** A trailer entry copied as written: /Info 12 0 R, /ID [<…> <…>]. */
function entry(dictionary: string, key: string): string {
  return new RegExp(`/${key}\\s*(\\d+\\s+\\d+\\s+R|\\[[^\\]]*\\])`).exec(dictionary)?.[0] ?? '';
}

function insertEntries(dictionary: string, entries: string): string {
  const end = dictionary.lastIndexOf('>>');
  return `${dictionary.slice(0, end)}${entries}\n>>`;
}

/** Any text, as UTF-16BE hex: names such as Zoë or Дмитрий survive, and no escaping is needed. */
function pdfText(text: string): string {
  const utf16 = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
  return `<${utf16.toString('hex')}>`;
}

function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}
