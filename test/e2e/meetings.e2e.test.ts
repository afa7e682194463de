// The board's own work in the browser: an MT Board meeting with an agenda of three petitions,
// reordered with the keyboard (and the order surviving a reload), the advice recorded in meeting
// mode with its keyboard shortcuts, then a BoEx meeting with the advised petitions as candidates,
// a batch decision, and the numbers `{ay} LIACS 1` and `2` on the petition pages and in the register.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicYear } from '../../shared/rules';
import { bridgeCall, launchBrowser, localDate, openPage, screenshot, startPreview, submittedPetitions, tempRegisterPath, type Preview } from './harness';

const register = tempRegisterPath();
let preview: Preview;
let browser: Browser;
let page: Page;
let foreignRequests: string[];

// playwright-core has no test runner matchers: wait for what a person would see, then assert.
const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 10_000 });
const containsText = (locator: Locator, text: string) =>
  expect.poll(() => locator.first().innerText(), { timeout: 10_000 }).toContain(text);

const TODAY = localDate();
const AY = academicYear(TODAY).label;

const api = <T>(name: string, input: unknown) => bridgeCall<T>(preview, name, input);

const students = [
  { studentNumber: 's3100001', givenName: 'Zoë', familyName: 'Nguyễn', courseCode: 'IN4320', courseTitle: 'Machine Learning for Creative Media' },
  { studentNumber: 's3100002', givenName: 'Łukasz', familyName: 'Kowalski', courseCode: 'CS4240', courseTitle: 'Deep Learning' },
  { studentNumber: 's3100003', givenName: 'Øyvind', familyName: 'Berg', courseCode: 'IN4301', courseTitle: 'Advanced Algorithms' },
] as const;
const name = (s: (typeof students)[number]) => `${s.givenName} ${s.familyName}`;
const [zoe, lukasz, oyvind] = students;
const petitionIds: Record<string, number> = {};
let boexMeetingUrl = '';

/** The agenda's student numbers, top to bottom. */
/** Clicks a button that downloads a file, and returns the file's bytes. */
async function download(button: Locator): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const saved = path.join(mkdtempSync(path.join(os.tmpdir(), 'boex-download-')), file.suggestedFilename());
  await file.saveAs(saved);
  return readFileSync(saved);
}

function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
}

const agendaOrder = () => page.locator('ol.agenda-list > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-student')));

beforeAll(async () => {
  preview = await startPreview(register);
  browser = await launchBrowser();
  ({ page, foreignRequests } = await openPage(browser, preview.origin));
  await page.goto(preview.url);
  const ids = await submittedPetitions(preview, students);
  students.forEach((s, i) => (petitionIds[s.studentNumber] = ids[i]!));
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('meetings in the browser', () => {
  it('lists no meetings yet and creates an MT Board meeting', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Meetings' }).click();
    await visible(page.getByRole('heading', { name: 'Meetings' }));
    await visible(page.getByText('No meetings yet.'));
    await page.getByRole('button', { name: 'New meeting' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create meeting' }).click();
    await visible(dialog.getByText('Fill in this field.'));
    await dialog.getByRole('combobox', { name: 'Board' }).click();
    await page.getByRole('option', { name: 'Media Technology Board' }).click();
    await dialog.getByRole('textbox', { name: 'Location' }).fill('Snellius, room 408');
    await screenshot(page, 'meeting-new');
    await dialog.getByRole('button', { name: 'Create meeting' }).click();
    await visible(page.getByRole('heading', { name: /^MT Board meeting of/ }));
    expect(page.url()).toMatch(/#\/meetings\/\d+$/);
  });

  it('builds an agenda of three from the candidates', async () => {
    const candidates = page.getByRole('list', { name: 'Candidates for this meeting' });
    for (const s of students) await visible(candidates.getByText(name(s)));
    await page.getByRole('button', { name: `Add ${name(zoe)} to the agenda` }).click();
    await visible(page.getByText('1 petition added to the agenda.'));
    await page.getByRole('button', { name: 'Add all (2)' }).click();
    await expect.poll(agendaOrder).toEqual([zoe.studentNumber, lukasz.studentNumber, oyvind.studentNumber]);
    await visible(page.getByText('No petitions are waiting for this meeting.'));
    // Each item shows the facts and the rules' findings the board must see.
    const first = page.locator('ol.agenda-list > li').first();
    await containsText(first, 'Delft University of Technology');
    await containsText(first, '500 (master)');
    await containsText(first, 'In progress');
  });

  it('reorders the agenda with the keyboard, and the order survives a reload', async () => {
    // Move up / Move down: the button keeps the focus, so Enter can be pressed again.
    await page.getByRole('button', { name: `Move ${name(zoe)} down` }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(agendaOrder).toEqual([lukasz.studentNumber, zoe.studentNumber, oyvind.studentNumber]);
    await visible(page.getByRole('status').filter({ hasText: `${name(zoe)} moved to position 2 of 3.` }));
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Move ${name(zoe)} down`);
    // dnd-kit's keyboard sensor: Space picks the item up, ArrowUp moves it, Space drops it. The
    // order saved above is fetched again first; a list that re-renders mid-drag ends the drag.
    await page.waitForLoadState('networkidle');
    const handle = page.getByRole('button', { name: `Drag ${name(oyvind)} to another position` });
    await handle.focus();
    const announced = () => page.locator('[id^="DndLiveRegion"]').innerText();
    await page.keyboard.press('Space');
    await expect.poll(announced).toContain(`Picked up ${name(oyvind)}, at position 3 of 3.`);
    await page.keyboard.press('ArrowUp');
    await expect.poll(announced).toContain(`${name(oyvind)} is over position 2 of 3.`);
    await page.keyboard.press('Space');
    await expect.poll(announced).toContain(`${name(oyvind)} was dropped at position 2 of 3.`);
    await expect.poll(agendaOrder).toEqual([lukasz.studentNumber, oyvind.studentNumber, zoe.studentNumber]);
    await screenshot(page, 'meeting-agenda');
    await page.reload();
    await visible(page.getByRole('heading', { name: /^MT Board meeting of/ }));
    await expect.poll(agendaOrder).toEqual([lukasz.studentNumber, oyvind.studentNumber, zoe.studentNumber]);
  });

  it('exports the meeting pack with the items in agenda order', async () => {
    const text = pdfText(await download(page.getByRole('button', { name: 'Meeting pack (PDF)' })));
    const order = [lukasz, oyvind, zoe].map((s) => text.lastIndexOf(s.studentNumber));
    // The sections follow the contents, so the last mention of each student is in agenda order.
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Meeting pack');
  });

  it('records support, not support and defer in meeting mode with the keyboard', async () => {
    await page.getByRole('link', { name: 'Meeting mode' }).click();
    await visible(page.getByText('Item 1 of 3'));
    await visible(page.getByRole('heading', { name: `1. ${name(lukasz)}` }));
    const reasoning = page.getByRole('textbox', { name: 'Reasoning of the advice' });
    await expect.poll(() => reasoning.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'meeting-mode');

    // Item 1: support with Alt+S inside the reasoning field, Ctrl+Enter records and moves on.
    await page.keyboard.type('A master course that fits the programme well.');
    await page.keyboard.press('Alt+S');
    await expect.poll(() => page.getByRole('radio', { name: /Support/ }).first().isChecked()).toBe(true);
    await page.keyboard.press('Control+Enter');
    await visible(page.getByText(`Advice on ${name(lukasz)} recorded.`));
    await visible(page.getByText('Item 2 of 3'));

    // Item 2: not support with N, pressed outside the reasoning field.
    await expect.poll(() => reasoning.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Overlaps with the compulsory course on algorithms.');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('n');
    await expect.poll(() => page.getByRole('radio', { name: /Not support/ }).isChecked()).toBe(true);
    await page.keyboard.press('Control+Enter');
    await visible(page.getByText(`Advice on ${name(oyvind)} recorded.`));
    await visible(page.getByText('Item 3 of 3'));

    // Item 3: a missing reasoning is refused with the field's sentence; then defer with Alt+D.
    await page.keyboard.press('Alt+D');
    await page.keyboard.press('Control+Enter');
    await visible(page.getByText('Fill in this field.'));
    await reasoning.fill('The course description is missing; ask the student for it.');
    await page.keyboard.press('Alt+D');
    await page.keyboard.press('Control+Enter');
    await visible(page.getByText(`Advice on ${name(zoe)} recorded.`));
    await visible(page.getByText('Every item on the agenda has an advice.'));

    // PageUp steps back: an advised item shows its advice instead of the form.
    await page.keyboard.press('PageUp');
    await visible(page.getByText('Item 2 of 3'));
    await visible(page.getByText('Advice: not support'));
    await screenshot(page, 'meeting-mode-advised');
    await page.getByRole('link', { name: 'Leave meeting mode' }).click();
    await visible(page.getByText('3 of 3 advised').first());
  });

  it('puts the deferred petition back to Submitted', async () => {
    await page.goto(`${preview.origin}/#/petitions/${petitionIds[zoe.studentNumber]}`);
    await visible(page.getByRole('heading', { name: `Petition of ${name(zoe)}` }));
    await visible(page.getByText('Submitted', { exact: true }).first());
    await visible(page.getByText('There is no decision on this petition yet.'));
  });

  it('decides the advised petitions at a BoEx meeting in one batch', async () => {
    await page.goto(`${preview.origin}/#/meetings`);
    await page.getByRole('button', { name: 'New meeting' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Board' }).click();
    await page.getByRole('option', { name: 'Board of Examiners (LIACS)' }).click();
    await dialog.getByRole('button', { name: 'Create meeting' }).click();
    await visible(page.getByRole('heading', { name: /^BoEx meeting of/ }));
    boexMeetingUrl = page.url();

    // The advised petitions are the candidates; the deferred one waits for the next MT Board meeting.
    const candidates = page.getByRole('list', { name: 'Candidates for this meeting' });
    await visible(candidates.getByText(name(lukasz)));
    await visible(candidates.getByText(name(oyvind)));
    expect(await candidates.getByText(name(zoe)).count()).toBe(0);
    await page.getByRole('button', { name: 'Add all (2)' }).click();
    await expect.poll(agendaOrder).toEqual([lukasz.studentNumber, oyvind.studentNumber]);
    await visible(page.locator('ol.agenda-list').getByText('Advice: support'));
    await visible(page.locator('ol.agenda-list').getByText('Advice: not support'));

    await page.getByRole('button', { name: 'Decide all supported as approved' }).click();
    const batch = page.getByRole('dialog');
    const approveLukasz = batch.getByRole('switch', { name: `Approve the petition of ${name(lukasz)}` });
    const approveOyvind = batch.getByRole('switch', { name: `Approve the petition of ${name(oyvind)}` });
    expect(await approveLukasz.isChecked()).toBe(true);
    expect(await approveOyvind.isChecked()).toBe(false);
    await batch.getByRole('combobox', { name: 'Signatory' }).fill('Dr. A. Plaat');
    await screenshot(page, 'meeting-batch');
    await batch.getByRole('button', { name: 'Decide 2 items' }).click();
    await visible(page.getByText(`Decisions recorded: ${AY} LIACS 1, ${AY} LIACS 2.`));
    await batch.waitFor({ state: 'detached' });

    const items = page.locator('ol.agenda-list > li');
    await containsText(items.nth(0), `${AY} LIACS 1`);
    await containsText(items.nth(0), 'Approved');
    await containsText(items.nth(1), `${AY} LIACS 2`);
    await containsText(items.nth(1), 'Rejected');
    await screenshot(page, 'meeting-boex-decisions');

    const csv = (await download(page.getByRole('button', { name: 'Decision list (CSV)' }))).toString('utf8');
    expect(csv).toContain(`${AY} LIACS 1`);
    expect(csv).toContain(`${AY} LIACS 2`);
    expect(csv).toContain(lukasz.studentNumber);
  });

  it('shows the numbers on the petition pages and finds them in the register', async () => {
    await page.goto(`${preview.origin}/#/petitions/${petitionIds[lukasz.studentNumber]}`);
    const decisions = page.getByRole('region', { name: 'Decisions' });
    await containsText(decisions, `${AY} LIACS 1`);
    await containsText(decisions, 'Approved');
    await containsText(decisions, 'Individual decision');
    // Decided today: the appeal window is open for six more weeks.
    const closes = new Date();
    closes.setDate(closes.getDate() + 42);
    const appeal = new RegExp(`Appeal window open until ${closes.getDate()} \\S+ ${closes.getFullYear()}`);
    await expect.poll(() => decisions.innerText(), { timeout: 10_000 }).toMatch(appeal);
    await screenshot(page, 'petition-decisions');

    await page.goto(`${preview.origin}/#/petitions/${petitionIds[oyvind.studentNumber]}`);
    await containsText(page.getByRole('region', { name: 'Decisions' }), `${AY} LIACS 2`);

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Register' }).click();
    // The register's search covers decision numbers: the two decided petitions, not the deferred one.
    await page.getByRole('searchbox', { name: 'Search' }).fill(`${AY} LIACS`);
    await containsText(page.getByRole('row').filter({ hasText: oyvind.studentNumber }), 'Rejected');
    await containsText(page.getByRole('row').filter({ hasText: lukasz.studentNumber }), 'In progress');
    await expect.poll(() => page.getByRole('row').filter({ hasText: zoe.studentNumber }).count()).toBe(0);
  });

  it('refuses to approve a petition with an error finding, naming it; a rejection is possible', async () => {
    // An honours course of 7.5 EC: advised (supported) at another MT Board meeting through the bridge.
    const alexandros = await api<{ id: number }>('petitions.create', {
      studentNumber: 's3100004',
      givenName: 'Αλέξανδρος',
      familyName: 'Παπαδόπουλος',
      email: 's3100004@umail.leidenuniv.nl',
      courseCode: '4000HMA',
      courseTitle: 'Honours Seminar on Media Art',
      institution: 'Leiden University',
      institutionKind: 'leiden',
      country: 'Netherlands',
      ec: 7.5,
      level: 400,
      courseStartDate: localDate(60),
      honours: true,
      submittedOn: localDate(-3),
      motivation: '',
    });
    const mt = await api<{ id: number }>('meetings.create', { body: 'mt_board', heldOn: TODAY, location: '' });
    const agenda = await api<{ items: Array<{ id: number }> }>('agenda.add', { meetingId: mt.id, petitionIds: [alexandros.id] });
    await api('advice.record', { agendaItemId: agenda.items[0]?.id, advice: 'support', reasoning: 'Valuable, if the board accepts an honours course.' });

    await page.goto(boexMeetingUrl);
    await page.getByRole('button', { name: 'Add Αλέξανδρος Παπαδόπουλος to the agenda' }).click();
    await page.getByRole('button', { name: 'Record the decision on Αλέξανδρος Παπαδόπουλος' }).click();
    const form = page.getByRole('dialog', { name: 'Decision on Αλέξανδρος Παπαδόπουλος' });
    // Prefilled: credited EC rounded down, institution, and reasons from the advice and the findings.
    expect(await form.getByRole('textbox', { name: 'Credited EC' }).inputValue()).toBe('7');
    expect(await form.getByRole('textbox', { name: 'Institution' }).inputValue()).toBe('Leiden University');
    const reasoning = await form.getByRole('textbox', { name: 'Reasoning' }).inputValue();
    expect(reasoning).toContain('Advice of the Media Technology Board (support): Valuable, if the board accepts an honours course.');
    expect(reasoning).toContain('This is an honours course');
    expect(await form.getByRole('textbox', { name: 'Date of the decision' }).inputValue()).toBe(TODAY);
    expect(await form.getByRole('radio', { name: 'Approved' }).isChecked()).toBe(true);
    await visible(form.getByText('This petition has an error finding'));
    await form.getByRole('combobox', { name: 'Signatory' }).fill('Dr. A. Plaat');
    await screenshot(page, 'meeting-decision-form');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await containsText(form.getByRole('alert'), 'cannot be approved while it breaks these rules');
    await containsText(form.getByRole('alert'), 'honours course');
    await screenshot(page, 'meeting-decision-refused');

    await form.getByRole('radio', { name: 'Rejected' }).check();
    await form.getByRole('button', { name: 'Record decision' }).click();
    await visible(page.getByText(`Decision ${AY} LIACS 3 recorded.`));
    await containsText(page.locator('ol.agenda-list > li').nth(2), `${AY} LIACS 3`);
  });

  it('corrects a decision with a new number, and both stay visible', async () => {
    await page.getByRole('button', { name: `Correct decision ${AY} LIACS 2` }).click();
    const form = page.getByRole('dialog', { name: `Correct decision ${AY} LIACS 2` });
    await visible(form.getByText('A correction is a new decision with a new number.'));
    await form.getByRole('radio', { name: 'Approved' }).check();
    await form.getByRole('textbox', { name: 'Reasoning' }).fill('On reflection the course complements the programme; the overlap is small.');
    await form.getByRole('button', { name: 'Record correction' }).click();
    await visible(page.getByText(`Decision ${AY} LIACS 4 recorded.`));
    const item = page.locator('ol.agenda-list > li').filter({ hasText: oyvind.studentNumber });
    await containsText(item, `Replaces ${AY} LIACS 2`);

    await page.goto(`${preview.origin}/#/petitions/${petitionIds[oyvind.studentNumber]}`);
    const decisions = page.getByRole('region', { name: 'Decisions' });
    await containsText(decisions.locator(`tr[data-decision="${AY} LIACS 2"]`), `Replaced by ${AY} LIACS 4`);
    await containsText(decisions.locator(`tr[data-decision="${AY} LIACS 4"]`), `Replaces ${AY} LIACS 2`);
    await screenshot(page, 'petition-decisions-corrected');
  });

  it('shows the register\'s sentence when the advice was recorded elsewhere meanwhile', async () => {
    const dmitry = await api<{ id: number }>('petitions.create', {
      studentNumber: 's3100005',
      givenName: 'Дмитрий',
      familyName: 'Иванов',
      email: 's3100005@umail.leidenuniv.nl',
      courseCode: 'CS4245',
      courseTitle: 'Computer Vision by Deep Learning',
      institution: 'Delft University of Technology',
      institutionKind: 'university',
      country: 'Netherlands',
      ec: 5,
      level: 500,
      courseStartDate: localDate(60),
      honours: false,
      submittedOn: localDate(-2),
      motivation: '',
    });
    const mt = await api<{ id: number }>('meetings.create', { body: 'mt_board', heldOn: TODAY, location: 'Gorlaeus' });
    const agenda = await api<{ items: Array<{ id: number }> }>('agenda.add', { meetingId: mt.id, petitionIds: [dmitry.id] });
    await page.goto(`${preview.origin}/#/meetings/${mt.id}/advice`);
    await visible(page.getByText('Item 1 of 1'));
    // Another window records the advice while this one still shows the form.
    await api('advice.record', { agendaItemId: agenda.items[0]?.id, advice: 'support', reasoning: 'Recorded at the other machine.' });
    await page.keyboard.type('Recorded here as well.');
    await page.keyboard.press('Alt+N');
    await page.keyboard.press('Control+Enter');
    await containsText(page.getByRole('alert'), 'has already been recorded at this meeting');
    await visible(page.getByText('Recorded at the other machine.'));
  });

  it('lists the meetings with their progress', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Meetings' }).click();
    const rows = page.locator('tr[data-meeting]');
    await expect.poll(() => rows.count()).toBe(4);
    await containsText(page.getByRole('row').filter({ hasText: 'Snellius, room 408' }), '3 of 3 advised');
    await containsText(page.getByRole('row').filter({ hasText: 'Board of Examiners (LIACS)' }), '3 of 3 decided');
    await screenshot(page, 'meetings-list');
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('NL').click();
    await visible(page.getByRole('heading', { name: 'Vergaderingen' }));
    await screenshot(page, 'meetings-list-nl');
    await page.getByRole('row').filter({ hasText: 'Snellius, room 408' }).getByRole('link').click();
    await page.getByRole('link', { name: 'Vergadermodus' }).click();
    await visible(page.getByText('Punt 1 van 3'));
    await screenshot(page, 'meeting-mode-nl');
    await page.getByRole('radiogroup', { name: 'Taal' }).getByText('EN').click();
  });

  it('made no request outside its own origin', () => {
    expect(foreignRequests).toEqual([]);
  });
});
