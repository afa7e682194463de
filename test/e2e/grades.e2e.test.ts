// Completion in the browser: two petitions approved by the BoEx through the bridge, each with a
// certified transcript; the secretary finds them under "Awaiting transcript", registers a passing
// grade (7,3 → 7.5, "External courses approved", the EC) and a failing one ("No EC registered"),
// and the list of petitions awaiting a transcript shrinks.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, startPreview, tempRegisterPath, type Preview, bridgeCall, approvedPetitions } from './harness';

const register = tempRegisterPath();
let preview: Preview;
let browser: Browser;
let page: Page;

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 10_000 });
const containsText = (locator: Locator, text: string) =>
  expect.poll(() => locator.first().innerText(), { timeout: 10_000 }).toContain(text);

const api = <T>(name: string, input: unknown) => bridgeCall<T>(preview, name, input);

const students = [
  { studentNumber: 's3200001', givenName: 'Inès', familyName: 'Dubois', courseCode: 'IN4320', courseTitle: 'Machine Learning for Creative Media' },
  { studentNumber: 's3200002', givenName: 'Jonas', familyName: 'Lindqvist', courseCode: 'CS4240', courseTitle: 'Deep Learning' },
] as const;
const ids: number[] = [];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1').toString('base64');

beforeAll(async () => {
  preview = await startPreview(register);
  browser = await launchBrowser();
  ({ page } = await openPage(browser, preview.origin));
  await page.goto(preview.url);
  ids.push(...(await approvedPetitions(preview, students)));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

async function openAwaiting() {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Awaiting transcript' }).click();
  await visible(page.getByRole('heading', { name: 'Awaiting transcript' }));
}

async function registerGrade(studentName: string, petitionId: number, grade: string) {
  await openAwaiting();
  await page.getByRole('link', { name: studentName }).click();
  await visible(page.getByRole('heading', { name: 'Grade' }));
  await visible(page.getByText('Attach the certified transcript above'));
  await api('attachments.add', { petitionId, kind: 'transcript', fileName: `transcript-${petitionId}.pdf`, mediaType: 'application/pdf', contentBase64: PDF });
  await page.reload();
  const form = page.getByRole('form', { name: 'Register grade' });
  await visible(form);
  await expect.poll(() => form.getByRole('combobox', { name: 'Certified transcript' }).inputValue(), { timeout: 10_000 }).toBe(`transcript-${petitionId}.pdf`);
  await form.getByRole('textbox', { name: 'Grade as written on the transcript' }).fill(grade);
  await form.getByRole('textbox', { name: 'Grade on the Dutch scale' }).fill(grade);
  return form;
}

describe('grade registration in the browser', () => {
  it('registers a passing and a failing grade and sees the statuses and EC change', async () => {
    await openAwaiting();
    await containsText(page.getByTestId('awaiting-count'), '2 petitions awaiting a transcript');
    await screenshot(page, 'grades-awaiting');

    const pass = await registerGrade('Inès Dubois', ids[0]!, '7,3');
    await containsText(pass.getByTestId('grade-conversion'), '7.3 → 7.5: rounded to the nearest half point');
    await containsText(pass.getByTestId('grade-conversion'), 'A pass: the decision\'s 5 EC will be registered.');
    await pass.getByRole('button', { name: 'Register grade' }).click();
    await containsText(page.getByTestId('converted-grade'), '7.5');
    await containsText(page.getByTestId('credited-ec'), '5');
    await visible(page.getByText('External courses approved'));
    await screenshot(page, 'grades-pass');

    const fail = await registerGrade('Jonas Lindqvist', ids[1]!, '5,5');
    await containsText(fail.getByTestId('grade-conversion'), '5.5 → 5: 5.5 is not accepted');
    await fail.getByRole('button', { name: 'Register grade' }).click();
    await visible(page.getByText('No EC registered: the grade is a fail.'));
    await containsText(page.getByTestId('converted-grade'), '5');
    await containsText(page.getByTestId('credited-ec'), '0');
    await visible(page.getByText('In progress'));
    await screenshot(page, 'grades-fail');

    await openAwaiting();
    await visible(page.getByText('No approved petition is waiting for a transcript.'));
    await containsText(page.getByTestId('awaiting-count'), '0 petitions awaiting a transcript');
  }, 90_000);
});
