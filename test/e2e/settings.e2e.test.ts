// The decision settings: the template shows how the next number would look, refuses one that
// cannot count, and is kept across a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicYear } from '../../shared/rules';
import { launchBrowser, openPage, screenshot, startPreview, tempRegisterPath, type Preview } from './harness';

let preview: Preview;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  preview = await startPreview(tempRegisterPath());
  browser = await launchBrowser();
  ({ page } = await openPage(browser, preview.origin));
  await page.goto(preview.url);
  await page.goto(`${preview.origin}/#/settings`);
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('decision settings', () => {
  it('shows the next number for the default template', async () => {
    const ay = academicYear(new Date().toISOString().slice(0, 10)).label;
    await page.getByText(`would be numbered ${ay} LIACS 1.`).waitFor();
    await screenshot(page, 'settings');
  });

  it('refuses a template without a count, with a sentence', async () => {
    const field = page.getByRole('textbox', { name: 'Decision number template' });
    await field.fill('Besluit');
    await page.getByText('A template needs {seq} (or {n}) for the count').waitFor();
    expect(await page.getByRole('button', { name: 'Save decision settings' }).isDisabled()).toBe(true);
  });

  it('saves the older form with a running counter and a signatory, kept across a reload', async () => {
    await page.getByRole('textbox', { name: 'Decision number template' }).fill('Besluit {n}');
    await page.getByText('would be numbered Besluit 1.').waitFor();
    const decisions = page.getByRole('form', { name: 'Decisions' });
    await decisions.getByRole('button', { name: 'Add a signatory' }).click();
    await decisions.getByRole('textbox', { name: 'Name', exact: true }).fill('Prof. dr. A. de Vries');
    await decisions.getByRole('textbox', { name: 'Role', exact: true }).fill('Chair');
    await page.getByRole('button', { name: 'Save decision settings' }).click();
    await page.getByText('The decision settings were saved.').waitFor();
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Decision number template' }).inputValue()).toBe('Besluit {n}');
    expect(await page.getByRole('form', { name: 'Decisions' }).getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe('Prof. dr. A. de Vries');
  });
});
