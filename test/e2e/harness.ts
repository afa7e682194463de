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
