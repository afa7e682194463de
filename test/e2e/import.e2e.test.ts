// Importing petitions through the UI: a file with a problem is previewed with its line and stores
// nothing; a good file is previewed, imported, and its petitions are in the register.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, startPreview, tempRegisterPath, type Preview } from './harness';

const HEADER = 'student_number;given_name;family_name;email;course_code;course_title;institution;institution_kind;country;ec;level;start_date;honours;submitted_on;motivation';
const good = [
  HEADER,
  's3000001;Zoë;Nguyễn;zoe@umail.leidenuniv.nl;IN4320;Machine Learning;Delft University of Technology;university;Netherlands;7,5;master;01-02-2027;nee;20-11-2026;Graduation project',
  's3000002;Дмитрий;Иванов;d@umail.leidenuniv.nl;SND1;Sound Sculpture;Willem de Kooning Academy;hbo;Netherlands;5;master;2027-02-01;no;2026-11-21;Sound',
].join('\n');
const bad = [HEADER, 's3000003;Anna;Jansen;a@umail.leidenuniv.nl;X1;Art;KU Leuven;university;Belgium;abc;master;2027-02-01;no;2026-11-21;'].join('\n');

let preview: Preview;
let browser: Browser;
let page: Page;

async function chooseFile(name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a CSV file…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}`, 'utf8') });
}

beforeAll(async () => {
  preview = await startPreview(tempRegisterPath());
  browser = await launchBrowser();
  ({ page } = await openPage(browser, preview.origin));
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('importing petitions', () => {
  it('shows a bad row with its line and column, and stores nothing', async () => {
    await page.getByRole('button', { name: 'Import CSV…' }).click();
    await chooseFile('bad.csv', bad);
    await page.getByText('Line 2, column ec:').waitFor();
    await screenshot(page, 'import-problems');
    expect(await page.getByRole('button', { name: /^Import \d+ petitions$/ }).isDisabled()).toBe(true);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('No petitions yet').waitFor();
  });

  it('previews a good file, imports all its rows, and shows them in the register', async () => {
    await page.getByRole('button', { name: 'Import CSV…' }).click();
    await chooseFile('petitions.csv', good);
    await expect.poll(() => page.getByTestId('import-summary').innerText()).toBe('2 rows: 2 to import, 0 already in the register.');
    await screenshot(page, 'import-preview');
    await page.getByRole('button', { name: 'Import 2 petitions' }).click();
    await page.getByText('Imported 2 petitions; 0 were already in the register.').waitFor();
    await page.getByRole('row').filter({ hasText: 's3000001' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Willem de Kooning Academy' }).waitFor();
  });

  it('imports the same file again as nothing new', async () => {
    await page.getByRole('button', { name: 'Import CSV…' }).click();
    await chooseFile('petitions.csv', good);
    await expect.poll(() => page.getByTestId('import-summary').innerText()).toBe('2 rows: 0 to import, 2 already in the register.');
    expect(await page.getByRole('button', { name: 'Import 0 petitions' }).isDisabled()).toBe(true);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  });
});
