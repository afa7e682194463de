// The main process wired against a stand-in for 'electron' (the binary cannot be downloaded here),
// with the real register, services and dispatch behind its IPC handlers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, channelOf, type CallName } from '../../shared/api';
import { translate } from '../../shared/i18n';
import { FakeElectron, type FakeBrowserWindow, type FakeFrame } from './fake-electron';

let folder: string;
let electron: FakeElectron;

beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'boex-main-'));
  mkdirSync(path.join(folder, 'userData'));
});

afterEach(() => {
  electron?.appEvents.emit('will-quit');
  rmSync(folder, { recursive: true, force: true });
});

async function launch(options: { locale?: string; singleInstance?: boolean } = {}): Promise<FakeElectron> {
  electron = new FakeElectron({ userData: path.join(folder, 'userData'), appPath: path.join(folder, 'app'), ...options });
  // A fresh main process per launch: its module state (the register, the window) starts empty.
  vi.resetModules();
  vi.doMock('electron', () => electron.module);
  await import('../../electron/main');
  await electron.becomeReady();
  return electron;
}

function onlyWindow(fake: FakeElectron): FakeBrowserWindow {
  expect(fake.windows).toHaveLength(1);
  const [window] = fake.windows;
  if (!window) throw new Error('no window');
  return window;
}

function call(fake: FakeElectron, name: CallName, frame: FakeFrame | null, input: unknown, lang: unknown = 'en'): unknown {
  const handler = fake.handlers.get(channelOf(name)) as ((event: unknown, input: unknown, lang: unknown) => unknown) | undefined;
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler({ senderFrame: frame }, input, lang);
}

// The reviewed policy, spelled out: any loosening of shared/csp.ts must change this line too.
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const indexHtml = () => path.join(folder, 'app', 'dist', 'renderer', 'index.html');

describe('the main window', () => {
  it('shows the built renderer from disk in an isolated, sandboxed page without Node', async () => {
    const fake = await launch();
    const window = onlyWindow(fake);
    expect(fake.calls).toContain('enableSandbox');
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/[\\/]preload\.cjs$/);
    expect(window.loadedFile).toBe(indexHtml());
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('denies navigation and new windows; only a vetted university https link opens, in the browser', async () => {
    const window = onlyWindow(await launch());
    const navigate = (url: string) => {
      const event = { url, preventDefault: vi.fn() };
      window.webContents.emit('will-navigate', event);
      return event.preventDefault;
    };
    expect(navigate('https://evil.example/phish')).toHaveBeenCalled();
    expect(navigate('file:///etc/passwd')).toHaveBeenCalled();
    expect(navigate('https://www.universiteitleiden.nl/en/regulations')).toHaveBeenCalled();

    const open = window.webContents.windowOpenHandler;
    expect(open?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'http://www.leidenuniv.nl/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'https://www.leidenuniv.nl.evil.example/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'https://studiegids.universiteitleiden.nl/courses' })).toEqual({ action: 'deny' });

    expect(electron.openedExternally).toEqual([
      'https://www.universiteitleiden.nl/en/regulations',
      'https://studiegids.universiteitleiden.nl/courses',
    ]);
  });

  it('refuses every permission, cancels network requests, and sends the strict CSP with every response', async () => {
    const fake = await launch();
    const granted = vi.fn();
    fake.permissionRequest?.(...([null, 'media', granted] as never[]));
    expect(granted).toHaveBeenCalledWith(false);
    expect(fake.permissionCheck?.(...([null, 'notifications'] as never[]))).toBe(false);

    expect(fake.beforeRequest?.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    const cancelled = vi.fn();
    fake.beforeRequest?.listener(...([{ url: 'https://cdn.example/x.js' }, cancelled] as never[]));
    expect(cancelled).toHaveBeenCalledWith({ cancel: true });

    const headers = vi.fn();
    fake.headersReceived?.(...([{ responseHeaders: { 'Content-Type': ['text/html'] } }, headers] as never[]));
    expect(headers).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [STRICT_CSP] },
    });
  });
});

describe('the IPC handlers', () => {
  it('registers exactly one handler per call of the contract', async () => {
    const fake = await launch();
    expect([...fake.handlers.keys()].sort()).toEqual(CALL_NAMES.map(channelOf).sort());
  });

  it('answers only the main frame of the main window showing the app page', async () => {
    const fake = await launch();
    const page = onlyWindow(fake).webContents.mainFrame;
    const forbidden = { ok: false, error: { code: 'forbidden', message: expect.stringMatching(/not allowed/) } };
    expect(call(fake, 'register.info', { ...page, processId: page.processId + 1 }, {})).toEqual(forbidden);
    expect(call(fake, 'register.info', { ...page, routingId: page.routingId + 1 }, {})).toEqual(forbidden);
    expect(call(fake, 'register.info', { ...page, url: 'file:///tmp/other.html' }, {})).toEqual(forbidden);
    expect(call(fake, 'register.info', { ...page, url: 'https://evil.example/' }, {})).toEqual(forbidden);
    expect(call(fake, 'register.info', null, {})).toEqual(forbidden);
    expect(call(fake, 'register.info', { ...page, processId: 99 }, {}, 'nl')).toMatchObject({
      error: { code: 'forbidden', message: expect.stringMatching(/niet/) },
    });
  });

  it('runs the real services against the register in the user data folder', async () => {
    const fake = await launch();
    const page = onlyWindow(fake).webContents.mainFrame;
    expect(call(fake, 'register.info', page, {})).toMatchObject({
      ok: true,
      value: { path: path.join(folder, 'userData', 'register.db'), counts: { petitions: 0 } },
    });
    // A route in the hash is still the app's page.
    expect(call(fake, 'petitions.list', { ...page, url: `${page.url}#/petitions` }, {})).toEqual({
      ok: true,
      value: { rows: [], total: 0 },
    });
  });

  it('answers bad input with field sentences in the asked language, never a stack', async () => {
    const fake = await launch();
    const page = onlyWindow(fake).webContents.mainFrame;
    const english = call(fake, 'petitions.get', page, { id: -1 }, 'en');
    expect(english).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: translate('en', 'error.invalidInput'), fields: { id: expect.any(String) } },
    });
    expect(JSON.stringify(english)).not.toMatch(/\bat .*[\\/].*:\d+/);
    expect(call(fake, 'petitions.get', page, 'not an object', 'nl')).toMatchObject({
      error: { code: 'invalid_input', message: translate('nl', 'error.invalidInput') },
    });
    // A language the catalogue does not have falls back to English.
    expect(call(fake, 'petitions.get', page, { id: 0 }, 'fr')).toMatchObject({ error: { message: translate('en', 'error.invalidInput') } });
  });

  it('closes the register when the app quits', async () => {
    const fake = await launch();
    const page = onlyWindow(fake).webContents.mainFrame;
    fake.appEvents.emit('will-quit');
    // A call that still arrives ends with a sentence, not the generic internal error.
    expect(call(fake, 'register.info', page, {})).toEqual({ ok: false, error: { code: 'register_closed', message: translate('en', 'shell.error.registerClosed') } });
  });
});

describe('a register that cannot be opened', () => {
  it('is explained in a native dialog in the system language, and the app quits without a window', async () => {
    mkdirSync(path.join(folder, 'userData', 'register.db'));
    const fake = await launch({ locale: 'nl-NL' });
    const file = path.join(folder, 'userData', 'register.db');
    expect(fake.errorBoxes).toEqual([{ title: 'BoEx Register', content: translate('nl', 'error.register.directory', { path: file }) }]);
    expect(fake.exitCode).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });

  it('names a file that is not a register in English on any other system', async () => {
    const file = path.join(folder, 'userData', 'register.db');
    writeFileSync(file, 'minutes of the meeting of 3 March\n');
    const fake = await launch({ locale: 'de-DE' });
    expect(fake.errorBoxes).toEqual([{ title: 'BoEx Register', content: translate('en', 'error.register.notRegister', { path: file }) }]);
    expect(fake.errorBoxes[0]?.content).not.toMatch(/\n\s+at /);
    expect(fake.exitCode).toBe(1);
  });
});

describe('a second instance', () => {
  it('quits at once and leaves the register to the first', async () => {
    const fake = await launch({ singleInstance: false });
    expect(fake.calls).toContain('quit');
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });
});
