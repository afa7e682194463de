// The decision list (besluitenlijst) of a meeting of the Board of Examiners: every decision taken
// there with its number, student, course, institution, outcome, kind, credited EC, level and
// date, corrections marked on both sides. As a PDF for the minutes and as CSV for a spreadsheet.
// Pure: a MeetingDetail (and the meeting's decisions) in, bytes or text out.
import { excelCsv } from './excel-csv';
import type { Decision, MeetingDetail } from '../../shared/meetings';
import { PAGE, createDocument, paragraph, tagged, type TaggedDocument } from './document';
import { FONT } from './fonts';
import { COLOR, checkCharacters, drawTable, footers, renderToBufferSync, rule, type Line, type Margins, type TextPlace } from './meeting-layout';
import { listWording, type DocumentLanguage, type ListWording } from './meeting-wording';

export interface DecisionListInput {
  detail: MeetingDetail;
  /**
   * Every decision taken at the meeting: corrected ones (which stay on the list) and general ones
   * included. Without it, the standing decision of each agenda item.
   */
  decisions?: readonly Decision[];
  language: DocumentLanguage;
  /** Taken from the caller, never from the clock here: the same list renders to the same bytes. */
  createdAt: Date;
}

export interface DecisionListEntry {
  decision: Decision;
  /** Null for a general decision, which is for every student. */
  student: { name: string; number: string } | null;
}

/** A table of seven columns needs more width than a letter's margins leave. */
const MARGINS: Margins = { top: PAGE.margins.top, bottom: PAGE.margins.bottom, left: 42, right: 42 };
const AREA = { x: MARGINS.left, width: PAGE.width - MARGINS.left - MARGINS.right } as const;

/** The list's rows, in the order the numbers were drawn. */
export function decisionListEntries(detail: MeetingDetail, decisions?: readonly Decision[]): DecisionListEntry[] {
  const all = decisions ?? detail.items.flatMap((item) => (item.decision ? [item.decision] : []));
  const petitions = new Map(detail.items.map((item) => [item.petition.id, item.petition]));
  return [...all]
    .sort((a, b) => a.id - b.id)
    .map((decision) => {
      if (decision.petitionId === null) return { decision, student: null };
      const petition = petitions.get(decision.petitionId);
      return { decision, student: { name: petition?.studentName ?? '', number: petition?.studentNumber ?? '' } };
    });
}

export function renderDecisionList(input: DecisionListInput): Buffer {
  const entries = decisionListEntries(input.detail, input.decisions);
  checkTexts(input.detail, entries);
  const text = listWording(input.language);
  const { meeting } = input.detail;
  const board = text.board('boex');
  const doc = createDocument({
    title: `${text.title}: ${board}, ${text.date(meeting.heldOn)}`,
    author: board,
    subject: text.subject(meeting.heldOn, entries.length),
    keywords: [...text.keywords, board, meeting.heldOn, ...entries.map((e) => e.decision.number)],
    lang: text.lang,
    createdAt: input.createdAt,
  });
  Object.assign(doc.pdf.page.margins, MARGINS);
  doc.pdf.fillColor(COLOR.ink).fontSize(9);

  header(doc, input.detail, entries, text);
  if (entries.length === 0) {
    paragraph(doc, [{ text: text.none, style: 'oblique' }], { width: AREA.width });
  } else {
    drawTable(doc, {
      x: AREA.x,
      size: 7.5,
      columns: [
        { header: text.columns.decision, width: 82 },
        { header: text.columns.student, width: 88 },
        { header: text.columns.course, width: 106 },
        { header: text.columns.institution, width: 76 },
        { header: text.columns.outcome, width: 68 },
        { header: text.columns.ec, width: 22, align: 'right' },
        { header: text.columns.level, width: AREA.width - 442 },
      ],
      rows: entries.map((entry) => row(entry, text)),
      addPage: () => doc.pdf.addPage({ size: 'A4', margins: { ...MARGINS } }),
      shaded: (i) => i % 2 === 1,
    });
  }
  footers(doc, MARGINS, text.footerLabel(meeting.heldOn), text.footer);
  return renderToBufferSync(doc);
}

function checkTexts(detail: MeetingDetail, entries: readonly DecisionListEntry[]): void {
  const places: TextPlace[] = [
    { where: { en: 'the meeting\'s location', nl: 'de locatie van de vergadering' }, texts: [detail.meeting.location] },
    ...entries.map(({ decision: d, student }) => ({
      where: { en: `decision ${d.number}`, nl: `besluit ${d.number}` },
      texts: [d.number, d.courseCode, d.courseTitle, d.institutionName, d.replacesNumber ?? '', d.replacedByNumber ?? '', d.citesNumber ?? '', student?.name ?? ''],
    })),
  ];
  checkCharacters(places, (characters, where) => ({
    en: listWording('en').unsupportedCharacters(characters, where.en),
    nl: listWording('nl').unsupportedCharacters(characters, where.nl),
  }));
}

function header(doc: TaggedDocument, detail: MeetingDetail, entries: readonly DecisionListEntry[], text: ListWording): void {
  const { pdf } = doc;
  const { meeting } = detail;
  tagged(doc, 'P', () => {
    pdf.font(FONT.bold).fontSize(8.5).fillColor(COLOR.accent).text(`${text.university} · ${text.board('boex')}`, AREA.x, MARGINS.top, { width: AREA.width });
  });
  pdf.y += 6;
  rule(pdf, AREA, COLOR.accent, 0.6);
  pdf.y += 18;
  // One structure element per line, as the letter's heading has it.
  const h1 = pdf.struct('H1', {}, () => pdf.font(FONT.bold).fontSize(20).fillColor(COLOR.accent).text(text.title, AREA.x, pdf.y, { width: AREA.width }));
  doc.root.add(h1);
  h1.end();
  pdf.y += 2;
  tagged(doc, 'P', () => pdf.font(FONT.regular).fontSize(11).fillColor(COLOR.ink).text(text.meetingOf(meeting.heldOn, meeting.location.trim()), AREA.x, pdf.y, { width: AREA.width }));
  pdf.y += 8;
  const approved = entries.filter((e) => e.decision.outcome === 'approved').length;
  tagged(doc, 'P', () => pdf.font(FONT.regular).fontSize(9).text(text.summary(entries.length, approved, entries.length - approved), AREA.x, pdf.y, { width: AREA.width }));
  if (entries.some((e) => e.decision.replacesId !== null)) {
    tagged(doc, 'P', () => pdf.fontSize(8).fillColor(COLOR.muted).text(text.correctionsNote, AREA.x, pdf.y + 2, { width: AREA.width }));
  }
  pdf.fillColor(COLOR.ink).fontSize(9);
  pdf.x = AREA.x;
  pdf.y += 14;
}

function row({ decision: d, student }: DecisionListEntry, text: ListWording): Line[][] {
  // A decision a correction replaced stays on the list, greyed, with the number that replaced it.
  const ink = d.replacedByNumber === null ? COLOR.ink : COLOR.muted;
  const note = 7;
  return [
    [
      { text: d.number, style: 'bold', color: ink },
      { text: text.date(d.decidedOn), color: COLOR.muted, size: note },
      ...(d.replacesNumber ? marked(text.replaces, d.replacesNumber, COLOR.accent) : []),
      ...(d.replacedByNumber ? marked(text.replacedBy, d.replacedByNumber, COLOR.error) : []),
      ...(d.citesNumber ? marked(text.cites, d.citesNumber, COLOR.muted) : []),
    ],
    student ? [{ text: student.name, color: ink }, { text: student.number, color: COLOR.muted }] : [{ text: text.allStudents, style: 'oblique', color: ink }],
    [{ text: d.courseCode, style: 'bold', color: ink }, { text: d.courseTitle, color: ink }],
    [{ text: d.institutionName, color: ink }],
    [
      { text: text.outcome(d.outcome), style: 'bold', color: d.replacedByNumber !== null ? COLOR.muted : d.outcome === 'rejected' ? COLOR.error : ink },
      { text: text.kind(d.kind), color: COLOR.muted },
    ],
    [{ text: String(d.creditedEc), color: ink }],
    [{ text: text.level(d.level), color: ink }],
  ];
}

/** "Replaces" over the number it names, so that a number never breaks across lines. */
function marked(label: string, number: string, color: string): Line[] {
  return [
    { text: label, color, size: 7, style: 'bold' },
    { text: number, color, size: 7 },
  ];
}

/** The list as CSV for Excel (excel-csv.ts): one decision a line, dates as 2025-02-27. */
export function decisionListCsv(input: DecisionListInput): string {
  const text = listWording(input.language);
  const data = decisionListEntries(input.detail, input.decisions).map(({ decision: d, student }) => [
    d.number,
    d.decidedOn,
    text.kind(d.kind),
    text.outcome(d.outcome),
    student?.number ?? '',
    student?.name ?? text.allStudents,
    d.courseCode,
    d.courseTitle,
    d.institutionName,
    d.creditedEc,
    text.level(d.level),
    d.replacesNumber ?? '',
    d.replacedByNumber ?? '',
  ]);
  return excelCsv(text.csvHeader, data);
}
