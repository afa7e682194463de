// The uSis export in the browser: two approved petitions with a registered grade, arranged through
// the bridge; the secretary opens "uSis export", sees both results, exports them as one CSV (read
// back from the download), sees the list of pending results empty and the export among the past
// ones, and downloads it again byte for byte.
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeCall, launchBrowser, openPage, screenshot, startPreview, tempRegisterPath, type Preview, approvedPetitions, localDate } from './harness';

const register = tempRegisterPath();
let preview: Preview;
let browser: Browser;
let page: Page;

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 10_000 });
const containsText = (locator: Locator, text: string) => expect.poll(() => locator.first().innerText(), { timeout: 10_000 }).toContain(text);

const TODAY = localDate();
const api = <T>(name: string, input: unknown) => bridgeCall<T>(preview, name, input);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1').toString('base64');

const students = [
  { studentNumber: 's3300001', givenName: 'Zoë', familyName: 'Nguyễn', courseCode: 'IN4320', courseTitle: 'Machine Learning for Creative Media', grade: '7,3' },
  { studentNumber: 's3300002', givenName: 'Αλέξανδρος', familyName: 'Παπαδόπουλος', courseCode: 'CS4240', courseTitle: 'Deep Learning', grade: '8' },
] as const;

/** The petitions' registered grades, for a correction later. */
const registered: Array<{ id: number; transcriptAttachmentId: number }> = [];

beforeAll(async () => {
  preview = await startPreview(register);
  browser = await launchBrowser();
  ({ page } = await openPage(browser, preview.origin));
  await page.goto(preview.url);
  const ids = await approvedPetitions(preview, students);
  for (const [i, petitionId] of ids.entries()) {
    const transcript = await api<{ id: number }>('attachments.add', { petitionId, kind: 'transcript', fileName: 'transcript.pdf', mediaType: 'application/pdf', contentBase64: PDF });
    const grade = students[i]!.grade;
    registered.push(await api('grades.register', { petitionId, transcriptAttachmentId: transcript.id, originalGrade: grade, dutchGrade: grade, passFail: false }));
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const rowsOf = (csv: string) => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<Record<string, string>>(csv.slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
};

describe('uSis export in the browser', () => {
  it('exports the pending results once and downloads the export again', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'uSis export' }).click();
    await visible(page.getByRole('heading', { name: 'uSis export' }));
    await containsText(page.getByTestId('usis-pending-count'), '2 results to export');
    const table = page.getByRole('table', { name: 'Not yet exported' });
    await containsText(table, 'Zoë Nguyễn');
    await containsText(table, '7.5');
    await containsText(page.getByRole('region', { name: 'Past exports' }), 'Nothing has been exported yet.');
    await screenshot(page, 'usis-pending');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export 2 results' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^usis-export-\d{4}-\d{2}-\d{2}-\d{6}\.csv$/);
    const bytes = await readFile(await download.path());
    const rows = rowsOf(bytes.toString('utf8'));
    expect(rows.map((r) => [r['Student number'], r.Name, r['Course code'], r.EC, r.Grade, r.Result, r['Decision date'], r.Correction])).toEqual([
      ['s3300001', 'Zoë Nguyễn', 'IN4320', '5', '7,5', 'pass', TODAY, 'no'],
      ['s3300002', 'Αλέξανδρος Παπαδόπουλος', 'CS4240', '5', '8,0', 'pass', TODAY, 'no'],
    ]);

    await containsText(page.getByTestId('usis-pending-count'), '0 results to export');
    await visible(page.getByText('Every registered result has been exported.'));
    await expect.poll(() => page.getByRole('button', { name: /^Export \d+ result/ }).count()).toBe(0);
    const past = page.getByRole('list', { name: 'Past exports' });
    await containsText(past, '2 results · by ');
    await expect.poll(() => past.getByRole('listitem').count()).toBe(1);
    await screenshot(page, 'usis-exported');

    const [again] = await Promise.all([page.waitForEvent('download'), past.getByRole('button', { name: /^Download the export of .+ again$/ }).click()]);
    expect(again.suggestedFilename()).toBe(download.suggestedFilename());
    expect((await readFile(await again.path())).equals(bytes)).toBe(true);
    await containsText(page.getByTestId('usis-pending-count'), '0 results to export');
    expect(await api<unknown[]>('usis.batches', {})).toHaveLength(1);
  });

  it('sends a corrected result again, marked as a correction', async () => {
    const first = registered[1]!;
    await api('grades.correct', { registrationId: first.id, transcriptAttachmentId: first.transcriptAttachmentId, originalGrade: '6,6', dutchGrade: '6,6', passFail: false });
    await page.reload();
    await containsText(page.getByTestId('usis-pending-count'), '1 result to export');
    const table = page.getByRole('table', { name: 'Not yet exported' });
    await containsText(table, 'Αλέξανδρος Παπαδόπουλος');
    await containsText(table, '6.5');
    // The badge shows in capitals; its text is the word itself.
    await visible(table.getByText('correction', { exact: true }));
    await screenshot(page, 'usis-correction');

    // The file in Dutch: the control's label takes the click (its radio input is visually hidden).
    await page.getByText('Nederlands', { exact: true }).click();
    await expect.poll(() => page.getByRole('radio', { name: 'Nederlands' }).isChecked()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export 1 result' }).click()]);
    const rows = rowsOf((await readFile(await download.path())).toString('utf8'));
    expect(rows.map((r) => [r.Studentnummer, r.Cijfer, r.Resultaat, r.Correctie])).toEqual([['s3300002', '6,5', 'voldaan', 'ja']]);
    const past = page.getByRole('list', { name: 'Past exports' });
    await expect.poll(() => past.getByRole('listitem').count()).toBe(2);
    await containsText(past.getByRole('listitem').first(), '1 result, 1 of them a correction');
    await screenshot(page, 'usis-two-exports');
  });
});
