// The meeting pack: what a board reads before its meeting. A cover page with the meeting's facts
// and the agenda as a table of contents, then one section per agenda item, in agenda order, with
// every fact of the petition, the rule findings, the student's motivation and, for the Board of
// Examiners, the Media Technology Board's advice. Pure: a MeetingDetail in, the PDF's bytes out.
import type { AgendaItem, MeetingDetail } from '../../shared/meetings';
import { creditedEc, type Severity } from '../../shared/rules';
import { CONTENT_WIDTH, PAGE, createDocument, heading, keepSpace, paragraph, tagged, type TaggedDocument } from './document';
import { FONT } from './fonts';
import { COLOR, checkCharacters, currentPage, drawTable, factRow, footers, renderToBufferSync, rule, type Line, type TextPlace } from './meeting-layout';
import { packWording, type DocumentLanguage, type PackWording } from './meeting-wording';

export interface MeetingPackOptions {
  language: DocumentLanguage;
  /** Taken from the caller, never from the clock here: the same pack renders to the same bytes. */
  createdAt: Date;
}

const AREA = { x: PAGE.margins.left, width: CONTENT_WIDTH } as const;
const BODY = 9;
const SEVERITY_COLOR: Record<Severity, string> = { error: COLOR.error, warning: COLOR.warning, info: COLOR.info };

export function renderMeetingPack(detail: MeetingDetail, options: MeetingPackOptions): Buffer {
  checkTexts(detail);
  const text = packWording(options.language);
  // The contents list the page each item starts on, which is known only once the items are laid
  // out: lay out once to learn the pages, then again with them. The contents' rows have the same
  // height with any page number, so the second layout puts every item on the same page.
  let pass = layout(detail, text, options, null);
  for (let tries = 0; tries < 3; tries += 1) {
    const pages = pass.itemPages;
    pass = layout(detail, text, options, pages);
    if (pass.itemPages.every((page, i) => page === pages[i])) break;
  }
  return renderToBufferSync(pass.doc);
}

function checkTexts(detail: MeetingDetail): void {
  const { meeting, items } = detail;
  const places: TextPlace[] = [
    { where: { en: 'the meeting\'s location', nl: 'de locatie van de vergadering' }, texts: [meeting.location] },
    ...items.map((item) => ({
      where: { en: `item ${item.position}, ${item.petition.studentNumber}`, nl: `agendapunt ${item.position}, ${item.petition.studentNumber}` },
      texts: [
        item.petition.studentName,
        item.petition.courseCode,
        item.petition.courseTitle,
        item.petition.institution,
        item.petition.motivation,
        item.advice?.reasoning ?? '',
        ...item.findings.flatMap((f) => [f.message.en, f.message.nl]),
        ...item.generalDecisions.map((d) => d.number),
      ],
    })),
  ];
  checkCharacters(places, (characters, where) => ({
    en: packWording('en').unsupportedCharacters(characters, where.en),
    nl: packWording('nl').unsupportedCharacters(characters, where.nl),
  }));
}

function layout(detail: MeetingDetail, text: PackWording, options: MeetingPackOptions, itemPages: readonly number[] | null) {
  const { meeting, items } = detail;
  const board = text.board(meeting.body);
  const doc = createDocument({
    title: `${text.title}: ${board}, ${text.date(meeting.heldOn)}`,
    author: board,
    subject: text.subject(meeting.body, meeting.heldOn, items.length),
    keywords: [...text.keywords, board, meeting.heldOn],
    lang: text.lang,
    createdAt: options.createdAt,
  });
  doc.pdf.fillColor(COLOR.ink).fontSize(BODY);

  cover(doc, detail, text, itemPages);
  const pages: number[] = [];
  items.forEach((item, index) => {
    if (index === 0) doc.pdf.addPage();
    pages.push(itemSection(doc, detail, item, text));
  });
  footers(doc, PAGE.margins, text.footerLabel(meeting.body, meeting.heldOn), text.footer);
  return { doc, itemPages: pages };
}

function cover(doc: TaggedDocument, detail: MeetingDetail, text: PackWording, itemPages: readonly number[] | null): void {
  const { pdf } = doc;
  const { meeting, items } = detail;
  tagged(doc, 'P', () => {
    pdf.font(FONT.bold).fontSize(8.5).fillColor(COLOR.accent).text(`${text.university} · ${text.programme}`, AREA.x, PAGE.margins.top, { width: AREA.width });
  });
  pdf.y += 6;
  rule(pdf, AREA, COLOR.accent, 0.6);

  pdf.y += 48;
  // heading() writes in the current size and colour.
  pdf.fontSize(24).fillColor(COLOR.accent);
  heading(doc, 1, text.title, { width: AREA.width });
  pdf.y += 2;
  tagged(doc, 'P', () => pdf.font(FONT.regular).fontSize(15).fillColor(COLOR.ink).text(text.board(meeting.body), AREA.x, pdf.y, { width: AREA.width }));
  pdf.y += 22;
  factRow(
    doc,
    [
      [text.facts.date, text.date(meeting.heldOn)],
      [text.facts.location, meeting.location.trim() || text.noLocation],
      [text.facts.cutoff, text.date(meeting.cutoffOn ?? meeting.heldOn)],
      [text.facts.items, text.itemCount(items.length)],
    ],
    AREA,
  );

  pdf.y += 30;
  pdf.fontSize(12).fillColor(COLOR.accent);
  heading(doc, 2, text.agenda, { width: AREA.width });
  pdf.fillColor(COLOR.ink).fontSize(BODY);
  pdf.y += 6;
  if (items.length === 0) {
    paragraph(doc, text.emptyAgenda, { width: AREA.width });
    return;
  }
  drawTable(doc, {
    x: AREA.x,
    size: 8,
    columns: [
      { header: text.toc.number, width: 28 },
      { header: text.toc.student, width: 120 },
      { header: text.toc.course, width: 187 },
      { header: text.toc.findings, width: 92 },
      { header: text.toc.page, width: 32, align: 'right' },
    ],
    rows: items.map((item, i) => contentsRow(item, text, itemPages?.[i] ?? null)),
    addPage: () => doc.pdf.addPage(),
    shaded: (i) => i % 2 === 1,
  });
}

function counts(item: AgendaItem): Record<Severity, number> {
  const result: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of item.findings) result[finding.severity] += 1;
  return result;
}

function contentsRow(item: AgendaItem, text: PackWording, page: number | null): Line[][] {
  const { petition } = item;
  const found = text.findingCounts(counts(item));
  return [
    [{ text: String(item.position), style: 'bold' }],
    [{ text: petition.studentName }, { text: petition.studentNumber, color: COLOR.muted }],
    [{ text: `${petition.courseCode} ${petition.courseTitle}` }, { text: petition.institution, color: COLOR.muted }],
    found.length === 0
      ? [{ text: text.noFindingsShort, color: COLOR.muted }]
      : found.map(([severity, words]) => ({ text: words, color: SEVERITY_COLOR[severity], style: severity === 'error' ? 'bold' : 'regular' })),
    // A placeholder of the widest likely number keeps the row's height the same in both layouts.
    [{ text: page === null ? '000' : String(page) }],
  ];
}

/** One agenda item; returns the page it starts on. */
function itemSection(doc: TaggedDocument, detail: MeetingDetail, item: AgendaItem, text: PackWording): number {
  const { pdf } = doc;
  const { petition } = item;
  const atTop = (): boolean => pdf.y <= PAGE.margins.top + 1;
  if (!atTop()) pdf.y += 16;
  // The heading, the course and the facts stay together.
  keepSpace(pdf, 118);
  if (!atTop()) {
    rule(pdf, AREA, COLOR.rule, 0.5);
    pdf.y += 12;
  }
  const page = currentPage(pdf);
  // A bookmark per item. pdfkit's types leave out `fit`; without it the bookmark's destination
  // would scroll to the right edge of the page.
  pdf.outline.addItem(`${item.position}. ${petition.studentName} (${petition.studentNumber})`, { fit: true } as { expanded?: boolean });

  tagged(doc, 'P', () => pdf.font(FONT.bold).fontSize(7.5).fillColor(COLOR.muted).text(text.item(item.position).toUpperCase(), AREA.x, pdf.y, { width: AREA.width, characterSpacing: 0.6 }));
  pdf.y += 2;
  pdf.fontSize(13).fillColor(COLOR.accent);
  heading(doc, 2, `${petition.studentName}  ·  ${petition.studentNumber}`, { width: AREA.width });
  pdf.y += 3;
  tagged(doc, 'P', () => pdf.font(FONT.bold).fontSize(10).fillColor(COLOR.ink).text(`${petition.courseCode} ${petition.courseTitle}`, AREA.x, pdf.y, { width: AREA.width }));
  const institution = text.institution(petition.institution, petition.institutionKind);
  tagged(doc, 'P', () => pdf.font(FONT.regular).fontSize(BODY).fillColor(COLOR.muted).text(institution, AREA.x, pdf.y + 1, { width: AREA.width }));
  pdf.y += 8;
  factRow(
    doc,
    [
      [text.labels.ec, text.ec(petition.ec)],
      [text.labels.creditedEc, text.ec(creditedEc(petition.ec))],
      [text.labels.level, text.level(petition.level)],
      [text.labels.startDate, petition.courseStartDate ? text.date(petition.courseStartDate) : text.unknown],
      [text.labels.submittedOn, text.date(petition.submittedOn)],
    ],
    AREA,
    // Room for "200 (introductory)" and "17 September 2025" on one line each.
    [0.6, 0.85, 1.25, 1.15, 1.15],
  );

  subheading(doc, text.findings);
  if (item.findings.length === 0) {
    paragraph(doc, text.noFindings, { width: AREA.width });
  } else {
    findingList(doc, item, text);
  }

  subheading(doc, text.motivation);
  const motivation = petition.motivation.trim();
  if (motivation) paragraph(doc, motivation, { width: AREA.width, lineGap: 1.5 });
  else paragraph(doc, [{ text: text.noMotivation, style: 'oblique' }], { width: AREA.width });

  if (detail.meeting.body === 'boex') {
    subheading(doc, text.adviceHeading);
    if (item.advice) {
      paragraph(doc, [{ text: text.adviceGiven(item.advice.advice, item.advice.recordedAt.slice(0, 10)), style: 'bold' }], { width: AREA.width });
      const reasoning = item.advice.reasoning.trim();
      if (reasoning) {
        pdf.y += 2;
        paragraph(doc, reasoning, { width: AREA.width, lineGap: 1.5 });
      }
    } else {
      paragraph(doc, [{ text: text.noAdvice, style: 'oblique' }], { width: AREA.width });
    }
  }

  if (item.generalDecisions.length > 0) {
    subheading(doc, text.generalDecisions);
    for (const d of item.generalDecisions) paragraph(doc, text.generalDecision(d.number, d.outcome, d.decidedOn), { width: AREA.width });
  }
  return page;
}

/** A heading inside an item, kept on the page with the first lines under it. */
function subheading(doc: TaggedDocument, title: string): void {
  const { pdf } = doc;
  pdf.y += 10;
  keepSpace(pdf, 44);
  const element = pdf.struct('H3', {}, () => {
    pdf.font(FONT.bold).fontSize(8.5).fillColor(COLOR.accent).text(title, AREA.x, pdf.y, { width: AREA.width });
  });
  doc.root.add(element);
  element.end();
  pdf.y += 2;
  pdf.font(FONT.regular).fontSize(BODY).fillColor(COLOR.ink);
}

/** The findings as a list: the severity word as each entry's label, the sentence as its body. */
function findingList(doc: TaggedDocument, item: AgendaItem, text: PackWording): void {
  const { pdf } = doc;
  const labelWidth = 78;
  const bodyWidth = AREA.width - labelWidth;
  const list = pdf.struct('L');
  doc.root.add(list);
  for (const finding of item.findings) {
    const sentence = finding.message[text.language];
    pdf.font(FONT.regular).fontSize(BODY);
    keepSpace(pdf, pdf.heightOfString(sentence, { width: bodyWidth, lineGap: 1.5 }) + 3);
    const top = pdf.y;
    const entry = pdf.struct('LI');
    list.add(entry);
    tagged(doc, 'Lbl', () => {
      pdf.font(FONT.bold).fontSize(8).fillColor(SEVERITY_COLOR[finding.severity]).text(text.severity(finding.severity), AREA.x, top, { width: labelWidth - 8 });
    }, {}, entry);
    tagged(doc, 'LBody', () => {
      pdf.font(FONT.regular).fontSize(BODY).fillColor(COLOR.ink).text(sentence, AREA.x + labelWidth, top, { width: bodyWidth, lineGap: 1.5 });
    }, {}, entry);
    entry.end();
    pdf.x = AREA.x;
    pdf.y += 3;
  }
  list.end();
}
