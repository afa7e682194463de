// The meeting pack read back with the tools a board member's viewer or an archive would use:
// every item's facts, in agenda order, found in pdftotext's output, in English and Dutch; a long
// agenda flowing over pages with nothing lost and a table of contents that points to the right
// pages; and a file that qpdf, pdffonts and pdfinfo accept.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDocument, paragraph, renderToBuffer } from '../../electron/pdf/document';
import { PdfError } from '../../electron/pdf/errors';
import { renderToBufferSync } from '../../electron/pdf/meeting-layout';
import { renderMeetingPack } from '../../electron/pdf/meeting-pack';
import type { DocumentLanguage } from '../../electron/pdf/meeting-wording';
import type { MeetingDetail } from '../../shared/meetings';
import { creditedEc } from '../../shared/rules';
import { manyPetitions, meetingDetail, PETITIONS, type PetitionSketch } from './fixtures/meetings';
import { layoutText, normalise, pdfFonts, pdfInfo, plainText, removeTempFolders, run } from './fixtures/readers';

afterAll(removeTempFolders);
// The first document of a process parses the fonts (seconds on a busy two-core machine).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const createdAt = new Date('2025-02-18T09:00:00Z');
const rendered = new Map<string, Buffer>();

/** Each fixture pack is rendered once per file; the tests only read it. */
function pack(name: string, detail: () => MeetingDetail, language: DocumentLanguage): Buffer {
  const key = `${name}-${language}`;
  let pdf = rendered.get(key);
  if (!pdf) {
    pdf = renderMeetingPack(detail(), { language, createdAt });
    rendered.set(key, pdf);
  }
  return pdf;
}

const mtPack = (language: DocumentLanguage) => pack('mt', () => meetingDetail('mt_board', PETITIONS), language);
const boexPack = (language: DocumentLanguage) => pack('boex', () => meetingDetail('boex', PETITIONS), language);
const LONG = manyPetitions(30);
const longPack = () => pack('long', () => meetingDetail('mt_board', LONG), 'en');

const studentNumbers = (text: string) => [...text.matchAll(/\bs\d{7}\b/g)].map((m) => m[0]);

const LEVELS: Record<DocumentLanguage, Record<string, string>> = {
  en: { master: 'Master level', advanced: 'Advanced level', '200': '200 (introductory)', '400': '400 (master)' },
  nl: { master: 'Masterniveau', advanced: 'Gevorderd niveau', '200': '200 (inleidend)', '400': '400 (master)' },
};

/** The facts of an item as the pack writes them, in each language (the labels are checked on the layout). */
function facts(p: PetitionSketch, language: DocumentLanguage): string[] {
  const en = language === 'en';
  const date = (d: string) => new Intl.DateTimeFormat(en ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  const ec = (n: number) => (en ? String(n) : String(n).replace('.', ','));
  return [
    `${p.studentName} · ${p.studentNumber}`,
    `${p.courseCode} ${p.courseTitle}`,
    p.institution,
    ec(p.ec),
    ec(creditedEc(p.ec)),
    LEVELS[language][String(p.level)] ?? '',
    p.courseStartDate ? date(p.courseStartDate) : en ? 'Not known' : 'Onbekend',
    date(p.submittedOn),
  ];
}

describe.each(['en', 'nl'] as const)('a meeting pack in %s', (language) => {
  const en = language === 'en';

  it('has a cover with the board, the meeting date, location, cut-off and item count', () => {
    const pdf = mtPack(language);
    const cover = plainText(pdf, { first: 1, last: 1 });
    for (const expected of en ? ['Meeting pack', 'Media Technology Board', 'Agenda'] : ['Vergaderstukken', 'Media Technology Board', 'Agenda']) {
      expect(cover).toContain(expected);
    }
    // Each value sits under its label.
    const layout = layoutText(pdf).split('\f')[0] ?? '';
    expect(layout).toMatch(en ? /Date\s+Location\s+Agenda cut-off\s+Agenda items\n\s*20 February 2025\s+Snellius, room 401\s+16 February 2025\s+4\n/ : /Datum\s+Locatie\s+Sluiting agenda\s+Agendapunten\n\s*20 februari 2025\s+Snellius, room 401\s+16 februari 2025\s+4\n/);
    const boexCover = plainText(boexPack(language), { first: 1, last: 1 });
    expect(boexCover).toContain(en ? 'Board of Examiners of LIACS' : 'Examencommissie LIACS');
    expect(boexCover).toContain(en ? '27 February 2025' : '27 februari 2025');
  });

  it('lists the items in agenda order, on the cover and then as sections', () => {
    const text = plainText(mtPack(language));
    const order = PETITIONS.map((p) => p.studentNumber);
    // Once in the table of contents, once as each item's heading: nothing else names a student number.
    expect(studentNumbers(text)).toEqual([...order, ...order]);
    const headings = [...text.matchAll(en ? /ITEM (\d+)/g : /AGENDAPUNT (\d+)/g)].map((m) => Number(m[1]));
    expect(headings).toEqual([1, 2, 3, 4]);
  });

  it.each(PETITIONS.map((p, i) => [i + 1, p] as const))('shows every fact of item %i in its own section', (position, petition) => {
    const text = plainText(mtPack(language));
    const heading = (n: number) => `${en ? 'ITEM' : 'AGENDAPUNT'} ${n} `;
    const section = text.slice(text.indexOf(heading(position)));
    const next = section.indexOf(heading(position + 1));
    const own = next > 0 ? section.slice(0, next) : section;
    for (const fact of facts(petition, language)) expect(own).toContain(fact);
  });

  it('shows the values under their labels (EC, credited EC, level, start, submission)', () => {
    const layout = layoutText(mtPack(language));
    // Item 1: 7.5 EC, credited 7, Master level, starts 22 April 2025, submitted 10 February 2025.
    const labels = en ? /EC\s+Credited EC\s+Level\s+Course starts\s+Submitted on/ : /EC\s+Toegekende EC\s+Niveau\s+Start van het vak\s+Ingediend op/;
    const values = en ? /7\.5\s+7\s+Master level\s+22 April 2025\s+10 February 2025/ : /7,5\s+7\s+Masterniveau\s+22 april 2025\s+10 februari 2025/;
    expect(layout).toMatch(labels);
    expect(layout).toMatch(values);
    // Item 2: no start date, and an HBO institution with its kind.
    expect(layout).toMatch(en ? /5\s+5\s+Advanced level\s+Not known\s+12 February 2025/ : /5\s+5\s+Gevorderd niveau\s+Onbekend\s+12 februari 2025/);
    expect(normalise(layout)).toContain(en ? 'Hogeschool voor de Kunsten Utrecht · University of applied sciences (HBO)' : 'Hogeschool voor de Kunsten Utrecht · Hogeschool (hbo)');
    expect(normalise(layout)).toContain(en ? '200 (introductory)' : '200 (inleidend)');
    // A Leiden course names its institution once: "Leiden University · Leiden University" says nothing new.
    expect(normalise(layout)).toContain('Leiden University');
    expect(normalise(layout)).not.toMatch(/Leiden University · (Leiden University|Universiteit Leiden)/);
  });

  it('gives each finding with its severity word and its sentence in the pack\'s language', () => {
    const detail = meetingDetail('mt_board', PETITIONS);
    const text = plainText(mtPack(language));
    // In the layout, each severity word stands on the line where its sentence begins.
    const layout = normalise(layoutText(mtPack(language)));
    const words = en ? { error: 'Error', warning: 'Warning', info: 'Note' } : { error: 'Fout', warning: 'Waarschuwing', info: 'Opmerking' };
    const findings = detail.items.flatMap((item) => item.findings);
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['error', 'warning', 'info']));
    for (const finding of findings) {
      expect(text).toContain(normalise(finding.message[language]));
      expect(layout).toContain(`${words[finding.severity]} ${normalise(finding.message[language])}`);
    }
    const other = en ? 'nl' : 'en';
    for (const finding of findings) expect(text).not.toContain(normalise(finding.message[other]));
    expect(text).toContain(en ? 'This petition breaks none of the procedure\'s rules.' : 'Dit verzoek is in strijd met geen enkele regel van de procedure.');
  });

  it('gives the motivation, and says when there is none', () => {
    const text = plainText(mtPack(language));
    expect(text).toContain('The course complements my thesis on image analysis of interactive installations. It is taught at Master level and fits my profile.');
    expect(text).toContain('The art & science lab lets me test my installation with an audience.');
    expect(text).toContain(en ? 'No motivation given.' : 'Geen motivatie opgegeven.');
  });

  it('gives the MT Board\'s advice and reasoning in a BoEx pack only', () => {
    const boex = plainText(boexPack(language));
    expect(boex).toContain(en ? 'Advice of the Media Technology Board' : 'Advies van de Media Technology Board');
    expect(boex).toContain(en ? 'Support (recorded on 20 February 2025)' : 'Steunen (vastgelegd op 20 februari 2025)');
    expect(boex).toContain(en ? 'Not support (recorded on 20 February 2025)' : 'Niet steunen (vastgelegd op 20 februari 2025)');
    for (const p of PETITIONS) expect(boex).toContain(`The board discussed the petition of ${p.studentName}`);
    const mt = plainText(mtPack(language));
    expect(mt).not.toContain(en ? 'Advice of the Media Technology Board' : 'Advies van de Media Technology Board');
  });

  it('has a footer with the meeting and "page x of y" on every page', () => {
    const pdf = mtPack(language);
    const pages = Number(pdfInfo(pdf).Pages);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= pages; page += 1) {
      const text = plainText(pdf, { first: page, last: page });
      expect(text).toContain(en ? `Page ${page} of ${pages}` : `Pagina ${page} van ${pages}`);
      expect(text).toContain(en ? 'Meeting pack · Media Technology Board · 20 February 2025' : 'Vergaderstukken · Media Technology Board · 20 februari 2025');
    }
  });

  it('passes qpdf --check, embeds its fonts and carries its metadata', () => {
    for (const pdf of [mtPack(language), boexPack(language)]) {
      const check = run('qpdf', ['--check'], pdf);
      expect(check.output).toContain('No syntax or stream encoding errors found');
      expect(check.status).toBe(0);
      const fonts = pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
    }
    const info = pdfInfo(mtPack(language));
    expect(info.Title).toBe(en ? 'Meeting pack: Media Technology Board, 20 February 2025' : 'Vergaderstukken: Media Technology Board, 20 februari 2025');
    expect(info.Author).toBe('Media Technology Board');
    expect(info.Subject).toContain(en ? '4 agenda items' : '4 agendapunten');
    expect(info.Tagged).toBe('yes');
    expect(info['Page size']).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);
    const raw = mtPack(language).toString('latin1');
    expect(raw).toContain(`/Lang (${en ? 'en-GB' : 'nl-NL'})`);
    expect(raw).toContain('<pdfaid:part>3</pdfaid:part>');
    for (const role of ['Document', 'H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD', 'L', 'LI', 'Lbl', 'LBody']) expect(raw).toContain(`/S /${role}\n`);
  });
});

describe('a reordered agenda', () => {
  it('is printed in its new order, not in order of submission or student number', () => {
    const reordered = [PETITIONS[2], PETITIONS[0], PETITIONS[3], PETITIONS[1]] as PetitionSketch[];
    const text = plainText(renderMeetingPack(meetingDetail('mt_board', reordered), { language: 'en', createdAt }));
    const order = reordered.map((p) => p.studentNumber);
    expect(studentNumbers(text)).toEqual([...order, ...order]);
  });
});

describe('a 30-item agenda', () => {
  it('flows over many pages with every item\'s facts, findings and motivation, in order', () => {
    const pdf = longPack();
    const pages = Number(pdfInfo(pdf).Pages);
    expect(pages).toBeGreaterThan(8);
    const text = plainText(pdf);
    const order = LONG.map((p) => p.studentNumber);
    expect(studentNumbers(text)).toEqual([...order, ...order]);
    for (const p of LONG) {
      expect(text).toContain(`${p.studentName} · ${p.studentNumber}`);
      expect(text).toContain(`${p.courseCode} ${p.courseTitle}`);
      if (p.motivation) expect(text).toContain(normalise(p.motivation));
    }
    const detail = meetingDetail('mt_board', LONG);
    const sentences = detail.items.flatMap((item) => item.findings.map((f) => normalise(f.message.en)));
    let from = 0;
    for (const sentence of sentences) {
      const at = text.indexOf(sentence, from);
      expect(at, sentence).toBeGreaterThanOrEqual(0);
      from = at;
    }
    expect(plainText(pdf, { first: pages, last: pages })).toContain(`Page ${pages} of ${pages}`);
    expect(run('qpdf', ['--check'], pdf).status).toBe(0);
  });

  it('has a table of contents over two pages whose page numbers are where each item starts', () => {
    const pdf = longPack();
    const lines = layoutText(pdf).split('\n');
    const contents = new Map<number, number>();
    for (const line of lines) {
      // A contents row: position, student, course, findings, page; the page is the last number on the line.
      const row = /^\s*(\d{1,2})\s{2,}\S.*\s(\d{1,2})\s*$/.exec(line);
      if (row && !/Page \d+ of/.test(line)) contents.set(Number(row[1]), Number(row[2]));
    }
    expect([...contents.keys()]).toEqual(LONG.map((_, i) => i + 1));
    // The header row is drawn again on the second page of the contents.
    expect(plainText(pdf, { first: 2, last: 2 })).toContain('No. Student Course and institution Findings');
    LONG.forEach((p, i) => {
      const page = contents.get(i + 1) ?? 0;
      const onPage = plainText(pdf, { first: page, last: page });
      expect(onPage, `item ${i + 1} on page ${page}`).toContain(`ITEM ${i + 1} ${p.studentName} · ${p.studentNumber}`);
    });
  });
});

describe('edge cases', () => {
  it('an empty agenda gives a one-page pack that says so', () => {
    const pdf = renderMeetingPack(meetingDetail('mt_board', []), { language: 'en', createdAt });
    expect(pdfInfo(pdf).Pages).toBe('1');
    expect(layoutText(pdf)).toMatch(/Agenda items\n.*\s0\n/);
    expect(plainText(pdf)).toContain('The agenda is empty.');
    expect(run('qpdf', ['--check'], pdf).status).toBe(0);
  });

  it('names a missing location and cut-off plainly', () => {
    const layout = layoutText(renderMeetingPack(meetingDetail('mt_board', PETITIONS.slice(0, 1), { location: '', cutoffOn: null }), { language: 'en', createdAt }));
    // Without a cut-off, petitions submitted on or before the meeting date are its candidates.
    expect(layout).toMatch(/Date\s+Location\s+Agenda cut-off\s+Agenda items\n\s*20 February 2025\s+Not set\s+20 February 2025\s+1\n/);
  });

  it('refuses, in both languages, a text its fonts cannot show, naming the item', () => {
    const detail = meetingDetail('mt_board', [PETITIONS[0] as PetitionSketch, { ...(PETITIONS[1] as PetitionSketch), studentName: '王小明 (Wang Xiaoming)' }]);
    let thrown: unknown;
    try {
      renderMeetingPack(detail, { language: 'en', createdAt });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PdfError);
    expect(thrown).toMatchObject({
      code: 'text_unsupported_characters',
      sentence: { en: expect.stringContaining('王 小 明 (item 2, s2345678)'), nl: expect.stringContaining('王 小 明 (agendapunt 2, s2345678)') },
    });
  });

  it('reads the finished document synchronously: the same bytes as the streaming renderer', async () => {
    const make = () => {
      const doc = createDocument({ title: 'T', author: 'A', subject: 'S', keywords: ['k'], lang: 'en-GB', createdAt });
      paragraph(doc, 'Zoë, Łukasz, Nguyễn, Αλέξανδρος and Дмитрий.');
      doc.pdf.addPage();
      paragraph(doc, 'A second page.');
      return doc;
    };
    const streamed = await renderToBuffer(make());
    expect(renderToBufferSync(make()).equals(streamed)).toBe(true);
  });

  it('renders the same bytes for the same meeting', () => {
    const again = renderMeetingPack(meetingDetail('mt_board', PETITIONS), { language: 'en', createdAt });
    expect(again.equals(mtPack('en'))).toBe(true);
  });
});
