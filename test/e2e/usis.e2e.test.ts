// The uSis export in the browser: two approved petitions with a registered grade, arranged through
// the bridge; the secretary opens "uSis export", sees both results, downloads them as one CSV (read
// back from the download) — nothing is marked yet — then marks that file's results as exported,
// sees the list of pending results empty and the export among the past ones, and downloads it again
// byte for byte. A result registered after the download keeps the file from being marked.
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
const registered: Array<{ id: number; petitionId: number; transcriptAttachmentId: number }> = [];

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
  it('downloads the pending results, marks them once saved, and downloads the export again', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'uSis export' }).click();
    await visible(page.getByRole('heading', { name: 'uSis export' }));
    await containsText(page.getByTestId('usis-pending-count'), '2 results to export');
    const table = page.getByRole('table', { name: 'Not yet exported' });
    await containsText(table, 'Zoë Nguyễn');
    await containsText(table, '7.5');
    await containsText(page.getByRole('region', { name: 'Past exports' }), 'Nothing has been exported yet.');
    await screenshot(page, 'usis-pending');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the file of 2 results' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^usis-export-\d{4}-\d{2}-\d{2}-\d{6}\.csv$/);
    // Downloaded, not yet marked: the results are still pending until the secretary says it is saved.
    await visible(page.getByText(`Saved ${download.suggestedFilename()}? Mark its 2 results as exported`, { exact: false }));
    expect(await api<unknown[]>('usis.pending', {})).toHaveLength(2);
    await screenshot(page, 'usis-saved');
    const bytes = await readFile(await download.path());
    const rows = rowsOf(bytes.toString('utf8'));
    expect(rows.map((r) => [r['Student number'], r.Name, r['Course code'], r.EC, r.Grade, r.Result, r['Decision date'], r.Correction])).toEqual([
      ['s3300001', 'Zoë Nguyễn', 'IN4320', '5', '7,5', 'pass', TODAY, 'no'],
      ['s3300002', 'Αλέξανδρος Παπαδόπουλος', 'CS4240', '5', '8,0', 'pass', TODAY, 'no'],
    ]);

    await page.getByRole('button', { name: 'Mark as exported' }).click();
    await containsText(page.getByTestId('usis-pending-count'), '0 results to export');
    await visible(page.getByText('Every registered result has been exported.'));
    await expect.poll(() => page.getByRole('button', { name: /^Download the file of \d+ result/ }).count()).toBe(0);
    const past = page.getByRole('list', { name: 'Past exports' });
    await containsText(past, '2 results · by ');
    await expect.poll(() => past.getByRole('listitem').count()).toBe(1);
    await screenshot(page, 'usis-exported');

    const [again] = await Promise.all([page.waitForEvent('download'), past.getByRole('button', { name: /^Download the export of .+ again$/ }).click()]);
    // The same bytes, named by the moment it was marked.
    expect(again.suggestedFilename()).toMatch(/^usis-export-\d{4}-\d{2}-\d{2}-\d{6}\.csv$/);
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
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the file of 1 result' }).click()]);
    const rows = rowsOf((await readFile(await download.path())).toString('utf8'));
    expect(rows.map((r) => [r.Studentnummer, r.Cijfer, r.Resultaat, r.Correctie])).toEqual([['s3300002', '6,5', 'voldaan', 'ja']]);

    // A correction registered after the download: that file no longer holds what is pending, so it is not marked.
    const history = await api<Array<{ id: number; replacedById: number | null }>>('grades.ofPetition', { petitionId: first.petitionId });
    const current = history.find((g) => g.replacedById === null)!;
    await api('grades.correct', { registrationId: current.id, transcriptAttachmentId: first.transcriptAttachmentId, originalGrade: '6,9', dutchGrade: '6,9', passFail: false });
    await page.getByRole('button', { name: 'Mark as exported' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'The results changed after the file was made' }));
    expect(await api<unknown[]>('usis.pending', {})).toHaveLength(1);
    const [fresh] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the file of 1 result' }).click()]);
    expect(rowsOf((await readFile(await fresh.path())).toString('utf8')).map((r) => r.Cijfer)).toEqual(['7,0']);
    await page.getByRole('button', { name: 'Mark as exported' }).click();
    await containsText(page.getByTestId('usis-pending-count'), '0 results to export');
    const past = page.getByRole('list', { name: 'Past exports' });
    await expect.poll(() => past.getByRole('listitem').count()).toBe(2);
    await containsText(past.getByRole('listitem').first(), '1 result, 1 of them a correction');
    await screenshot(page, 'usis-two-exports');
  });
});
