// Retention in the browser: two students rejected in early 2018, one approved then and still
// waiting for the grade, and one with a petition submitted today, arranged through the bridge. The
// secretary goes from the settings to retention, sees the three students past the period (the one
// waiting for a grade shown with the reason and not selectable; today's not at all), selects all,
// confirms by typing the count in the dialog (which names the count and warns about older
// backups), and only the blocked student is left; the register file on disk no longer holds the
// purged students' names.
import { existsSync, readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeCall, launchBrowser, openPage, screenshot, startPreview, tempRegisterPath, type Preview } from './harness';

const register = tempRegisterPath();
let preview: Preview;
let browser: Browser;
let page: Page;

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 10_000 });
const api = <T>(name: string, input: unknown) => bridgeCall<T>(preview, name, input);

const due = [
  { studentNumber: 's3300001', givenName: 'Αλέξανδρος', familyName: 'Papadopoulouzis', courseCode: 'RT101', decidedOn: '2018-02-26' },
  { studentNumber: 's3300002', givenName: 'Ingrid', familyName: 'Retentionsdottir', courseCode: 'RT102', decidedOn: '2018-02-27' },
] as const;
const open = { studentNumber: 's3300003', givenName: 'Tomasz', familyName: 'Stillopenski', courseCode: 'RT103' } as const;
/** Approved in 2018, the transcript never came: past the period, but the petition is still open. */
const waiting = { studentNumber: 's3300004', givenName: 'Blanca', familyName: 'Waitforgrade', courseCode: 'RT104', decidedOn: '2018-02-28' } as const;

interface Detail {
  items: Array<{ id: number; petition: { id: number } }>;
}

function petition(s: { studentNumber: string; givenName: string; familyName: string; courseCode: string }, submittedOn: string, courseStartDate: string) {
  return api<{ id: number }>('petitions.create', {
    ...s,
    email: `${s.studentNumber}@umail.leidenuniv.nl`,
    courseTitle: `Retention course ${s.courseCode}`,
    institution: 'Delft University of Technology',
    institutionKind: 'university',
    country: 'Netherlands',
    ec: 5,
    level: 500,
    courseStartDate,
    honours: false,
    submittedOn,
    motivation: `${s.givenName} needs this course.`,
  });
}

beforeAll(async () => {
  preview = await startPreview(register);
  browser = await launchBrowser();
  ({ page } = await openPage(browser, preview.origin));
  await page.goto(preview.url);
  for (const s of [...due, waiting]) {
    const approve = s === waiting;
    const { id } = await petition(s, '2018-01-10', '2018-04-20');
    const mt = await api<{ id: number }>('meetings.create', { body: 'mt_board', heldOn: '2018-02-01', location: '' });
    const mtAgenda = await api<Detail>('agenda.add', { meetingId: mt.id, petitionIds: [id] });
    await api('advice.record', { agendaItemId: mtAgenda.items[0]!.id, advice: approve ? 'support' : 'not_support', reasoning: approve ? 'Master level.' : 'Bachelor level.' });
    const boex = await api<{ id: number }>('meetings.create', { body: 'boex', heldOn: s.decidedOn, location: '' });
    const boexAgenda = await api<Detail>('agenda.add', { meetingId: boex.id, petitionIds: [id] });
    await api('decisions.record', {
      agendaItemId: boexAgenda.items[0]!.id,
      outcome: approve ? 'approved' : 'rejected',
      kind: 'individual',
      creditedEc: 5,
      level: 'master',
      institutionName: 'Delft University of Technology',
      reasoning: `${approve ? 'Approved' : 'Rejected'} for ${s.givenName} ${s.familyName}.`,
      decidedOn: s.decidedOn,
      signatory: 'Dr. A. Chair',
    });
  }
  const today = new Date();
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  await petition(open, iso(today), iso(new Date(today.getTime() + 60 * 24 * 3600 * 1000)));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('retention in the browser', () => {
  it('purges the students past the retention period after a confirmation that names the count', async () => {
    await page.goto(`${preview.origin}/#/settings`);
    await page.getByRole('link', { name: 'Open retention' }).click();
    await visible(page.getByRole('heading', { name: 'Retention of personal data' }));
    await expect.poll(() => page.getByTestId('retention-count').innerText(), { timeout: 10_000 }).toBe('3 students past the retention period');
    expect(await page.getByTestId('retention-blocked-count').innerText()).toBe('1 of them cannot be purged yet: the reason is shown under the name.');
    await visible(page.getByText('Papadopoulouzis'));
    expect(await page.getByText('Stillopenski').count()).toBe(0);
    // The student waiting for a grade is listed last, with the reason, and cannot be ticked.
    const blockedRow = page.locator(`tr[data-student="${waiting.studentNumber}"]`);
    await visible(blockedRow.getByText('Cannot be purged yet: a petition is still open (waiting for a decision, or approved and waiting for its grade).'));
    expect(await blockedRow.getByRole('checkbox', { name: `${waiting.givenName} ${waiting.familyName} (${waiting.studentNumber}) cannot be purged yet` }).isDisabled()).toBe(true);
    expect(await page.locator('tbody tr').last().getAttribute('data-student')).toBe(waiting.studentNumber);

    const purgeButton = page.getByRole('button', { name: /^Purge (\d+|selected) students?$/ });
    expect(await purgeButton.innerText()).toBe('Purge selected students');
    expect(await purgeButton.isDisabled()).toBe(true);
    await screenshot(page, 'retention-due');
    await page.getByRole('checkbox', { name: 'Select all students' }).check();
    await expect.poll(() => purgeButton.innerText()).toBe('Purge 2 students');
    await purgeButton.click();

    const dialog = page.getByRole('dialog', { name: 'Purge the personal data of 2 students?' });
    await visible(dialog);
    await visible(dialog.getByText('This cannot be undone.', { exact: false }));
    await visible(dialog.getByText('Backups of the register made before this purge still hold this data', { exact: false }));
    const confirm = dialog.getByRole('button', { name: 'Purge permanently' });
    const typed = dialog.getByRole('textbox', { name: 'Type the number of students (2) to confirm' });
    await typed.fill('3');
    expect(await confirm.isDisabled()).toBe(true);
    await typed.fill('2');
    expect(await confirm.isEnabled()).toBe(true);
    await screenshot(page, 'retention-confirm');
    await confirm.click();

    await visible(page.getByText('The personal data of 2 students was purged.'));
    await expect.poll(() => page.getByTestId('retention-count').innerText(), { timeout: 10_000 }).toBe('1 student past the retention period');
    expect(await page.getByText('Papadopoulouzis').count()).toBe(0);
    await visible(page.getByText(waiting.familyName));
    // Nothing left to select: no purge button.
    expect(await purgeButton.count()).toBe(0);
    await screenshot(page, 'retention-purged');
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('NL').click();
    await visible(page.getByRole('heading', { name: 'Bewaartermijn van persoonsgegevens' }));
    await visible(page.getByText('Kan nog niet worden verwijderd: er staat nog een verzoek open', { exact: false }));
    await screenshot(page, 'retention-purged-nl');

    // The register file itself, as the preview left it, holds neither name any more.
    const bytes = Buffer.concat([readFileSync(register), existsSync(`${register}-wal`) ? readFileSync(`${register}-wal`) : Buffer.alloc(0)]);
    for (const s of due) {
      for (const text of [s.givenName, s.familyName, s.studentNumber]) expect(bytes.includes(Buffer.from(text, 'utf8'))).toBe(false);
    }
    expect(bytes.includes(Buffer.from(open.familyName, 'utf8'))).toBe(true);
    expect(bytes.includes(Buffer.from(waiting.familyName, 'utf8'))).toBe(true);
  });
});
