// Courses in the browser: the petition form's course code finds a course the register knows and
// fills its facts, and editing a course that other petitions use asks whether the change applies
// to them, or only to this petition.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, startPreview, tempRegisterPath, type Preview, bridgeCall } from './harness';

const register = tempRegisterPath();
let preview: Preview;
let browser: Browser;
let page: Page;

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 10_000 });
const value = (p: Page | Locator, role: 'textbox' | 'combobox', name: string) => p.getByRole(role, { name, exact: true }).inputValue();

const api = <T>(name: string, input: unknown) => bridgeCall<T>(preview, name, input);

interface Detail {
  id: number;
  course: { code: string; ec: number };
}

/** Three students petition for the same Delft course. */
const students = [
  { studentNumber: 's3200001', givenName: 'Zoë', familyName: 'Nguyễn' },
  { studentNumber: 's3200002', givenName: 'Łukasz', familyName: 'Kowalski' },
  { studentNumber: 's3200003', givenName: 'Øyvind', familyName: 'Berg' },
];
const ids: number[] = [];

beforeAll(async () => {
  preview = await startPreview(register);
  browser = await launchBrowser();
  ({ page } = await openPage(browser, preview.origin));
  await page.goto(preview.url);
  for (const s of students) {
    const created = await api<Detail>('petitions.create', {
      ...s,
      email: `${s.studentNumber}@umail.leidenuniv.nl`,
      courseCode: 'CS4240',
      courseTitle: 'Deep Learning',
      institution: 'Delft University of Technology',
      institutionKind: 'university',
      country: 'Netherlands',
      ec: 5,
      level: 500,
      courseStartDate: '2027-02-01',
      honours: false,
      submittedOn: '2026-11-20',
      motivation: '',
    });
    ids.push(created.id);
  }
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

/** Edits a petition's EC in the form and saves; the shared course's question appears. */
async function editEc(id: number, ec: string): Promise<Locator> {
  await page.goto(`${preview.origin}/#/petitions/${id}`);
  await page.getByRole('button', { name: 'Edit petition' }).click();
  const form = page.getByRole('dialog', { name: 'Edit petition' });
  await form.getByRole('textbox', { name: 'EC', exact: true }).fill(ec);
  await form.getByRole('button', { name: 'Save changes' }).click();
  const question = page.getByRole('dialog', { name: 'Change a shared course?' });
  await visible(question);
  return question;
}

describe('courses in the browser', () => {
  it('finds a known course by its title and fills its facts in the form', async () => {
    await page.reload();
    await page.getByRole('button', { name: 'New petition' }).click();
    const form = page.getByRole('dialog', { name: 'New petition' });
    await form.getByRole('combobox', { name: 'Course code', exact: true }).fill('deep');
    const option = page.getByRole('option').filter({ hasText: 'Deep Learning' });
    await visible(option);
    await screenshot(page, 'course-autocomplete');
    await option.first().click();
    expect(await value(form, 'combobox', 'Course code')).toBe('CS4240');
    expect(await value(form, 'textbox', 'Course title')).toBe('Deep Learning');
    expect(await value(form, 'textbox', 'EC')).toBe('5');
    expect(await value(form, 'textbox', 'Institution')).toBe('Delft University of Technology');
    expect(await value(form, 'textbox', 'Country')).toBe('Netherlands');
    expect(await value(form, 'combobox', 'Institution kind')).toBe('Research university');
    expect(await value(form, 'combobox', 'Level')).toBe('500 (master)');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
  });

  it('asks before changing a shared course, and gives "only this petition" a course of its own', async () => {
    const question = await editEc(ids[0]!, '6');
    await visible(question.getByText('Course CS4240 is used by 2 other petitions. Apply the change to all of them, or only to this petition?'));
    await screenshot(page, 'course-shared-question');
    await question.getByRole('button', { name: 'Only this petition' }).click();
    await visible(page.getByText('Changes saved.'));
    expect((await api<Detail>('petitions.get', { id: ids[0] })).course).toMatchObject({ code: 'CS4240 (2026)', ec: 6 });
    expect((await api<Detail>('petitions.get', { id: ids[1] })).course).toMatchObject({ code: 'CS4240', ec: 5 });
  });

  it('applies a change to every petition of the course when asked to', async () => {
    const question = await editEc(ids[1]!, '4');
    await visible(question.getByText('Course CS4240 is used by 1 other petition. Apply the change to it too, or only to this petition?'));
    await question.getByRole('button', { name: 'Apply to all' }).click();
    await visible(page.getByText('Changes saved.'));
    expect((await api<Detail>('petitions.get', { id: ids[2] })).course).toMatchObject({ code: 'CS4240', ec: 4 });
    expect((await api<Detail>('petitions.get', { id: ids[0] })).course).toMatchObject({ code: 'CS4240 (2026)', ec: 6 });
  });
});
