// What every end-to-end test stands on: a real preview process serving a real register file in a
// temporary folder, and Debian's Chromium driven by playwright-core.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
export const screensDir = path.join(projectRoot, 'test-results', 'screens');

export function tempRegisterPath(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'boex-e2e-')), 'register.db');
}

export interface Preview {
  url: string;
  origin: string;
  process: ChildProcessWithoutNullStreams;
  output(): string;
  /** Interrupts the preview as a person would (Ctrl+C) and resolves with its exit code. */
  stop(): Promise<number | null>;
}

export interface PreviewOptions {
  /** Opens the register read-only (`boex preview --readonly`). */
  readonly?: boolean;
}

export async function startPreview(register: string, options: PreviewOptions = {}): Promise<Preview> {
  const args = ['preview', '--register', register, '--lang', 'en', ...(options.readonly ? ['--readonly'] : [])];
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/boex.js'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, BOEX_DEBUG: '' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not print its address:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(output);
      if (match?.[1]) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(match[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`preview exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', (code) => resolve(code));
        child.kill('SIGINT');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  // playwright starts Chromium headless with a fresh profile of its own.
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A page that records every request leaving the preview's origin: the app must make none.
 * A restarted preview listens on a new port; add its origin to allowedOrigins.
 */
export async function openPage(browser: Browser, origin: string) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const allowedOrigins = new Set([origin]);
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!allowedOrigins.has(url.origin) && url.protocol !== 'data:' && url.protocol !== 'blob:') foreignRequests.push(url.href);
  });
  // Chromium reports what the Content Security Policy blocked on the console: the app should need nothing it forbids.
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return { page, foreignRequests, allowedOrigins, cspViolations };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: path.join(screensDir, `${name}.png`), fullPage: true });
}

/**
 * A call on the preview's HTTP bridge, as the page makes it, with the token the preview printed:
 * for arranging a test's data faster than through the forms.
 */
export async function bridgeCall<T>(preview: Preview, name: string, input: unknown): Promise<T> {
  const token = new URL(preview.url).searchParams.get('token') ?? '';
  const response = await fetch(`${preview.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'x-boex-language': 'en' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/** Today, or `offsetDays` from it, as a date on this computer's calendar (YYYY-MM-DD). */
export function localDate(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface StudentSketch {
  studentNumber: string;
  givenName: string;
  familyName: string;
  courseCode: string;
  courseTitle: string;
}

/** A petition of each student (a 5 EC master course at Delft, submitted a week ago), over the bridge: their ids. */
export async function submittedPetitions(preview: Preview, students: readonly StudentSketch[]): Promise<number[]> {
  const ids: number[] = [];
  for (const { studentNumber, givenName, familyName, courseCode, courseTitle } of students) {
    const created = await bridgeCall<{ id: number }>(preview, 'petitions.create', {
      studentNumber,
      givenName,
      familyName,
      courseCode,
      courseTitle,
      email: `${studentNumber}@umail.leidenuniv.nl`,
      institution: 'Delft University of Technology',
      institutionKind: 'university',
      country: 'Netherlands',
      ec: 5,
      level: 500,
      courseStartDate: localDate(60),
      honours: false,
      submittedOn: localDate(-7),
      motivation: `${givenName} needs ${courseTitle} for the graduation project.`,
    });
    ids.push(created.id);
  }
  return ids;
}

/** The petitions of submittedPetitions, supported by an MT Board meeting and approved by a BoEx meeting both held today: their ids. */
export async function approvedPetitions(preview: Preview, students: readonly StudentSketch[]): Promise<number[]> {
  const api = <T>(name: string, input: unknown) => bridgeCall<T>(preview, name, input);
  type Agenda = { items: Array<{ id: number }> };
  const today = localDate();
  const ids = await submittedPetitions(preview, students);
  const mt = await api<{ id: number }>('meetings.create', { body: 'mt_board', heldOn: today, location: '' });
  const mtAgenda = await api<Agenda>('agenda.add', { meetingId: mt.id, petitionIds: ids });
  for (const item of mtAgenda.items) await api('advice.record', { agendaItemId: item.id, advice: 'support', reasoning: 'Fits the programme.' });
  const boex = await api<{ id: number }>('meetings.create', { body: 'boex', heldOn: today, location: '' });
  const boexAgenda = await api<Agenda>('agenda.add', { meetingId: boex.id, petitionIds: ids });
  for (const item of boexAgenda.items) {
    await api('decisions.record', {
      agendaItemId: item.id,
      outcome: 'approved',
      kind: 'individual',
      creditedEc: 5,
      level: 'master',
      institutionName: 'Delft University of Technology',
      reasoning: 'The course is at master level and fits the programme.',
      decidedOn: today,
      signatory: 'Dr. A. Chair',
    });
  }
  return ids;
}
