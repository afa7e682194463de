// The first vertical slice through every layer: a petition created in the browser lands in a real
// register file, survives a reload and a restart of the preview, and `boex check` finds it healthy.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, projectRoot, screenshot, startPreview, tempRegisterPath, type Preview } from './harness';

const register = tempRegisterPath();
let preview: Preview;
let browser: Browser;
let page: Page;
let foreignRequests: string[];
let allowedOrigins: Set<string>;

// playwright-core has no test runner matchers: wait for what a person would see, then assert.
const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 10_000 });
const containsText = (locator: Locator, text: string) =>
  expect.poll(() => locator.first().innerText(), { timeout: 10_000 }).toContain(text);

async function fillPetition(p: Page, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    const isSelect = label === 'Institution kind' || label === 'Level';
    // Course code is an autocomplete: a combobox one types into.
    const field = p.getByRole(isSelect || label === 'Course code' ? 'combobox' : 'textbox', { name: label, exact: true });
    if (isSelect) {
      await field.click();
      await p.getByRole('option', { name: value, exact: true }).click();
    } else {
      await field.fill(value);
      if (label === 'Start date' || label === 'Submitted on') await field.press('Tab');
    }
  }
}

const zoe = {
  'Student number': 's2345678',
  'Given name': 'Zoë',
  'Family name': 'Nguyễn',
  Email: 'zoe.nguyen@umail.leidenuniv.nl',
  Institution: 'Delft University of Technology',
  'Institution kind': 'Research university',
  Country: 'Netherlands',
  'Course code': 'IN4320',
  'Course title': 'Machine Learning for Creative Media',
  EC: '7,5',
  Level: '500 (master)',
  'Start date': '2027-02-01',
  'Submitted on': '2026-11-20',
  Motivation: 'Prepares my graduation project on generative sound.',
};

beforeAll(async () => {
  preview = await startPreview(register);
  browser = await launchBrowser();
  ({ page, foreignRequests, allowedOrigins } = await openPage(browser, preview.origin));
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('petitions in the browser', () => {
  it('shows an empty register that says what to do', async () => {
    await visible(page.getByRole('heading', { name: 'Petitions' }));
    await visible(page.getByText('No petitions yet.'));
    expect(page.url()).not.toContain('token=');
    await screenshot(page, 'register-empty');
  });

  it('refuses bad input with a sentence next to each field and stores nothing', async () => {
    await page.getByRole('button', { name: 'New petition' }).click();
    await fillPetition(page, { ...zoe, 'Student number': '2345678', EC: 'abc', 'Course title': '' });
    await page.getByRole('button', { name: 'Save petition' }).click();
    await visible(page.getByText('Enter a student number as the letter s and seven digits, e.g. s1234567.'));
    await visible(page.getByText('Enter the EC as a number above 0, e.g. 5 or 7.5.'));
    await visible(page.getByText('Fill in this field.'));
    expect(await page.getByRole('textbox', { name: 'EC', exact: true }).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'petition-form-errors');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await visible(page.getByText('No petitions yet.'));
  });

  it('creates a petition that survives a reload', async () => {
    await page.getByRole('button', { name: 'New petition' }).click();
    await fillPetition(page, zoe);
    await screenshot(page, 'petition-form');
    await page.getByRole('button', { name: 'Save petition' }).click();
    await visible(page.getByText('Petition of Zoë Nguyễn saved.'));
    const row = page.getByRole('row').filter({ hasText: 's2345678' });
    await containsText(row, 'Machine Learning for Creative Media');
    await containsText(row, '7.5');
    await containsText(row, 'Submitted');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await screenshot(page, 'register');
    await page.reload();
    await containsText(page.getByRole('row').filter({ hasText: 's2345678' }), 'Delft University of Technology');
  });

  it('shows the rules\' findings live in the form, and the most severe one in the register', async () => {
    await page.getByRole('button', { name: 'New petition' }).click();
    await fillPetition(page, {
      ...zoe,
      Institution: 'Willem de Kooning Academy',
      'Institution kind': 'University of applied sciences (HBO)',
      'Course code': 'WDK-SND1',
      'Course title': 'Sound Sculpture',
      EC: '4',
      Level: '200 (introductory)',
      'Start date': '2026-09-01',
    });
    const form = page.getByRole('dialog');
    await visible(form.getByText('Known student: Zoë Nguyễn, with 1 other open or approved petitions.'));
    for (const rule of ['level.introductory', 'cap.introductory', 'hbo.form', 'timing.late']) {
      await visible(form.locator(`[data-rule="${rule}"]`));
    }
    await containsText(form.locator('[data-rule="cap.introductory"]'), 'more than the limit of 3 EC');
    await screenshot(page, 'petition-form-findings');
    await page.getByRole('button', { name: 'Save petition' }).click();
    await visible(page.getByText('Petition of Zoë Nguyễn saved.'));
    await containsText(page.getByRole('row').filter({ hasText: 'Sound Sculpture' }), 'Error');
    await containsText(page.getByRole('row').filter({ hasText: 'Machine Learning for Creative Media' }), 'Note');
  });

  it('opens, edits and withdraws the petition, and shows its history', async () => {
    await page.getByRole('row').filter({ hasText: 'Machine Learning for Creative Media' }).getByRole('link').click();
    await visible(page.locator('[data-rule="ec.half"]'));
    await visible(page.getByRole('heading', { name: 'Petition of Zoë Nguyễn' }));
    await page.getByRole('button', { name: 'Edit petition' }).click();
    await page.getByRole('textbox', { name: 'Motivation', exact: true }).fill('Prepares my graduation project on generative sound and music.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await visible(page.getByText('Changes saved.'));
    await visible(page.getByText('generative sound and music.'));
    await visible(page.getByText(/changed motivation/));
    await screenshot(page, 'petition');

    await page.getByRole('button', { name: 'Withdraw petition' }).click();
    await screenshot(page, 'petition-withdraw');
    await page.getByRole('dialog').getByRole('button', { name: 'Withdraw petition' }).click();
    await visible(page.getByText('The petition was withdrawn.'));
    await visible(page.getByText('withdrew the petition'));
    expect(await page.getByRole('button', { name: 'Edit petition' }).count()).toBe(0);
  });

  it('switches the whole interface to Dutch and back', async () => {
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('NL').click();
    await visible(page.getByText('Terug naar het register'));
    await visible(page.getByText('Ingetrokken').first());
    await page.getByText('Terug naar het register').click();
    await visible(page.getByRole('heading', { name: 'Verzoeken' }));
    await screenshot(page, 'register-nl');
    await page.getByRole('radiogroup', { name: 'Taal' }).getByText('EN').click();
    await visible(page.getByRole('heading', { name: 'Petitions' }));
  });

  it('keeps the petition across a restart of the preview, and the register checks healthy', async () => {
    expect(await preview.stop()).toBe(0);
    expect(preview.output()).toContain('The preview stopped and the register was closed.');
    preview = await startPreview(register);
    allowedOrigins.add(preview.origin);
    await page.goto(preview.url);
    await containsText(page.getByRole('row').filter({ hasText: 'Machine Learning for Creative Media' }), 'Withdrawn');

    const check = execFileSync(process.execPath, [path.join(projectRoot, 'bin/boex.js'), 'check', '--register', register], { encoding: 'utf8' });
    expect(check).toContain('Integrity: ok');
    expect(check).toMatch(/petitions\s+2/);
    expect(check).toContain('is healthy');
  });

  it('made no request outside its own origin', () => {
    expect(foreignRequests).toEqual([]);
  });
});
