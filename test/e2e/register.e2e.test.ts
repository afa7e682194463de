// The register view and the student page in the browser, on a register seeded with 3,000
// synthetic petitions: search, filters, sorting, the view in the address, keyboard navigation,
// virtualized scrolling that loads pages as it goes, and a student's EC standing.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, projectRoot, screenshot, startPreview, tempRegisterPath, type Preview } from './harness';

const SEEDED = 3000;
const register = tempRegisterPath();
let preview: Preview;
let browser: Browser;
let page: Page;
let foreignRequests: string[];
let cspViolations: string[];

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 10_000 });

const grid = () => page.getByRole('grid', { name: 'Petitions in the register' });
const bodyRows = () => page.locator('.register-body > tr');
const search = () => page.getByRole('searchbox', { name: 'Search' });
const cells = (column: string) => page.locator(`.register-body > tr > td[data-column="${column}"]`);

/** The count above the table, as a number ("3,000 petitions" → 3000). */
async function shownCount(): Promise<number> {
  const text = await page.getByTestId('register-count').innerText();
  const match = /^([\d,]+) petitions?$/.exec(text.trim());
  if (!match?.[1]) throw new Error(`unexpected count text: ${JSON.stringify(text)}`);
  return Number(match[1].replace(/,/g, ''));
}

/** The hash's query, decoded into its parameters. */
function viewParams(): URLSearchParams {
  const hash = new URL(page.url()).hash;
  return new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
}

/**
 * Does something that changes the view, then waits for the register's answer (which must be a
 * success: no error ever reaches the list) and for the table or the empty state to show it.
 */
async function changeView(action: () => Promise<void>): Promise<void> {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/petitions.list'), { timeout: 10_000 });
  await action();
  const body = (await (await answer).json()) as { ok: boolean; error?: unknown };
  expect(body, JSON.stringify(body.error)).toMatchObject({ ok: true });
  await settled();
}

/** The list has its answer: no query in flight, and the rows or the empty state on screen. */
async function settled(): Promise<void> {
  await expect.poll(() => page.locator('.register-view').getAttribute('data-busy'), { timeout: 10_000 }).toBe('false');
}

async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((s) => s.trim());
}

/** Picks an option of a filter from the keyboard's side: focus opens the list, as a click on the field does. */
async function chooseOption(combobox: string, option: string): Promise<void> {
  const field = page.getByRole('combobox', { name: combobox });
  await field.focus();
  const listbox = page.getByRole('listbox', { name: combobox });
  if (!(await listbox.isVisible())) await field.press('ArrowDown');
  await listbox.getByRole('option', { name: option, exact: true }).click();
  await page.keyboard.press('Escape');
  await listbox.waitFor({ state: 'hidden' });
}

async function blur(): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(projectRoot, 'bin/boex.js'), 'seed', '--register', register, '--petitions', String(SEEDED)], {
    encoding: 'utf8',
  });
  preview = await startPreview(register);
  browser = await launchBrowser();
  ({ page, foreignRequests, cspViolations } = await openPage(browser, preview.origin));
  await page.goto(preview.url);
  await visible(bodyRows());
  await page.locator('.register-view[data-busy="false"]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('the register view', () => {
  it('shows every petition with its count, a labelled toolbar and a table that says how many rows it has', async () => {
    expect(await shownCount()).toBe(SEEDED);
    expect(await grid().getAttribute('aria-rowcount')).toBe(String(SEEDED + 1));
    for (const name of ['Status', 'Institution kind', 'Academic year']) await visible(page.getByRole('combobox', { name }));
    await visible(page.getByRole('switch', { name: 'Has errors' }));
    await visible(page.getByRole('button', { name: 'New petition' }));
    // Newest submission first, by default.
    expect(await page.getByRole('columnheader', { name: 'Submitted' }).getAttribute('aria-sort')).toBe('descending');
    expect(await bodyRows().count()).toBeLessThan(60);
    await screenshot(page, 'register-view');
  });

  it('narrows the list as the user types: a student number prefix, and a name without its accent', async () => {
    const number = (await texts(cells('studentNumber')))[0] ?? '';
    const prefix = number.slice(0, 6);
    await changeView(() => search().fill(prefix));
    expect(viewParams().get('q')).toBe(prefix);
    const found = await shownCount();
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(SEEDED);
    for (const shown of await texts(cells('studentNumber'))) expect(shown.startsWith(prefix)).toBe(true);

    await changeView(() => search().fill('Zoe'));
    const zoes = await shownCount();
    expect(zoes).toBeGreaterThan(0);
    expect(zoes).toBeLessThan(SEEDED);
    for (const name of await texts(cells('name'))) expect(name).toMatch(/^Zoë /);
    await screenshot(page, 'register-search');
  });

  it('reads quotes, wildcards and search operators literally: results or "no match", never an error', async () => {
    for (const text of ["'", '%', '"', '*', 'AND', 'Zoe AND', 'OR Zoe', '"Zoe', 'Zoe*', 'NEAR(', '_', '\\', "s1' --"]) {
      await changeView(() => search().fill(text));
      expect(await page.getByRole('alert').count(), `searching ${text}`).toBe(0);
      const empty = await page.getByText('No petitions match these filters.').count();
      const rows = await bodyRows().count();
      expect(empty > 0 || rows > 0, `searching ${text}`).toBe(true);
    }
    await changeView(() => search().fill('zzzz nothing like this'));
    await visible(page.getByText('No petitions match these filters.'));
    await screenshot(page, 'register-no-match');
    await changeView(() => page.locator('.register-empty').getByRole('button', { name: 'Clear filters' }).click());
    expect(await search().inputValue()).toBe('');
    expect(await shownCount()).toBe(SEEDED);
    expect(new URL(page.url()).hash).toBe('#/');
  });

  it('filters by status, institution kind, academic year and errors, each narrowing the count', async () => {
    await changeView(() => chooseOption('Status', 'Submitted'));
    const submitted = await shownCount();
    expect(submitted).toBeLessThan(SEEDED);
    expect(viewParams().get('status')).toBe('submitted');
    expect(new Set(await texts(cells('status')))).toEqual(new Set(['Submitted']));

    await changeView(() => chooseOption('Status', 'In progress'));
    const either = await shownCount();
    expect(either).toBeGreaterThan(submitted);
    expect(viewParams().get('status')).toBe('submitted,in_progress');

    await changeView(() => chooseOption('Institution kind', 'University of applied sciences (HBO)'));
    const hbo = await shownCount();
    expect(hbo).toBeLessThan(either);
    expect(viewParams().get('kind')).toBe('applied_sciences');

    const year = new Date().getMonth() >= 8 ? new Date().getFullYear() : new Date().getFullYear() - 1;
    const label = `${String(year - 1).slice(2)}-${String(year).slice(2)}`;
    await changeView(() => chooseOption('Academic year', label));
    const inYear = await shownCount();
    expect(inYear).toBeLessThan(hbo);
    expect(viewParams().get('year')).toBe(String(year - 1));
    for (const cell of await texts(cells('submittedOn'))) {
      // The date, then how long the petition has waited for a decision, marked once past the term.
      const date = /^\d{1,2} \S+ \d{4}/.exec(cell)?.[0] ?? cell;
      const when = new Date(`${date} UTC`);
      expect(when >= new Date(Date.UTC(year - 1, 8, 1)) && when < new Date(Date.UTC(year, 8, 1)), date).toBe(true);
    }

    await changeView(() => page.getByRole('switch', { name: 'Has errors' }).click({ force: true }));
    expect(viewParams().get('errors')).toBe('1');
    const errors = await shownCount();
    expect(errors).toBeLessThanOrEqual(inYear);
    if (errors > 0) expect(new Set(await texts(cells('findings')))).toEqual(new Set(['Error']));
    await screenshot(page, 'register-filtered');
  });

  it('keeps the view in the address: a reload restores search, filters and sort', async () => {
    await changeView(() => page.getByRole('switch', { name: 'Has errors' }).click({ force: true }));
    await changeView(() => search().fill('Zoe'));
    const before = await shownCount();
    const url = page.url();
    expect(viewParams().get('q')).toBe('Zoe');

    await page.reload();
    await visible(bodyRows());
    await settled();
    expect(page.url()).toBe(url);
    expect(await shownCount()).toBe(before);
    expect(await search().inputValue()).toBe('Zoe');
    expect(await page.getByRole('switch', { name: 'Has errors' }).isChecked()).toBe(false);
    const toolbar = page.getByRole('search');
    await visible(toolbar.getByText('Submitted', { exact: true }));
    await visible(toolbar.getByText('+1', { exact: true }));
    await visible(toolbar.getByText('University of applied sciences (HBO)'));

    await changeView(() => page.getByRole('search').getByRole('button', { name: 'Clear filters' }).click());
    expect(await shownCount()).toBe(SEEDED);
    expect(await search().inputValue()).toBe('');
  });

  it('filters the petitions waiting longer than the decision term, each marked overdue, with its clock on the petition page', async () => {
    await changeView(() => page.getByRole('switch', { name: 'Overdue' }).click({ force: true }));
    expect(viewParams().get('overdue')).toBe('1');
    const overdue = await shownCount();
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBeLessThan(SEEDED);
    const shown = await bodyRows().count();
    expect(await page.locator('.register-body .register-overdue-badge').count()).toBe(shown);
    for (const status of await texts(cells('status'))) expect(['Submitted', 'In progress']).toContain(status);
    await screenshot(page, 'register-overdue');

    await bodyRows().first().getByRole('link').click();
    const clock = page.locator('.decision-clock');
    await visible(clock);
    await screenshot(page, 'petition-overdue');
    expect(await clock.innerText()).toMatch(/^Overdue: waiting \d+ days for a decision; the term ended on \d{1,2} \w+ \d{4}\.$/);
    await page.goBack();
    await settled();
    await changeView(() => page.getByRole('switch', { name: 'Overdue' }).click({ force: true }));
    expect(await shownCount()).toBe(SEEDED);
  });

  it('sorts by name on the server, and a header button toggles the direction with a click or Enter', async () => {
    const header = page.getByRole('columnheader', { name: 'Name' });
    await changeView(() => header.getByRole('button').click());
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByRole('columnheader', { name: 'Submitted' }).getAttribute('aria-sort')).toBeNull();
    expect(viewParams().get('sort')).toBe('name');
    expect(viewParams().get('dir')).toBe('asc');
    // Family name first, without regard to case: "Bakker" comes before "de Jong" and every other seeded name.
    const ascending = await texts(cells('name'));
    expect(ascending[0]).toMatch(/ Bakker$/);

    await changeView(() => header.getByRole('button').press('Enter'));
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(viewParams().get('dir')).toBe('desc');
    const descending = await texts(cells('name'));
    expect(descending[0]).toMatch(/ Иванов$/);
    expect(descending.slice(0, 5)).not.toEqual(ascending.slice(0, 5));

    await page.reload();
    await visible(bodyRows());
    await settled();
    expect(await page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('descending');
    expect((await texts(cells('name')))[0]).toBe(descending[0]);
    await screenshot(page, 'register-sorted');
  });

  it('works from the keyboard: / searches, arrows move, Enter opens, Back returns to the same view', async () => {
    await changeView(() => chooseOption('Status', 'Submitted'));
    await blur();
    await page.keyboard.press('/');
    expect(await search().evaluate((el) => el === document.activeElement)).toBe(true);
    // Typing `/` in a field types it.
    await changeView(() => page.keyboard.type('s/'));
    expect(await search().inputValue()).toBe('s/');
    expect(viewParams().get('q')).toBe('s/');
    await changeView(() => search().fill(''));

    // ArrowDown from the search enters the list at its first row; the body is one focus stop.
    await search().press('ArrowDown');
    const focused = page.locator('.register-body > tr:focus');
    expect(await focused.getAttribute('aria-rowindex')).toBe('2');
    expect(await page.locator('.register-body > tr[tabindex="0"]').count()).toBe(1);
    expect(await page.locator('.register-body a[tabindex="0"], .register-body a:not([tabindex])').count()).toBe(0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await focused.getAttribute('aria-rowindex')).toBe('3');
    await page.keyboard.press('End');
    const lastLoaded = Number(await focused.getAttribute('aria-rowindex'));
    expect(lastLoaded).toBeGreaterThan(20);
    await page.keyboard.press('Home');
    expect(await focused.getAttribute('aria-rowindex')).toBe('2');
    for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowDown');
    // The active row is kept in view as it moves past the bottom of the window.
    expect(await focused.getAttribute('aria-rowindex')).toBe('16');
    expect(await focused.evaluate((row) => {
      const box = row.getBoundingClientRect();
      const frame = row.closest('.register-scroll')!.getBoundingClientRect();
      return box.top >= frame.top && box.bottom <= frame.bottom;
    })).toBe(true);
    await screenshot(page, 'register-keyboard');

    const studentNumber = await focused.locator('td[data-column="studentNumber"]').innerText();
    const href = await focused.getByRole('link').getAttribute('href');
    const viewUrl = page.url();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === href);
    await visible(page.getByRole('heading', { name: /^Petition of / }));
    await visible(page.getByText(studentNumber, { exact: true }));

    await page.goBack();
    await visible(bodyRows());
    expect(page.url()).toBe(viewUrl);
    expect(viewParams().get('status')).toBe('submitted');
    expect(await page.locator('.register-body > tr:focus').getAttribute('aria-rowindex')).toBe('16');
    expect(await page.locator('.register-body > tr:focus td[data-column="studentNumber"]').innerText()).toBe(studentNumber);
    await changeView(() => page.getByRole('search').getByRole('button', { name: 'Clear filters' }).click());
  });

  it('loads more rows as the list scrolls, keeping only a window of them in the page', async () => {
    expect(await shownCount()).toBe(SEEDED);
    const scroller = page.locator('.register-scroll');
    const highestRow = async () => Math.max(...(await page.locator('.register-body > tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('aria-rowindex'))))));
    let highest = await highestRow();
    expect(highest).toBeLessThan(60);
    // The wheel, as a person scrolls.
    await scroller.hover();
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 1200);
    await expect.poll(highestRow).toBeGreaterThan(highest);
    highest = await highestRow();
    // Then far down, past the first pages: each time the end comes near, the next page arrives.
    for (let i = 0; i < 8; i++) {
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect.poll(highestRow, { timeout: 10_000 }).toBeGreaterThan(highest);
      highest = await highestRow();
      expect(await bodyRows().count()).toBeLessThan(120);
    }
    expect(highest).toBeGreaterThan(1000);
    expect(await grid().getAttribute('aria-rowcount')).toBe(String(SEEDED + 1));
    await screenshot(page, 'register-scrolled');
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
  });
});

describe('the student page', () => {
  it('shows the student, their EC standing against both caps, and every petition', async () => {
    // A student with an approved petition at introductory level: it counts toward both caps.
    await changeView(() => chooseOption('Status', 'Approved'));
    const levelHeader = page.getByRole('columnheader', { name: 'Level' });
    await changeView(() => levelHeader.getByRole('button').click());
    expect(await levelHeader.getAttribute('aria-sort')).toBe('ascending');
    const row = bodyRows().first();
    expect(await row.locator('td[data-column="level"]').innerText()).toMatch(/introductory/i);
    const credited = Math.floor(Number((await row.locator('td[data-column="ec"]').innerText()).replace(',', '.')));
    const studentNumber = await row.locator('td[data-column="studentNumber"]').innerText();
    const name = await row.locator('td[data-column="name"]').innerText();
    // How many petitions the register holds for this student, whatever their status.
    await changeView(() => page.getByRole('search').getByRole('button', { name: 'Clear filters' }).click());
    await changeView(() => search().fill(studentNumber));
    const petitions = await shownCount();
    expect(petitions).toBeGreaterThan(0);

    await bodyRows().first().locator('[data-student-link]').click();
    await page.waitForURL((url) => url.hash === `#/students/${studentNumber}`);
    await visible(page.getByRole('heading', { name }));
    await visible(page.getByText(studentNumber, { exact: true }));
    await visible(page.getByRole('heading', { name: 'EC below master level' }));
    for (const cap of ['advanced', 'introductory']) {
      const meter = page.locator(`[data-cap="${cap}"]`);
      for (const figure of ['approved', 'pending']) expect(await meter.locator(`[data-figure="${figure}"]`).innerText()).toMatch(/^\d+ EC$/);
      expect(await meter.locator('[data-figure="remaining"]').innerText()).toMatch(cap === 'advanced' ? /^\d+ of 5 EC$/ : /^\d+ of 3 EC$/);
    }
    const figure = async (cap: string, which: string) => Number((await page.locator(`[data-cap="${cap}"] [data-figure="${which}"]`).innerText()).split(' ')[0]);
    expect(await figure('introductory', 'approved')).toBeGreaterThanOrEqual(credited);
    expect(await figure('advanced', 'approved')).toBeGreaterThanOrEqual(await figure('introductory', 'approved'));
    await visible(page.getByRole('group', { name: 'Advanced and introductory level' }));
    await visible(page.getByRole('group', { name: 'Introductory level' }));
    const list = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Petitions' }) });
    expect(await list.locator('tbody tr').count()).toBe(petitions);
    await screenshot(page, 'student');

    // Each petition opens, and the petition page leads back to the student.
    await list.locator('tbody tr').first().getByRole('link').click();
    await visible(page.getByRole('heading', { name: /^Petition of / }));
    await page.getByRole('link', { name: 'All petitions and EC of this student' }).click();
    await page.waitForURL((url) => url.hash === `#/students/${studentNumber}`);
    await visible(page.getByRole('heading', { name: 'EC below master level' }));

    await page.getByRole('link', { name: 'Back to the register' }).click();
    await visible(bodyRows());
  });

  it('says so when the student number is not in the register', async () => {
    await page.goto(`${preview.origin}/#/students/s0000001`);
    await visible(page.getByText('Student number s0000001 is not in the register.'));
    await page.goto(`${preview.origin}/#/students/nonsense`);
    await visible(page.getByText('Student number nonsense is not in the register.'));
  });
});

describe('at other window sizes and in Dutch', () => {
  it('stays readable at 1024×768', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${preview.origin}/#/`);
    await visible(bodyRows());
    await settled();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'register-1024');
    await changeView(() => chooseOption('Status', 'In progress'));
    await changeView(() => page.getByRole('switch', { name: 'Has errors' }).click({ force: true }));
    await visible(page.getByRole('search').getByRole('button', { name: 'Clear filters' }));
    await screenshot(page, 'register-1024-filtered');
    const studentNumber = await bodyRows().first().locator('td[data-column="studentNumber"]').innerText();
    await page.goto(`${preview.origin}/#/students/${studentNumber}`);
    await visible(page.getByRole('heading', { name: 'EC below master level' }));
    await screenshot(page, 'student-1024');
    await page.setViewportSize({ width: 1360, height: 860 });
  });

  it('speaks Dutch throughout', async () => {
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('NL').click();
    await visible(page.getByRole('heading', { name: 'EC onder masterniveau' }));
    await screenshot(page, 'student-nl');
    await page.getByRole('link', { name: 'Terug naar het register' }).click();
    await visible(page.getByRole('searchbox', { name: 'Zoeken' }));
    await visible(page.getByText('3.000 verzoeken'));
    await screenshot(page, 'register-view-nl');
    await page.getByRole('radiogroup', { name: 'Taal' }).getByText('EN').click();
    await visible(page.getByRole('searchbox', { name: 'Search' }));
  });

  it('made no request outside its own origin, and nothing the Content Security Policy had to block', () => {
    expect(foreignRequests).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
