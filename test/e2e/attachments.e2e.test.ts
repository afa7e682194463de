// Attachments in the browser: a file picked in the file input lands inside the register, is listed
// with its SHA-256, satisfies the `hbo.form` rule on the page at once, and comes back out through
// Save as exactly the same bytes; removing it brings the finding back.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PetitionDetail } from '../../shared/schemas';
import { launchBrowser, openPage, screenshot, startPreview, tempRegisterPath, type Preview, bridgeCall } from './harness';

const register = tempRegisterPath();
let preview: Preview;
let browser: Browser;
let page: Page;
let foreignRequests: string[];
let petition: PetitionDetail;

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 10_000 });
const gone = (locator: Locator) => locator.first().waitFor({ state: 'detached', timeout: 10_000 });
const containsText = (locator: Locator, text: string) =>
  expect.poll(() => locator.first().innerText(), { timeout: 10_000 }).toContain(text);

/** A small PDF with bytes of every value after its header, so a lossy trip anywhere would show. */
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1'),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'),
]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const bridge = <T>(name: string, input: unknown) => bridgeCall<T>(preview, name, input);

const fileInput = () => page.locator('input[type="file"]');
const hboFinding = () => page.locator('[data-rule="hbo.form"]');
const attachmentRows = () => page.getByRole('table', { name: 'Files attached to this petition' }).locator('tbody tr');

beforeAll(async () => {
  preview = await startPreview(register);
  browser = await launchBrowser();
  ({ page, foreignRequests } = await openPage(browser, preview.origin));
  petition = await bridge<PetitionDetail>('petitions.create', {
    studentNumber: 's3456789',
    givenName: 'Łukasz',
    familyName: 'Øyvindsen',
    email: 'l.oyvindsen@umail.leidenuniv.nl',
    courseCode: 'WDK-SND1',
    courseTitle: 'Sound Sculpture',
    institution: 'Willem de Kooning Academy',
    institutionKind: 'applied_sciences',
    country: 'Netherlands',
    ec: 5,
    level: 'advanced',
    courseStartDate: '2027-02-01',
    honours: false,
    submittedOn: '2026-11-20',
    motivation: 'Sound as material for my thesis installation.',
  });
  await page.goto(preview.url);
  await page.goto(`${preview.origin}/#/petitions/${petition.id}`);
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('attachments in the browser', () => {
  it('shows an HBO petition without its form, and the hbo.form finding', async () => {
    await visible(page.getByRole('heading', { name: 'Petition of Łukasz Øyvindsen' }));
    await visible(hboFinding());
    await visible(page.getByText('No files are attached to this petition yet.'));
    await visible(page.getByText('The signed HBO Elective Course Form is not on file yet.', { exact: false }));
    // The form is what this petition lacks, so it is the kind offered first.
    expect(await page.getByRole('combobox', { name: 'Kind of file' }).inputValue()).toBe('HBO Elective Course Form');
  });

  it('refuses a .pdf that is not a PDF with a sentence, and lists nothing', async () => {
    await fileInput().setInputFiles({ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
    await containsText(page.getByRole('alert'), 'fake.pdf is not really a PDF file');
    await visible(page.getByText('No files are attached to this petition yet.'));
    await visible(hboFinding());
  });

  it('attaches the HBO form through the file input; the finding disappears', async () => {
    await fileInput().setInputFiles({ name: 'hbo-form.pdf', mimeType: 'application/pdf', buffer: PDF });
    await visible(page.getByText('hbo-form.pdf attached.'));
    await gone(hboFinding());
    await visible(page.getByText('The signed HBO Elective Course Form is on file.'));
    // The earlier refusal's sentence is gone once a file was attached.
    expect(await page.getByText('fake.pdf is not really a PDF file').count()).toBe(0);

    const row = attachmentRows().filter({ hasText: 'hbo-form.pdf' });
    await containsText(row, 'HBO Elective Course Form');
    await containsText(row, `${PDF.length} bytes`);
    await containsText(row, ' by ');
    await containsText(row, sha256(PDF).slice(0, 12));
    expect(await row.locator('[data-sha256]').getAttribute('data-sha256')).toBe(sha256(PDF));

    // The register holds exactly what was picked.
    const [stored] = await bridge<Array<{ sha256: string; sizeBytes: number; mediaType: string }>>('attachments.list', { petitionId: petition.id });
    expect(stored).toMatchObject({ sha256: sha256(PDF), sizeBytes: PDF.length, mediaType: 'application/pdf' });

    await row.locator('[data-sha256]').hover();
    await visible(page.getByRole('tooltip'));
    await containsText(page.getByRole('tooltip'), sha256(PDF));
    await screenshot(page, 'petition-attachments');
  });

  it('saves the file back out byte for byte', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save hbo-form.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('hbo-form.pdf');
    const saved = await readFile(await download.path());
    expect(saved.equals(PDF)).toBe(true);
    expect(sha256(saved)).toBe(sha256(PDF));
  });

  it('removes the file after a confirmation; the finding comes back', async () => {
    await page.getByRole('button', { name: 'Remove hbo-form.pdf' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove attachment' });
    await containsText(dialog, 'Remove hbo-form.pdf (HBO Elective Course Form) from this petition?');
    await screenshot(page, 'petition-attachment-remove');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await visible(page.getByText('hbo-form.pdf removed.'));
    await visible(hboFinding());
    await visible(page.getByText('No files are attached to this petition yet.'));
  });

  it('made no request outside its own origin', () => {
    expect(foreignRequests).toEqual([]);
  });
});
