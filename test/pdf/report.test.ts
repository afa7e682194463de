// The yearly report PDF read back as a reader of the annual report would: its title and year, the
// key figures, each table row with its numbers (pdftotext -layout keeps a row on one line), the
// charts as tagged figures with their alternative text, fonts embedded only, and qpdf --check.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { renderYearlyReport } from '../../electron/pdf/report';
import type { YearFigures } from '../../shared/report';
import { layoutText, pdfFonts, pdfInfo, plainText, removeTempFolders, run } from './fixtures/readers';

afterAll(removeTempFolders);
vi.setConfig({ testTimeout: 60_000 });

const createdAt = new Date('2025-09-15T10:00:00Z');

/** A year with thousands (to see the separators) and every table filled. */
const figures: YearFigures = {
  academicYear: '24-25',
  from: '2024-09-01',
  to: '2025-08-31',
  petitions: 1250,
  outcomes: { approved: 800, rejected: 150, withdrawn: 100, pending: 200 },
  statuses: [
    { status: 'draft', petitions: 0 },
    { status: 'submitted', petitions: 120 },
    { status: 'in_progress', petitions: 380 },
    { status: 'rejected', petitions: 150 },
    { status: 'approved', petitions: 200 },
    { status: 'external_approved', petitions: 300 },
    { status: 'withdrawn', petitions: 100 },
  ],
  adviceByOutcome: [
    { advice: 'support', approved: 700, rejected: 20, withdrawn: 10, pending: 30 },
    { advice: 'not_support', approved: 60, rejected: 120, withdrawn: 5, pending: 15 },
    { advice: 'defer', approved: 0, rejected: 0, withdrawn: 5, pending: 45 },
    { advice: 'none', approved: 40, rejected: 10, withdrawn: 80, pending: 110 },
  ],
  institutionKinds: [
    { kind: 'leiden', petitions: 250, approved: 200, creditedEc: 1200 },
    { kind: 'university', petitions: 700, approved: 450, creditedEc: 2700 },
    { kind: 'applied_sciences', petitions: 300, approved: 150, creditedEc: 750 },
  ],
  levels: [
    { level: '100', petitions: 10, approved: 5, creditedEc: 25 },
    { level: '200', petitions: 0, approved: 0, creditedEc: 0 },
    { level: '300', petitions: 40, approved: 20, creditedEc: 100 },
    { level: '400', petitions: 100, approved: 90, creditedEc: 540 },
    { level: '500', petitions: 100, approved: 85, creditedEc: 535 },
    { level: '600', petitions: 0, approved: 0, creditedEc: 0 },
    { level: 'master', petitions: 800, approved: 500, creditedEc: 3000 },
    { level: 'advanced', petitions: 150, approved: 80, creditedEc: 400 },
    { level: 'introductory', petitions: 50, approved: 20, creditedEc: 50 },
  ],
  creditedEc: 4650,
  turnaround: { decided: 950, medianDays: 41.5, minDays: 3, maxDays: 160 },
  late: { petitions: 37, approved: 2, rejected: 30, startUnknown: 12 },
};

const pdfs = new Map<string, Buffer>();
async function reportPdf(language: 'en' | 'nl'): Promise<Buffer> {
  const cached = pdfs.get(language);
  if (cached) return cached;
  const pdf = await renderYearlyReport({ figures, language, createdAt });
  pdfs.set(language, pdf);
  return pdf;
}

describe('the yearly report PDF in English', () => {
  it('has the title, the year and the key figures', async () => {
    const pdf = await reportPdf('en');
    const text = plainText(pdf);
    expect(text).toContain('Leiden University · Media Technology MSc');
    expect(text).toContain('Yearly report 2024-2025');
    expect(text).toContain('Submitted from 1 September 2024 to 31 August 2025');
    const layout = layoutText(pdf);
    expect(layout).toMatch(/^\s*Petitions\s+Approved\s+EC credited\s+Median turnaround\s+Late petitions\s*$/m);
    expect(layout).toMatch(/^\s*1,250\s+800 \(64%\)\s+4,650\s+41\.5 days\s+37\s*$/m);
  });

  it('gives every table row with its numbers', async () => {
    const layout = layoutText(await reportPdf('en'));
    expect(layout).toMatch(/^\s*Outcome\s+Petitions\s+Share\s*$/m);
    expect(layout).toMatch(/^\s*Pending\s+200\s+16%\s*$/m);
    expect(layout).toMatch(/^\s*Total\s+1,250\s+100%\s*$/m);
    expect(layout).toMatch(/^\s*MT Board advice\s+Approved\s+Rejected\s+Withdrawn\s+Pending\s+Total\s*$/m);
    expect(layout).toMatch(/^\s*Not support\s+60\s+120\s+5\s+15\s+200\s*$/m);
    expect(layout).toMatch(/^\s*No advice\s+40\s+10\s+80\s+110\s+240\s*$/m);
    expect(layout).toMatch(/^\s*Total\s+800\s+150\s+100\s+200\s+1,250\s*$/m);
    expect(layout).toMatch(/^\s*University of applied sciences \(HBO\)\s+300\s+150\s+750\s*$/m);
    expect(layout).toMatch(/^\s*Master level\s+800\s+500\s+3,000\s*$/m);
    expect(layout).toMatch(/^\s*Total\s+1,250\s+800\s+4,650\s*$/m);
    expect(layout).toMatch(/^\s*External courses approved\s+300\s*$/m);
    const text = plainText(await reportPdf('en'));
    expect(text).toContain('Median 41.5 days from submission to the first decision (shortest 3, longest 160); decided petitions: 950.');
    expect(text).toContain('Submitted on or after the start date of the course: 37 (approved: 2, rejected: 30). Start date unknown: 12.');
    expect(text).toContain('How the figures are counted');
  });

  it('tags each chart as a figure whose alternative text points to its table', async () => {
    const raw = (await reportPdf('en')).toString('latin1');
    expect(raw.match(/\/S \/Figure\n/g)).toHaveLength(3);
    expect(raw).toContain('/Alt (Chart of the outcomes of 24-25; the table beside it gives the same figures.)');
  });

  it('passes qpdf --check, embeds only its own fonts, and has its metadata and footers', async () => {
    const pdf = await reportPdf('en');
    const check = run('qpdf', ['--check'], pdf);
    expect(check.output).toContain('No syntax or stream encoding errors found');
    expect(check.status).toBe(0);
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
      expect(font.name).toMatch(/^[A-Z]{6}\+DejaVuSans/);
    }
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('Yearly report 2024-2025');
    expect(info.Subject).toBe('Elective-course petitions of the academic year 2024-2025: 1250');
    expect(info.Tagged).toBe('yes');
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(plainText(pdf)).toContain(`Page ${pages} of ${pages}`);
  });

  it('gives the same bytes for the same figures', async () => {
    const again = await renderYearlyReport({ figures, language: 'en', createdAt });
    expect(again.equals(await reportPdf('en'))).toBe(true);
  });
});

describe('the yearly report PDF in Dutch', () => {
  it('writes the words and the numbers the Dutch way', async () => {
    const pdf = await reportPdf('nl');
    const text = plainText(pdf);
    expect(text).toContain('Jaarverslag 2024-2025');
    expect(text).toContain('Ingediend van 1 september 2024 tot en met 31 augustus 2025');
    expect(text).toContain('Mediaan 41,5 dagen van indiening tot het eerste besluit (kortste 3, langste 160); verzoeken met een besluit: 950.');
    const layout = layoutText(pdf);
    expect(layout).toMatch(/^\s*Niet steunen\s+60\s+120\s+5\s+15\s+200\s*$/m);
    expect(layout).toMatch(/^\s*Totaal\s+1\.250\s+800\s+4\.650\s*$/m);
    expect(plainText(pdf)).toContain('Pagina 1 van');
    expect(run('qpdf', ['--check'], pdf).status).toBe(0);
  });
});
