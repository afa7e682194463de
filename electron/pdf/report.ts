// The yearly report as a PDF for the programme's annual report (title, the year's key figures,
// bar charts drawn as plain rectangles, and the tables behind them) and as CSV for a spreadsheet.
// Pure: the year's figures in, bytes or text out. Words come from the app's catalogue, so the
// document and the screen call a thing the same.
import { excelCsv } from './excel-csv';
import type { OutcomeCounts, YearFigures } from '../../shared/report';
import { academicYearStart, OUTCOME_COLOR, REPORT_OUTCOMES, reportCategoryWords } from '../../shared/report';
import { translate, type Language, type MessageKey } from '../../shared/i18n';
import { formatLongDate } from '../../shared/rules';
import { PAGE, createDocument, keepSpace, paragraph, renderToBuffer, tagged, type TaggedDocument } from './document';
import { FONT } from './fonts';
import { COLOR, drawTable, factRow, footers, rule, type Line, type Margins } from './meeting-layout';

const MARGINS: Margins = { top: PAGE.margins.top, bottom: PAGE.margins.bottom, left: 48, right: 48 };
const AREA = { x: MARGINS.left, width: PAGE.width - MARGINS.left - MARGINS.right } as const;

/** The words of the report in one language: the catalogue's, plus what only a document says. */
export function reportWording(language: Language) {
  const t = (key: MessageKey, params: Record<string, string | number> = {}): string => translate(language, key, params);
  const en = language === 'en';
  const year = (label: string): string => {
    const start = academicYearStart(label);
    return start === null ? label : `${start}-${start + 1}`;
  };
  return {
    t,
    lang: en ? 'en-GB' : 'nl-NL',
    university: en ? 'Leiden University' : 'Universiteit Leiden',
    programme: en ? 'Media Technology MSc' : 'Master Media Technology',
    ...reportCategoryWords(t, en ? 'en-GB' : 'nl-NL'),
    date: (date: string): string => formatLongDate(date, language),
    /** '24-25' → '2024-2025', as a title writes it. */
    fullYear: year,
    fileName: (label: string, extension: 'pdf' | 'csv'): string => `${en ? 'yearly-report' : 'jaarverslag'}-${label}.${extension}`,
    footer: (page: number, count: number): string => (en ? `Page ${page} of ${count}` : `Pagina ${page} van ${count}`),
    subject: (label: string, petitions: number): string =>
      en ? `Elective-course petitions of the academic year ${year(label)}: ${petitions}` : `Verzoeken voor keuzevakken in studiejaar ${year(label)}: ${petitions}`,
    csv: en
      ? { header: ['Academic year', 'Table', 'Row', 'Column', 'Value'], figures: 'Key figures', median: 'Median days', shortest: 'Shortest days', longest: 'Longest days', decided: 'Decided petitions', unknown: 'Start date unknown', count: 'Count' }
      : { header: ['Studiejaar', 'Tabel', 'Rij', 'Kolom', 'Waarde'], figures: 'Kerncijfers', median: 'Mediaan dagen', shortest: 'Kortste dagen', longest: 'Langste dagen', decided: 'Verzoeken met besluit', unknown: 'Startdatum onbekend', count: 'Aantal' },
  };
}
type Wording = ReturnType<typeof reportWording>;

export interface ReportDocumentInput {
  figures: YearFigures;
  language: Language;
  /** Taken from the caller, never from the clock here: the same figures render to the same bytes. */
  createdAt: Date;
}

export function renderYearlyReport(input: ReportDocumentInput): Promise<Buffer> {
  const { figures: f } = input;
  const w = reportWording(input.language);
  const title = `${w.t('report.title')} ${w.fullYear(f.academicYear)}`;
  const doc = createDocument({
    title,
    author: w.programme,
    subject: w.subject(f.academicYear, f.petitions),
    keywords: [w.t('report.title'), f.academicYear, w.programme],
    lang: w.lang,
    createdAt: input.createdAt,
  });
  Object.assign(doc.pdf.page.margins, MARGINS);
  doc.pdf.fillColor(COLOR.ink).fontSize(9);

  header(doc, f, w, title);
  section(doc, w.t('report.outcomes.title'));
  barChart(doc, REPORT_OUTCOMES.map((o) => ({ label: w.outcome(o), value: f.outcomes[o], color: OUTCOME_COLOR[o] })), w, w.t('report.chart.outcomes', { year: f.academicYear }));
  table(doc, [w.t('report.col.outcome'), w.t('report.col.petitions'), w.t('report.col.share')], [260, 120, AREA.width - 380],
    REPORT_OUTCOMES.map((o) => [w.outcome(o), w.number(f.outcomes[o]), w.share(f.outcomes[o], f.petitions)]), [w.t('report.col.total'), w.number(f.petitions), w.share(f.petitions, f.petitions)]);

  section(doc, w.t('report.adviceByOutcome.title'), w.t('report.adviceByOutcome.intro'));
  const adviceWidth = 150;
  const outcomeWidth = (AREA.width - adviceWidth) / (REPORT_OUTCOMES.length + 1);
  table(
    doc,
    [w.t('report.col.advice'), ...REPORT_OUTCOMES.map((o) => w.outcome(o)), w.t('report.col.total')],
    [adviceWidth, ...REPORT_OUTCOMES.map(() => outcomeWidth), outcomeWidth],
    f.adviceByOutcome.map((row) => [w.advice(row.advice), ...REPORT_OUTCOMES.map((o) => w.number(row[o])), w.number(total(row))]),
    [w.t('report.col.total'), ...REPORT_OUTCOMES.map((o) => w.number(f.outcomes[o])), w.number(f.petitions)],
  );

  const breakdownHeader = (first: string) => [first, w.t('report.col.petitions'), w.t('report.col.approved'), w.t('report.col.creditedEc')];
  const breakdownWidths = [AREA.width - 270, 90, 90, 90];
  section(doc, w.t('report.kinds.title'));
  barChart(doc, f.institutionKinds.map((k) => ({ label: w.kind(k.kind), value: k.petitions, color: COLOR.accent })), w, w.t('report.chart.kinds', { year: f.academicYear }));
  table(doc, breakdownHeader(w.t('report.col.kind')), breakdownWidths,
    f.institutionKinds.map((k) => [w.kind(k.kind), w.number(k.petitions), w.number(k.approved), w.number(k.creditedEc)]),
    [w.t('report.col.total'), w.number(f.petitions), w.number(f.outcomes.approved), w.number(f.creditedEc)]);

  section(doc, w.t('report.levels.title'), undefined, f.levels.length * 13 + 80);
  barChart(doc, f.levels.map((l) => ({ label: w.level(l.level), value: l.petitions, color: COLOR.accent })), w, w.t('report.chart.levels', { year: f.academicYear }));
  table(doc, breakdownHeader(w.t('report.col.level')), breakdownWidths,
    f.levels.map((l) => [w.level(l.level), w.number(l.petitions), w.number(l.approved), w.number(l.creditedEc)]),
    [w.t('report.col.total'), w.number(f.petitions), w.number(f.outcomes.approved), w.number(f.creditedEc)]);

  section(doc, w.t('report.turnaround.title'));
  text(doc, turnaroundSentence(f, w));
  section(doc, w.t('report.late.title'));
  text(doc, lateSentence(f, w));

  section(doc, w.t('report.statuses.title'));
  table(doc, [w.t('report.col.status'), w.t('report.col.petitions')], [AREA.width - 120, 120],
    f.statuses.filter((s) => s.status !== 'draft').map((s) => [w.status(s.status), w.number(s.petitions)]), null);

  doc.pdf.y += 10;
  tagged(doc, 'P', () => doc.pdf.font(FONT.oblique).fontSize(7.5).fillColor(COLOR.muted).text(w.t('report.definitions'), AREA.x, doc.pdf.y, { width: AREA.width }));
  footers(doc, MARGINS, `${title} · ${w.programme}`, w.footer);
  return renderToBuffer(doc);
}

const total = (row: OutcomeCounts): number => REPORT_OUTCOMES.reduce((sum, o) => sum + row[o], 0);

export function turnaroundSentence(f: YearFigures, w: Wording): string {
  const { turnaround: d } = f;
  if (d.medianDays === null) return w.t('report.turnaround.none');
  return w.t('report.turnaround.text', { median: w.number(d.medianDays), decided: w.number(d.decided), min: w.number(d.minDays ?? 0), max: w.number(d.maxDays ?? 0) });
}

export function lateSentence(f: YearFigures, w: Wording): string {
  return w.t('report.late.text', { late: w.number(f.late.petitions), approved: w.number(f.late.approved), rejected: w.number(f.late.rejected), unknown: w.number(f.late.startUnknown) });
}

function header(doc: TaggedDocument, f: YearFigures, w: Wording, title: string): void {
  const { pdf } = doc;
  tagged(doc, 'P', () => {
    pdf.font(FONT.bold).fontSize(8.5).fillColor(COLOR.accent).text(`${w.university} · ${w.programme}`, AREA.x, MARGINS.top, { width: AREA.width });
  });
  pdf.y += 6;
  rule(pdf, AREA, COLOR.accent, 0.6);
  pdf.y += 18;
  const h1 = pdf.struct('H1', {}, () => pdf.font(FONT.bold).fontSize(20).fillColor(COLOR.accent).text(title, AREA.x, pdf.y, { width: AREA.width }));
  doc.root.add(h1);
  h1.end();
  pdf.y += 2;
  tagged(doc, 'P', () => pdf.font(FONT.regular).fontSize(10).fillColor(COLOR.ink).text(w.t('report.range', { from: w.date(f.from), to: w.date(f.to) }), AREA.x, pdf.y, { width: AREA.width }));
  pdf.y += 12;
  factRow(doc, [
    [w.t('report.card.petitions'), w.number(f.petitions)],
    [w.t('report.card.approved'), `${w.number(f.outcomes.approved)} (${w.share(f.outcomes.approved, f.petitions)})`],
    [w.t('report.card.creditedEc'), w.number(f.creditedEc)],
    [w.t('report.card.medianDays'), f.turnaround.medianDays === null ? w.t('report.noDecisionYet') : w.t('report.days', { days: w.number(f.turnaround.medianDays) })],
    [w.t('report.card.late'), w.number(f.late.petitions)],
  ], AREA);
  pdf.y += 6;
}

/** A heading, kept on the page of what follows it (`keep` points of it). */
function section(doc: TaggedDocument, title: string, intro?: string, keep = 110): void {
  const { pdf } = doc;
  keepSpace(pdf, keep);
  pdf.y += 12;
  const h2 = pdf.struct('H2', {}, () => pdf.font(FONT.bold).fontSize(12).fillColor(COLOR.accent).text(title, AREA.x, pdf.y, { width: AREA.width }));
  doc.root.add(h2);
  h2.end();
  pdf.y += 3;
  if (intro) text(doc, intro, COLOR.muted, 8);
  pdf.fillColor(COLOR.ink);
}

function text(doc: TaggedDocument, words: string, color: string = COLOR.ink, size = 9): void {
  doc.pdf.x = AREA.x;
  doc.pdf.fontSize(size).fillColor(color);
  paragraph(doc, words, { width: AREA.width });
  doc.pdf.fontSize(9).fillColor(COLOR.ink);
}

function table(doc: TaggedDocument, headers: string[], widths: number[], rows: string[][], totals: string[] | null): void {
  const cell = (value: string, bold = false): Line[] => [{ text: value, style: bold ? 'bold' : 'regular' }];
  const all = [...rows.map((r) => r.map((v) => cell(v))), ...(totals ? [totals.map((v) => cell(v, true))] : [])];
  doc.pdf.y += 4;
  drawTable(doc, {
    x: AREA.x,
    size: 8.5,
    columns: headers.map((header, i) => ({ header, width: widths[i] ?? 60, align: i === 0 ? 'left' : 'right' })),
    rows: all,
    addPage: () => doc.pdf.addPage({ size: 'A4', margins: { ...MARGINS } }),
    shaded: (i) => totals !== null && i === all.length - 1,
  });
  doc.pdf.x = AREA.x;
}

interface Bar {
  label: string;
  value: number;
  color: string;
}

/**
 * Horizontal bars, one per category, as a tagged Figure whose alternative text points to the
 * table below it (which holds the same figures, so nothing is only in the picture).
 */
function barChart(doc: TaggedDocument, bars: readonly Bar[], w: Wording, alt: string): void {
  const { pdf } = doc;
  const rowHeight = 13;
  const labelWidth = 170;
  const valueWidth = 50;
  const barArea = AREA.width - labelWidth - valueWidth;
  const max = Math.max(1, ...bars.map((b) => b.value));
  keepSpace(pdf, bars.length * rowHeight + 8);
  const top = pdf.y + 4;
  const figure = pdf.struct('Figure', { alt }, () => {
    bars.forEach((bar, i) => {
      const y = top + i * rowHeight;
      pdf.font(FONT.regular).fontSize(8).fillColor(COLOR.ink).text(bar.label, AREA.x, y + 2, { width: labelWidth - 8, lineBreak: false, ellipsis: true, height: rowHeight });
      pdf.rect(AREA.x + labelWidth, y + 1, barArea, rowHeight - 3).fill(COLOR.shade);
      const length = (barArea * bar.value) / max;
      if (length > 0) pdf.rect(AREA.x + labelWidth, y + 1, Math.max(length, 1), rowHeight - 3).fill(bar.color);
      pdf.font(FONT.bold).fontSize(8).fillColor(COLOR.ink).text(w.number(bar.value), AREA.x + labelWidth + barArea + 4, y + 2, { width: valueWidth - 4, lineBreak: false });
    });
  });
  doc.root.add(figure);
  figure.end();
  pdf.x = AREA.x;
  pdf.y = top + bars.length * rowHeight + 4;
}

/**
 * The figures as CSV, one figure a line in the columns academic year; table; row; column; value:
 * the long form a pivot table takes, in excel-csv.ts's form, with decimal commas.
 */
export function yearlyReportCsv(f: YearFigures, language: Language): string {
  const w = reportWording(language);
  const data: Array<[string, string, string, string | number]> = [];
  const put = (tableName: string, row: string, column: string, value: number | null): void => {
    data.push([tableName, row, column, value === null ? '' : String(value).replace('.', ',')]);
  };
  const figures = w.csv.figures;
  put(figures, w.t('report.card.petitions'), w.csv.count, f.petitions);
  put(figures, w.t('report.card.creditedEc'), w.csv.count, f.creditedEc);
  for (const o of REPORT_OUTCOMES) put(w.t('report.outcomes.title'), w.outcome(o), w.t('report.col.petitions'), f.outcomes[o]);
  for (const row of f.adviceByOutcome) for (const o of REPORT_OUTCOMES) put(w.t('report.adviceByOutcome.title'), w.advice(row.advice), w.outcome(o), row[o]);
  const breakdown = (name: string, label: string, row: { petitions: number; approved: number; creditedEc: number }) => {
    put(name, label, w.t('report.col.petitions'), row.petitions);
    put(name, label, w.t('report.col.approved'), row.approved);
    put(name, label, w.t('report.col.creditedEc'), row.creditedEc);
  };
  for (const k of f.institutionKinds) breakdown(w.t('report.kinds.title'), w.kind(k.kind), k);
  for (const l of f.levels) breakdown(w.t('report.levels.title'), w.level(l.level), l);
  const turnaround = w.t('report.turnaround.title');
  put(turnaround, w.csv.decided, w.csv.count, f.turnaround.decided);
  put(turnaround, w.csv.median, w.csv.count, f.turnaround.medianDays);
  put(turnaround, w.csv.shortest, w.csv.count, f.turnaround.minDays);
  put(turnaround, w.csv.longest, w.csv.count, f.turnaround.maxDays);
  const late = w.t('report.late.title');
  put(late, w.t('report.late.title'), w.csv.count, f.late.petitions);
  put(late, w.t('report.late.title'), w.outcome('approved'), f.late.approved);
  put(late, w.t('report.late.title'), w.outcome('rejected'), f.late.rejected);
  put(late, w.csv.unknown, w.csv.count, f.late.startUnknown);
  for (const s of f.statuses) if (s.status !== 'draft') put(w.t('report.statuses.title'), w.status(s.status), w.t('report.col.petitions'), s.petitions);
  return excelCsv(w.csv.header, data.map((row) => [f.academicYear, ...row]));
}
