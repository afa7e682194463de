// A register opened read-only (`boex preview --readonly`) in the browser: the banner under the
// header says so, New petition and Import are disabled, a write through the bridge gets the
// read-only sentence, and neither the register nor anything beside it changes.
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderState, petitionForm } from '../support/register';
import { bridgeCall, launchBrowser, openPage, screenshot, startPreview, tempRegisterPath, type Preview } from './harness';

const register = tempRegisterPath();
const folder = path.dirname(register);
let preview: Preview;
let browser: Browser;
let page: Page;
let foreignRequests: string[];
let before: Record<string, string>;
let stopped = false;

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 10_000 });

// A petition that passes every check, submitted this month.
const seeded = petitionForm({ courseStartDate: '2027-04-22', submittedOn: '2026-11-10' });

beforeAll(async () => {
  // A register with one petition, made the ordinary way and closed; then opened read-only.
  const writer = await startPreview(register);
  await bridgeCall(writer, 'petitions.create', seeded);
  expect(await writer.stop()).toBe(0);
  before = folderState(folder);
  preview = await startPreview(register, { readonly: true });
  browser = await launchBrowser();
  ({ page, foreignRequests } = await openPage(browser, preview.origin));
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  if (!stopped) await preview?.stop();
});

describe('a read-only register in the browser', () => {
  it('shows the read-only banner under the header and lists the register', async () => {
    const banner = page.getByRole('status').filter({ hasText: 'Read-only' });
    await visible(banner);
    expect(await banner.innerText()).toContain('This register is open read-only: you can look things up, but nothing can be changed.');
    await visible(page.getByRole('row').filter({ hasText: 's1234567' }));
    expect(await page.getByRole('row').filter({ hasText: 'Computer Vision' }).count()).toBe(1);
    await screenshot(page, 'register-read-only-banner');
  });

  it('offers no new petition or import, and answers a write through the bridge with the read-only sentence, storing nothing', async () => {
    for (const name of ['New petition', 'Import CSV…']) expect(await page.getByRole('button', { name }).isDisabled(), name).toBe(true);
    await expect(bridgeCall(preview, 'petitions.create', { ...seeded, studentNumber: 's7654321' })).rejects.toThrow(
      'This register is open read-only: it cannot be written to here, so nothing was changed. Open a copy you may write to, or ask for write permission on the file.',
    );
    await screenshot(page, 'register-read-only-buttons');

    const list = await bridgeCall<{ total: number }>(preview, 'petitions.list', {});
    expect(list.total).toBe(1);
    expect(await page.getByRole('row').filter({ hasText: 's7654321' }).count()).toBe(0);
  });

  it('leaves the register and its folder byte-for-byte as they were, and made no request elsewhere', async () => {
    expect(foreignRequests).toEqual([]);
    stopped = true;
    expect(await preview.stop()).toBe(0);
    expect(folderState(folder)).toEqual(before);
    expect(Object.keys(before)).toContain('register.db');
  });
});
