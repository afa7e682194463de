// The yearly report in the browser: petitions of two academic years put through the MT Board and
// the BoEx over the bridge; the secretary opens "Yearly report", sees the newest year's cards,
// charts (SVG drawn by recharts, each with its aria-label) and tables, switches the year, and
// downloads the CSV and the PDF. The page runs under the app's Content Security Policy, and no
// violation of it may be reported.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeCall, launchBrowser, openPage, screenshot, startPreview, tempRegisterPath, type Preview } from './harness';

const register = tempRegisterPath();
let preview: Preview;
let browser: Browser;
let page: Page;
let foreignRequests: string[];
let violations: string[];
const cspEvents = () => page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);

const api = <T>(name: string, input: unknown) => bridgeCall<T>(preview, name, input);
const containsText = (locator: Locator, text: string) => expect.poll(() => locator.first().innerText(), { timeout: 10_000 }).toContain(text);

interface Detail {
  items: Array<{ id: number; petition: { id: number } }>;
}

let serial = 0;
async function petition(submittedOn: string, courseStartDate: string): Promise<number> {
  serial += 1;
  const created = await api<{ id: number }>('petitions.create', {
    studentNumber: `s33000${String(serial).padStart(2, '0')}`,
    givenName: 'Student',
    familyName: `Nummer ${serial}`,
    email: `student${serial}@umail.leidenuniv.nl`,
    courseCode: `RPT${serial}`,
    courseTitle: `Report Course ${serial}`,
    institution: 'Delft University of Technology',
    institutionKind: 'university',
    country: 'Netherlands',
    ec: 7.5,
    level: 'master',
    courseStartDate,
    honours: false,
    submittedOn,
    motivation: 'Needed for the graduation project.',
  });
  return created.id;
}

beforeAll(async () => {
  preview = await startPreview(register);
  browser = await launchBrowser();
  ({ page, foreignRequests, cspViolations: violations } = await openPage(browser, preview.origin));
  // Every report of the page's Content Security Policy, as the browser raises it.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });

  // 23-24: one petition still waiting. 24-25: approved, rejected (submitted late), and one waiting.
  await petition('2024-03-01', '2024-09-02');
  const approved = await petition('2024-09-10', '2024-11-01');
  const late = await petition('2024-10-01', '2024-09-02');
  await petition('2024-11-01', '2025-02-01');
  const mt = await api<{ id: number }>('meetings.create', { body: 'mt_board', heldOn: '2024-10-10', location: '' });
  const mtAgenda = await api<Detail>('agenda.add', { meetingId: mt.id, petitionIds: [approved, late] });
  for (const item of mtAgenda.items) {
    await api('advice.record', { agendaItemId: item.id, advice: item.petition.id === approved ? 'support' : 'not_support', reasoning: 'Considered.' });
  }
  const boex = await api<{ id: number }>('meetings.create', { body: 'boex', heldOn: '2024-10-20', location: '' });
  const boexAgenda = await api<Detail>('agenda.add', { meetingId: boex.id, petitionIds: [approved, late] });
  for (const item of boexAgenda.items) {
    const ok = item.petition.id === approved;
    await api('decisions.record', {
      agendaItemId: item.id,
      outcome: ok ? 'approved' : 'rejected',
      kind: 'individual',
      creditedEc: 7,
      level: 'master',
      institutionName: 'Delft University of Technology',
      reasoning: ok ? 'The course is at master level.' : 'The petition was submitted after the course started.',
      decidedOn: ok ? '2024-10-20' : '2024-10-21',
      signatory: 'Dr. A. Chair',
    });
  }
  await page.goto(preview.url);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Yearly report' }).waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('the yearly report', () => {
  it('opens from the navigation on the newest year, with its cards, charts and tables', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Yearly report' }).click();
    await page.getByRole('heading', { name: 'Yearly report', level: 2 }).waitFor();
    await expect.poll(() => page.getByRole('combobox', { name: 'Academic year' }).inputValue()).toBe('24-25 (petitions: 3)');
    await containsText(page.getByTestId('report-range'), 'Submitted from 1 Sept 2024 to 31 Aug 2025');
    await containsText(page.getByTestId('card-petitions'), '3');
    await containsText(page.getByTestId('card-approved'), '1 (33%)');
    await containsText(page.getByTestId('card-ec'), '7');
    // Decided after 40 and 20 days: the median of an even count is the mean of the two.
    await containsText(page.getByTestId('card-median'), '30 days');
    await containsText(page.getByTestId('card-late'), '1');

    const charts = page.locator('[role="img"][aria-label]');
    await expect.poll(() => charts.count()).toBe(4);
    for (let i = 0; i < 4; i++) await expect.poll(() => charts.nth(i).locator('svg path, svg rect').count()).toBeGreaterThan(0);
    expect(await charts.nth(0).getAttribute('aria-label')).toBe('Chart of the outcomes of 24-25; the table beside it gives the same figures.');

    const advice = page.getByRole('table', { name: 'MT Board advice against the BoEx decision' });
    const rowText = async (table: Locator, name: string) => (await table.getByRole('row', { name: new RegExp(`^${name}`) }).innerText()).replace(/\s+/g, ' ').trim();
    expect(await rowText(advice, 'Support')).toBe('Support 1 0 0 0 1');
    expect(await rowText(advice, 'Not support')).toBe('Not support 0 1 0 0 1');
    expect(await rowText(advice, 'No advice')).toBe('No advice 0 0 0 1 1');
    await containsText(page.getByTestId('report-turnaround'), 'Median 30 days from submission to the first decision (shortest 20, longest 40); decided petitions: 2.');
    await containsText(page.getByTestId('report-late'), 'Submitted on or after the start date of the course: 1 (approved: 0, rejected: 1). Start date unknown: 0.');
    await page.waitForTimeout(600); // the charts' entry animation
    await screenshot(page, 'report-24-25');
  });

  it('switches to another year', async () => {
    await page.getByRole('combobox', { name: 'Academic year' }).click();
    await page.getByRole('option', { name: '23-24 (petitions: 1)' }).click();
    await containsText(page.getByTestId('report-range'), 'Submitted from 1 Sept 2023 to 31 Aug 2024');
    await containsText(page.getByTestId('card-petitions'), '1');
    await containsText(page.getByTestId('card-median'), 'No decision yet');
    await page.getByRole('combobox', { name: 'Academic year' }).click();
    await page.getByRole('option', { name: '24-25 (petitions: 3)' }).click();
    await containsText(page.getByTestId('card-petitions'), '3');
  });

  it('downloads the CSV and the PDF of the year', async () => {
    const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csvFile.suggestedFilename()).toBe('yearly-report-24-25.csv');
    const csv = (await readFile(await csvFile.path())).toString('utf8');
    expect(csv.startsWith('\uFEFFAcademic year;Table;Row;Column;Value\r\n')).toBe(true);
    expect(csv).toContain('24-25;Outcomes;Approved;Petitions;1\r\n');
    expect(csv).toContain('24-25;Turnaround;Median days;Count;30\r\n');
    await containsText(page.getByRole('alert').or(page.locator('.mantine-Notification-root')), 'yearly-report-24-25.csv was exported.');

    const [pdfFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PDF' }).click()]);
    expect(pdfFile.suggestedFilename()).toBe('yearly-report-24-25.pdf');
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', await pdfFile.path(), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Yearly report 2024-2025');
    expect(text).toContain('decided petitions: 2.');
  });

  it('speaks Dutch when the app does', async () => {
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('NL').click();
    await page.getByRole('heading', { name: 'Jaarverslag', level: 2 }).waitFor();
    await containsText(page.getByTestId('report-range'), 'Ingediend van 1 sep 2024 tot en met 31 aug 2025');
    await containsText(page.getByTestId('card-median'), '30 dagen');
    expect(await page.locator('[role="img"][aria-label]').first().getAttribute('aria-label')).toBe('Diagram van de uitkomsten in 24-25; de tabel ernaast geeft dezelfde cijfers.');
    const advice = page.getByRole('table', { name: 'Advies van de MT Board tegenover het besluit van de examencommissie' });
    expect((await advice.getByRole('row', { name: /^Niet steunen/ }).innerText()).replace(/\s+/g, ' ').trim()).toBe('Niet steunen 0 1 0 0 1');
    await page.waitForTimeout(600);
    await screenshot(page, 'report-24-25-nl');
    await page.getByRole('radiogroup', { name: 'Taal' }).getByText('EN').click();
    await page.getByRole('heading', { name: 'Yearly report', level: 2 }).waitFor();
  });

  it('ran under the Content Security Policy without a violation, and asked nothing of other sites', async () => {
    // The charts are inline SVG with style attributes, which style-src allows; zod is told not to
    // compile validators with Function() (renderer/src/main.tsx), which script-src forbids.
    expect(await cspEvents()).toEqual([]);
    expect(violations).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
