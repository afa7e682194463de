// The decision list (besluitenlijst) read back as the minutes and a spreadsheet would: every
// decision with its number in the PDF (pdftotext, qpdf, pdffonts), corrections marked on both
// sides, a long list over pages with its header repeated; and the CSV parsed back with papaparse
// and compared field by field, with names, quotes, separators and formula-like values intact.
import Papa from 'papaparse';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { decisionListCsv, decisionListEntries, renderDecisionList, type DecisionListInput } from '../../electron/pdf/decision-list';
import { PdfError } from '../../electron/pdf/errors';
import type { DocumentLanguage } from '../../electron/pdf/meeting-wording';
import type { Decision, MeetingDetail } from '../../shared/meetings';
import { decidedMeeting, decisionFor, manyPetitions, meetingDetail, PETITIONS, type PetitionSketch } from './fixtures/meetings';
import { layoutText, normalise, pdfFonts, pdfInfo, plainText, removeTempFolders, run } from './fixtures/readers';

afterAll(removeTempFolders);
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const createdAt = new Date('2025-02-27T16:00:00Z');

/**
 * Four decided items, then decision 1 corrected by 5 (approved → rejected), and a general
 * decision (6) on a course for every student, taken at the same meeting.
 */
function withCorrection(): { detail: MeetingDetail; decisions: Decision[] } {
  const detail = decidedMeeting();
  const first = detail.items[0];
  if (!first) throw new Error('no item');
  const original = decisionFor(first, 1, 'approved', { replacedByNumber: '24-25 LIACS 5' });
  const correction = decisionFor(first, 5, 'rejected', { replacesId: 1, replacesNumber: '24-25 LIACS 1', decidedOn: '2025-03-06' });
  first.decision = correction;
  const general: Decision = {
    ...decisionFor(first, 6, 'approved'),
    kind: 'general',
    petitionId: null,
    courseCode: 'MSC-AI-ETH',
    courseTitle: 'Ethics of "Creative" AI; a seminar',
    institutionName: 'Vrije Universiteit Amsterdam',
    creditedEc: 6,
    level: 'master',
  };
  const decisions = [original, ...detail.items.map((item) => item.decision as Decision), general];
  return { detail, decisions };
}

const rendered = new Map<DocumentLanguage, Buffer>();
function listPdf(language: DocumentLanguage): Buffer {
  let pdf = rendered.get(language);
  if (!pdf) {
    pdf = renderDecisionList({ ...withCorrection(), language, createdAt });
    rendered.set(language, pdf);
  }
  return pdf;
}

/** The number of each row, top to bottom: in the layout, a row's first line is its number, then the student. */
const rowNumbers = (layout: string) => [...layout.matchAll(/^[ \t]*24-25 LIACS (\d+)[ \t]{2,}\S/gm)].map((m) => Number(m[1]));
const layoutOfPage = (pdf: Buffer, page: number) => run('pdftotext', ['-enc', 'UTF-8', '-layout', '-f', String(page), '-l', String(page)], pdf).output;

describe.each(['en', 'nl'] as const)('the decision list PDF in %s', (language) => {
  const en = language === 'en';

  it('has a heading with the board, the meeting and a count of the outcomes', () => {
    const text = plainText(listPdf(language));
    for (const expected of en
      ? ['Board of Examiners of LIACS', 'Decision list', 'Meeting of 27 February 2025, Gorlaeus, room C1', '6 decisions: 4 approved, 2 rejected.']
      : ['Examencommissie LIACS', 'Besluitenlijst', 'Vergadering van 27 februari 2025, Gorlaeus, room C1', '6 besluiten: 4 goedgekeurd, 2 afgewezen.']) {
      expect(text).toContain(expected);
    }
  });

  it('lists every decision once, in number order, with all its facts', () => {
    const { detail, decisions } = withCorrection();
    const pdf = listPdf(language);
    const text = plainText(pdf);
    // 1 (replaced by 5), 2, 3, 4, 5 (replaces 1), 6: the order in which the numbers were drawn.
    expect(rowNumbers(layoutText(pdf))).toEqual([1, 2, 3, 4, 5, 6]);
    const layout = normalise(layoutText(pdf));
    for (const decision of decisions) {
      expect(text).toContain(decision.number);
      expect(text).toContain(decision.courseCode);
      expect(layout).toContain(decision.institutionName.split(' ')[0] ?? '');
    }
    for (const item of detail.items) {
      expect(text).toContain(item.petition.studentName);
      expect(text).toContain(item.petition.studentNumber);
      expect(text).toContain(item.petition.courseTitle);
    }
    for (const word of en ? ['Approved', 'Rejected', 'Individual', 'General', 'Master level', 'Advanced level', '200 (introductory)', '400 (master)', '27 February 2025', '6 March 2025'] : ['Goedgekeurd', 'Afgewezen', 'Individueel', 'Algemeen', 'Masterniveau', 'Gevorderd niveau', '200 (inleidend)', '400 (master)', '27 februari 2025', '6 maart 2025']) {
      expect(text).toContain(word);
    }
  });

  it('puts each decision\'s facts on its own row: number, student, course, institution, outcome, EC, level', () => {
    const layout = layoutText(listPdf(language));
    expect(layout).toMatch(
      en
        ? /24-25 LIACS 2\s+Łukasz Nowak\s+IDM-SD2\s+Hogeschool voor\s+Approved\s+5\s+Advanced/
        : /24-25 LIACS 2\s+Łukasz Nowak\s+IDM-SD2\s+Hogeschool voor\s+Goedgekeurd\s+5\s+Gevorderd/,
    );
    expect(layout).toMatch(en ? /24-25 LIACS 3\s+Дмитрий Соколов\s+4031PRGR6\s+Leiden University\s+Rejected\s+6\s+200/ : /24-25 LIACS 3\s+Дмитрий Соколов\s+4031PRGR6\s+Leiden University\s+Afgewezen\s+6\s+200/);
  });

  it('marks a correction and the decision it replaces, and keeps both', () => {
    const text = plainText(listPdf(language));
    expect(text).toMatch(en ? /Replaced by 24-25 LIACS 5/ : /Vervangen door 24-25 LIACS 5/);
    expect(text).toMatch(en ? /Replaces 24-25 LIACS 1/ : /Vervangt 24-25 LIACS 1/);
    expect(text).toContain(en ? 'A correction is a new decision with its own number' : 'Een correctie is een nieuw besluit met een eigen nummer');
  });

  it('shows a general decision as one for every student', () => {
    const text = plainText(listPdf(language));
    expect(text).toContain(en ? 'All students' : 'Alle studenten');
    expect(text).toContain('Ethics of "Creative" AI; a seminar');
  });

  it('passes qpdf --check, embeds its fonts, and has its metadata and footer', () => {
    const pdf = listPdf(language);
    const check = run('qpdf', ['--check'], pdf);
    expect(check.output).toContain('No syntax or stream encoding errors found');
    expect(check.status).toBe(0);
    for (const font of pdfFonts(pdf)) expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
    const info = pdfInfo(pdf);
    expect(info.Title).toBe(en ? 'Decision list: Board of Examiners of LIACS, 27 February 2025' : 'Besluitenlijst: Examencommissie LIACS, 27 februari 2025');
    expect(info.Keywords).toContain('24-25 LIACS 5');
    expect(info.Tagged).toBe('yes');
    expect(info['Page size']).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);
    expect(plainText(pdf)).toContain(en ? 'Page 1 of 1' : 'Pagina 1 van 1');
    const raw = pdf.toString('latin1');
    for (const role of ['Document', 'H1', 'P', 'Table', 'TR', 'TH', 'TD']) expect(raw).toContain(`/S /${role}\n`);
  });
});

describe('a long decision list', () => {
  const petitions = manyPetitions(60);
  const pdf = renderDecisionList({ detail: decidedMeeting(petitions), language: 'en', createdAt });

  it('flows over pages with every decision, in order, and the header on every page', () => {
    const pages = Number(pdfInfo(pdf).Pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(rowNumbers(layoutText(pdf))).toEqual(petitions.map((_, i) => i + 1));
    const text = plainText(pdf);
    for (const p of petitions) expect(text).toContain(p.studentNumber);
    for (let page = 1; page <= pages; page += 1) {
      const layout = layoutOfPage(pdf, page);
      expect(layout).toMatch(/Decision\s+Student\s+Course\s+Institution\s+Outcome\s+EC\s+Level/);
      expect(layout).toContain(`Page ${page} of ${pages}`);
    }
    expect(run('qpdf', ['--check'], pdf).status).toBe(0);
  });
});

describe('an empty decision list', () => {
  it('says that nothing has been decided yet', () => {
    const pdf = renderDecisionList({ detail: meetingDetail('boex', PETITIONS), language: 'nl', createdAt });
    const text = plainText(pdf);
    expect(text).toContain('0 besluiten: 0 goedgekeurd, 0 afgewezen.');
    expect(text).toContain('Op deze vergadering zijn nog geen besluiten vastgelegd.');
    expect(run('qpdf', ['--check'], pdf).status).toBe(0);
  });
});

describe('the decision list CSV', () => {
  const parse = (csv: string) => {
    const result = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true });
    expect(result.errors).toEqual([]);
    return result.data;
  };

  it.each([
    ['en', ['Decision number', 'Date', 'Kind', 'Outcome', 'Student number', 'Name', 'Course code', 'Course title', 'Institution', 'Credited EC', 'Level', 'Replaces', 'Replaced by']],
    ['nl', ['Besluitnummer', 'Datum', 'Soort', 'Uitkomst', 'Studentnummer', 'Naam', 'Vakcode', 'Vaktitel', 'Instelling', 'Toegekende EC', 'Niveau', 'Vervangt', 'Vervangen door']],
  ] as const)('in %s parses back to every decision, field by field', (language, header) => {
    const input: DecisionListInput = { ...withCorrection(), language, createdAt };
    const csv = decisionListCsv(input);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/"[^"]*"/g, '').split('\n').every((line) => line === '' || line.endsWith('\r'))).toBe(true);
    const [head, ...rows] = parse(csv);
    expect(head).toEqual(header);
    const en = language === 'en';
    const entries = decisionListEntries(input.detail, input.decisions);
    expect(rows).toHaveLength(entries.length);
    expect(rows.map((row) => row[0])).toEqual(['24-25 LIACS 1', '24-25 LIACS 2', '24-25 LIACS 3', '24-25 LIACS 4', '24-25 LIACS 5', '24-25 LIACS 6']);
    entries.forEach(({ decision: d, student }, i) => {
      expect(rows[i]).toEqual([
        d.number,
        d.decidedOn,
        { individual: en ? 'Individual' : 'Individueel', general: en ? 'General' : 'Algemeen' }[d.kind],
        { approved: en ? 'Approved' : 'Goedgekeurd', rejected: en ? 'Rejected' : 'Afgewezen' }[d.outcome],
        student?.number ?? '',
        student?.name ?? (en ? 'All students' : 'Alle studenten'),
        d.courseCode,
        d.courseTitle,
        d.institutionName,
        String(d.creditedEc),
        expect.any(String),
        d.replacesNumber ?? '',
        d.replacedByNumber ?? '',
      ]);
    });
    expect(rows[4]?.[11]).toBe('24-25 LIACS 1');
    expect(rows[0]?.[12]).toBe('24-25 LIACS 5');
  });

  it('quotes values holding a separator, a quote or a line break, and keeps names in every script', () => {
    const awkward: PetitionSketch[] = [
      { ...(PETITIONS[0] as PetitionSketch), studentName: 'Zoë "Zo" de Vries', courseTitle: 'Art; Science, and\nTechnology' },
      ...PETITIONS.slice(1),
    ];
    const csv = decisionListCsv({ detail: decidedMeeting(awkward), language: 'nl', createdAt });
    expect(csv).toContain('"Zoë ""Zo"" de Vries"');
    expect(csv).toContain('"Art; Science, and\nTechnology"');
    const rows = parse(csv).slice(1);
    expect(rows.map((row) => row[5])).toEqual(['Zoë "Zo" de Vries', 'Łukasz Nowak', 'Дмитрий Соколов', 'Αλέξανδρος Παπαδόπουλος']);
    expect(rows[0]?.[7]).toBe('Art; Science, and\nTechnology');
  });

  it('writes a value a spreadsheet would run as a formula with a leading apostrophe', () => {
    const hostile: PetitionSketch[] = [{ ...(PETITIONS[0] as PetitionSketch), studentName: '=HYPERLINK("http://example.org","x")', courseTitle: '+1 Course', institution: '@Home' }];
    const rows = parse(decisionListCsv({ detail: decidedMeeting(hostile), language: 'en', createdAt })).slice(1);
    expect(rows[0]?.[5]).toBe('\'=HYPERLINK("http://example.org","x")');
    expect(rows[0]?.[7]).toBe('\'+1 Course');
    expect(rows[0]?.[8]).toBe('\'@Home');
  });

  it('without the meeting\'s decisions, lists the standing decision of each agenda item', () => {
    const detail = decidedMeeting();
    const rows = parse(decisionListCsv({ detail, language: 'en', createdAt })).slice(1);
    expect(rows.map((row) => row[4])).toEqual(PETITIONS.map((p) => p.studentNumber));
  });
});

describe('characters', () => {
  it('refuses, in both languages, a name its fonts cannot show, naming the decision', () => {
    const detail = decidedMeeting([{ ...(PETITIONS[0] as PetitionSketch), studentName: '王小明' }]);
    expect(() => renderDecisionList({ detail, language: 'en', createdAt })).toThrow(PdfError);
    try {
      renderDecisionList({ detail, language: 'en', createdAt });
    } catch (error) {
      expect(error).toMatchObject({
        code: 'text_unsupported_characters',
        sentence: { en: expect.stringContaining('王 小 明 (decision 24-25 LIACS 1)'), nl: expect.stringContaining('王 小 明 (besluit 24-25 LIACS 1)') },
      });
    }
    // The CSV is text: every script survives it.
    expect(decisionListCsv({ detail, language: 'en', createdAt })).toContain('王小明');
  });
});
