// Decision letters in the browser: a petition decided at a BoEx meeting (set up through the bridge,
// as the meetings suite has shown the screens), its letter previewed and exported from the petition
// page as downloads, the PDF read back with pdftotext, the issued state shown, and the letter
// settings changed on the settings screen.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeCall, launchBrowser, localDate, openPage, screenshot, startPreview, tempRegisterPath, type Preview } from './harness';

const register = tempRegisterPath();
let preview: Preview;
let browser: Browser;
let page: Page;
let foreignRequests: string[];

// playwright-core has no test runner matchers: wait for what a person would see, then assert.
const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 20_000 });

const api = <T>(name: string, input: unknown) => bridgeCall<T>(preview, name, input);

const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

let petitionId = 0;
let number = '';

beforeAll(async () => {
  preview = await startPreview(register);
  browser = await launchBrowser();
  ({ page, foreignRequests } = await openPage(browser, preview.origin));
  await page.goto(preview.url);

  const petition = await api<{ id: number }>('petitions.create', {
    studentNumber: 's3200001',
    givenName: 'Łukasz',
    familyName: 'Nguyễn',
    email: 'lukasz@umail.leidenuniv.nl',
    courseCode: 'INFOMSDR',
    courseTitle: 'Sound Design for Interactive Media',
    institution: 'Utrecht University',
    institutionKind: 'university',
    country: 'Netherlands',
    ec: 7.5,
    level: 'master',
    courseStartDate: localDate(60),
    honours: false,
    submittedOn: localDate(-10),
    motivation: 'Generative sound for my graduation project.',
  });
  petitionId = petition.id;
  const mt = await api<{ id: number }>('meetings.create', { body: 'mt_board', heldOn: localDate(-3), location: '' });
  const mtAgenda = await api<{ items: Array<{ id: number }> }>('agenda.add', { meetingId: mt.id, petitionIds: [petitionId] });
  await api('advice.record', { agendaItemId: mtAgenda.items[0]?.id, advice: 'support', reasoning: 'The course fits the graduation project on generative sound.' });
  const boex = await api<{ id: number }>('meetings.create', { body: 'boex', heldOn: localDate(), location: '' });
  const boexAgenda = await api<{ items: Array<{ id: number }> }>('agenda.add', { meetingId: boex.id, petitionIds: [petitionId] });
  const decision = await api<{ number: string }>('decisions.record', {
    agendaItemId: boexAgenda.items[0]?.id,
    outcome: 'approved',
    kind: 'individual',
    creditedEc: 7,
    level: 'master',
    institutionName: 'Utrecht University',
    reasoning: 'The course is at master level and fits the programme.',
    decidedOn: localDate(),
    signatory: 'Dr. A. Chair',
  });
  number = decision.number;
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('decision letters in the browser', () => {
  it('previews the letter as a download without issuing it', async () => {
    await page.goto(`${preview.origin}/#/petitions/${petitionId}`);
    await visible(page.getByRole('heading', { name: 'Decision letters' }));
    await visible(page.getByText('No certificate is set in the settings, so letters are exported unsigned'));
    await visible(page.getByText('Not issued yet'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Preview the letter of decision ${number}` }).click()]);
    expect(download.suggestedFilename()).toBe(`${number} s3200001 (preview).pdf`);
    expect(pdfText(await download.path())).toContain(number);
    await visible(page.getByText('Not issued yet'));
  });

  it('exports the letter from the petition page and shows it issued and unsigned', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Export the letter of decision ${number}` }).click()]);
    expect(download.suggestedFilename()).toBe(`${number} s3200001.pdf`);
    const file = await download.path();
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(file);
    expect(text).toContain(number);
    expect(text).toContain('Łukasz Nguyễn');
    expect(text).toContain('7.5 EC is registered as 7 EC');

    await visible(page.getByText('Exported unsigned: no certificate is set.'));
    await visible(page.locator('[data-letter-issued]'));
    await visible(page.getByRole('button', { name: `Export the letter of decision ${number}` }).filter({ hasText: 'Export again' }));
    // The petition's history records the issue.
    await visible(page.getByText(`issued the letter ${number} s3200001.pdf`));
    await screenshot(page, 'letter-exported');

    // Exported again: the same bytes.
    const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Export the letter of decision ${number}` }).click()]);
    expect((await readFile(await again.path())).equals(bytes)).toBe(true);
  });

  it('changes the letter settings on the settings screen', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Decision letters' }));
    const place = page.getByRole('textbox', { name: 'Place', exact: true });
    await place.fill('');
    await page.getByRole('button', { name: 'Save the letter settings' }).click();
    await visible(page.getByText('Fill in this field.'));
    await place.fill('Leiden (Gorlaeus)');
    await page.getByRole('button', { name: 'Save the letter settings' }).click();
    await visible(page.getByText('The letter settings were saved.'));
    await screenshot(page, 'letter-settings');
    const saved = await api<{ place: string }>('settings.letters', {});
    expect(saved.place).toBe('Leiden (Gorlaeus)');
    expect(foreignRequests).toEqual([]);
  });
});
