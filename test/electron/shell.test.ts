// The desktop shell around the register, wired against a stand-in for 'electron' (the binary cannot
// be downloaded here) with real register files behind it: the menu, registers and backups chosen in
// native dialogs, the register used last, a damaged register at start, and the window's place.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openRegister } from '../../db/register';
import { dispatch } from '../../electron/services/dispatch';
import { pruneBackups } from '../../db/backup';
import { shellStateFile } from '../../electron/shell-state';
import { placeWindow, titleBarReachable } from '../../electron/window-state';
import { channelOf, type CallName } from '../../shared/api';
import { translate } from '../../shared/i18n';
import { damagedRegisterWithBackups, damagePetitionsPage } from '../support/damaged-register';
import { decisionForm, itemOf, newPetition, ok, onBoexAgenda } from '../support/meetings';
import { folderState, petitionForm } from '../support/register';
import { FakeElectron, type FakeBrowserWindow, type FakeMenuItem, type Rect } from './fake-electron';

let folder: string;
let userData: string;
let electron: FakeElectron | undefined;

beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'boex-shell-'));
  userData = path.join(folder, 'userData');
  mkdirSync(userData);
});

afterEach(() => {
  electron?.appEvents.emit('will-quit');
  electron = undefined;
  rmSync(folder, { recursive: true, force: true });
});

interface LaunchOptions {
  locale?: string;
  isPackaged?: boolean;
  displays?: Rect[];
  /** What the person will answer in the message boxes shown at start. */
  messageBoxAnswers?: number[];
}

async function launch(options: LaunchOptions = {}): Promise<FakeElectron> {
  // The previous launch of the same test quits first, as a person closes the app before starting it again.
  electron?.appEvents.emit('will-quit');
  const { messageBoxAnswers = [], ...rest } = options;
  const fake = new FakeElectron({ userData, appPath: path.join(folder, 'app'), ...rest });
  fake.messageBoxAnswers.push(...messageBoxAnswers);
  electron = fake;
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
  await import('../../electron/main');
  await fake.becomeReady();
  return fake;
}

function onlyWindow(fake: FakeElectron): FakeBrowserWindow {
  expect(fake.windows).toHaveLength(1);
  const [window] = fake.windows;
  if (!window) throw new Error('no window');
  return window;
}

/** A call from the app's own page, as the preload makes it. */
function call(fake: FakeElectron, name: CallName, input: unknown = {}): { ok: boolean; value?: unknown; error?: { code: string; message: string } } {
  const handler = fake.handlers.get(channelOf(name)) as (event: unknown, input: unknown, lang: unknown) => unknown;
  return handler({ senderFrame: onlyWindow(fake).webContents.mainFrame }, input, 'en') as never;
}

const registerInfo = (fake: FakeElectron) => call(fake, 'register.info').value as { path: string; counts: { petitions: number } };

function menuItem(fake: FakeElectron, ...labels: string[]): FakeMenuItem {
  let items = fake.menu ?? [];
  let found: FakeMenuItem | undefined;
  for (const label of labels) {
    found = items.find((item) => item.label === label);
    if (!found) throw new Error(`no menu item ${labels.join(' › ')}: ${items.map((i) => i.label).join(', ')}`);
    items = found.submenu ?? [];
  }
  if (!found) throw new Error('no labels');
  return found;
}

async function click(fake: FakeElectron, ...labels: string[]): Promise<void> {
  await menuItem(fake, ...labels).click?.();
}

/** A register elsewhere on the disk with `petitions` petitions in it. */
function registerWith(file: string, petitions: number): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const register = openRegister(file, { actor: 'secretary' });
  const ctx = { register, actor: 'secretary', now: () => new Date('2026-11-01T10:00:00Z') };
  for (let n = 0; n < petitions; n++) expect(dispatch(ctx, 'petitions.create', petitionForm({ studentNumber: `s${4000000 + n}` }), 'en').ok).toBe(true);
  register.close();
  return file;
}

const defaultRegister = () => path.join(userData, 'register.db');

describe('the application menu', () => {
  it('has File, View and Help with the register and backup items; the packaged app has no developer tools', async () => {
    const fake = await launch({ isPackaged: true });
    expect(fake.menu?.map((m) => m.label)).toEqual(['File', 'View', 'Help']);
    expect(menuItem(fake, 'File').submenu?.filter((i) => i.label).map((i) => i.label)).toEqual([
      'New register…',
      'Open register…',
      'Back up now…',
      'Restore from backup…',
      'Export',
      'Quit',
    ]);
    expect(menuItem(fake, 'View').submenu?.filter((i) => i.role).map((i) => i.role)).toEqual(['reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']);
    expect(menuItem(fake, 'Help').submenu?.map((i) => i.label)).toEqual(['About BoEx Register', 'Open data folder']);

    const fromSource = await launch({ isPackaged: false });
    expect(menuItem(fromSource, 'View').submenu?.map((i) => i.role)).toContain('toggleDevTools');
  });

  it('starts with the standard app menu on macOS, where the first menu carries the app’s name', async () => {
    const fake = await launch();
    const { menuTemplate } = await import('../../electron/menu');
    const actions = { newRegister: vi.fn(), openRegister: vi.fn(), backUpNow: vi.fn(), restoreFromBackup: vi.fn(), showRoute: vi.fn(), about: vi.fn(), openDataFolder: vi.fn() };
    expect(menuTemplate('en', actions, { devTools: false, mac: true }).map((m) => m.role ?? m.label)).toEqual(['appMenu', 'File', 'View', 'Help']);
    expect(fake.menu?.map((m) => m.role ?? m.label)).toEqual(process.platform === 'darwin' ? ['appMenu', 'File', 'View', 'Help'] : ['File', 'View', 'Help']);
  });

  it('speaks Dutch on a Dutch system', async () => {
    const fake = await launch({ locale: 'nl-NL' });
    expect(fake.menu?.map((m) => m.label)).toEqual(['Bestand', 'Beeld', 'Help']);
    expect(menuItem(fake, 'Bestand', 'Register openen…')).toBeDefined();
    expect(menuItem(fake, 'Bestand', 'Exporteren', 'Jaarverslag')).toBeDefined();
  });

  it('leads each export to the page it is made from, which is still the trusted app page', async () => {
    const fake = await launch();
    const window = onlyWindow(fake);
    await click(fake, 'File', 'Export', 'Yearly report');
    await click(fake, 'File', 'Export', 'uSis CSV');
    await click(fake, 'File', 'Export', 'Decision list (meetings)');
    expect(window.loads).toEqual(['', '/report', '/usis', '/meetings']);
    expect(window.webContents.mainFrame.url).toMatch(/index\.html#\/meetings$/);
    expect(call(fake, 'register.info').ok).toBe(true);
  });

  it('About names the version and the register; Open data folder opens the register’s folder', async () => {
    const fake = await launch();
    await click(fake, 'Help', 'About BoEx Register');
    expect(fake.messageBoxes.at(-1)).toMatchObject({ message: 'BoEx Register 1.2.3', detail: translate('en', 'shell.about.detail', { version: '1.2.3', path: defaultRegister() }) });
    await click(fake, 'Help', 'Open data folder');
    expect(fake.openedPaths).toEqual([userData]);
  });

  it('Open data folder that fails says so in a message box, in the person’s language', async () => {
    const fake = await launch({ locale: 'nl-NL' });
    fake.openPathProblem = 'No application is registered for folders';
    await click(fake, 'Help', 'Gegevensmap openen');
    expect(fake.messageBoxes.at(-1)?.message).toBe(translate('nl', 'shell.dataFolder.failed', { path: userData, reason: 'No application is registered for folders' }));
    expect(fake.errorBoxes).toEqual([]);
  });
});

describe('registers chosen in native dialogs', () => {
  it('opens another register, closes the current one cleanly, reloads the window, and opens it again at the next start', async () => {
    const other = registerWith(path.join(folder, 'board', '2027.db'), 2);
    const fake = await launch();
    const window = onlyWindow(fake);
    expect(registerInfo(fake).path).toBe(defaultRegister());

    fake.openDialogAnswers.push(other);
    await click(fake, 'File', 'Open register…');
    expect(fake.openDialogs[0]).toMatchObject({ properties: ['openFile'], defaultPath: userData, filters: [{ extensions: ['db'] }] });
    expect(registerInfo(fake)).toMatchObject({ path: other, counts: { petitions: 2 } });
    expect(window.loads).toEqual(['', '']);
    // Closed cleanly: the last connection to a WAL register folds its log back and removes it.
    await vi.waitFor(() => expect(existsSync(`${defaultRegister()}-wal`)).toBe(false));

    const again = await launch();
    expect(registerInfo(again)).toMatchObject({ path: other, counts: { petitions: 2 } });
    expect(again.messageBoxes).toEqual([]);
  });

  it('a dialog cancelled changes nothing', async () => {
    const fake = await launch();
    await click(fake, 'File', 'Open register…');
    await click(fake, 'File', 'New register…');
    expect(registerInfo(fake).path).toBe(defaultRegister());
    expect(onlyWindow(fake).loads).toEqual(['']);
  });

  it('creates a new register under the name chosen in a save dialog', async () => {
    const fake = await launch();
    const chosen = path.join(folder, 'new', 'board-2028.db');
    mkdirSync(path.dirname(chosen));
    fake.saveDialogAnswers.push(chosen);
    await click(fake, 'File', 'New register…');
    expect(registerInfo(fake)).toMatchObject({ path: chosen, counts: { petitions: 0 } });
  });

  it('refuses a file that is not a register with a sentence, and keeps the current register open', async () => {
    const notes = path.join(folder, 'minutes.db');
    writeFileSync(notes, 'minutes of the meeting of 3 March\n');
    const fake = await launch();
    fake.openDialogAnswers.push(notes);
    await click(fake, 'File', 'Open register…');
    expect(fake.errorBoxes).toEqual([{ title: 'BoEx Register', content: translate('en', 'error.register.notRegister', { path: notes }) }]);
    expect(registerInfo(fake).path).toBe(defaultRegister());
    expect(readFileSync(notes, 'utf8')).toBe('minutes of the meeting of 3 March\n');
  });

  it('opens the default register, and says so, when the register used last is gone', async () => {
    const other = registerWith(path.join(folder, 'usb-stick', 'register.db'), 1);
    const fake = await launch();
    fake.openDialogAnswers.push(other);
    await click(fake, 'File', 'Open register…');
    rmSync(path.dirname(other), { recursive: true });

    const again = await launch({ locale: 'nl-NL' });
    expect(registerInfo(again).path).toBe(defaultRegister());
    expect(again.messageBoxes).toEqual([
      expect.objectContaining({ message: translate('nl', 'shell.lastRegisterGone', { path: other, fallback: defaultRegister() }) }),
    ]);
  });
});

describe('a register used last that is there but refused', () => {
  it('opens the default register and says which file was refused and why; the file is left as it was', async () => {
    const notes = path.join(folder, 'minutes.db');
    writeFileSync(notes, 'minutes of the meeting of 3 March\n');
    writeFileSync(shellStateFile(userData), JSON.stringify({ lastRegister: notes }));
    const fake = await launch();
    expect(fake.exitCode).toBeNull();
    expect(fake.errorBoxes).toEqual([]);
    expect(registerInfo(fake).path).toBe(defaultRegister());
    expect(fake.messageBoxes).toEqual([
      expect.objectContaining({
        message: translate('en', 'shell.lastRegisterRefused', { path: notes, fallback: defaultRegister() }),
        detail: translate('en', 'error.register.notRegister', { path: notes }),
      }),
    ]);
    expect(readFileSync(notes, 'utf8')).toBe('minutes of the meeting of 3 March\n');

    // The next start opens the default register without a word: the refused file is no longer remembered.
    const again = await launch();
    expect(registerInfo(again).path).toBe(defaultRegister());
    expect(again.messageBoxes).toEqual([]);
  });

  it('a damaged register used last, with no backup to offer, is left byte for byte as it was', async () => {
    const damaged = registerWith(path.join(folder, 'board', 'register.db'), 2);
    damagePetitionsPage(damaged);
    const bytes = readFileSync(damaged);
    writeFileSync(shellStateFile(userData), JSON.stringify({ lastRegister: damaged }));
    const fake = await launch();
    expect(registerInfo(fake).path).toBe(defaultRegister());
    expect(fake.messageBoxes).toEqual([
      expect.objectContaining({
        message: translate('en', 'shell.lastRegisterRefused', { path: damaged, fallback: defaultRegister() }),
        detail: translate('en', 'error.register.corrupt', { path: damaged }),
      }),
    ]);
    expect(readFileSync(damaged).equals(bytes)).toBe(true);
  });

  it('a register used last that cannot even be looked at (here a link to itself: ELOOP) is explained with the system’s reason', async () => {
    const loop = path.join(folder, 'loop.db');
    symlinkSync(loop, loop);
    writeFileSync(shellStateFile(userData), JSON.stringify({ lastRegister: loop }));
    const fake = await launch();
    expect(registerInfo(fake).path).toBe(defaultRegister());
    expect(fake.messageBoxes[0]?.message).toBe(translate('en', 'shell.lastRegisterRefused', { path: loop, fallback: defaultRegister() }));
    expect(fake.messageBoxes[0]?.detail).toMatch(/^The register .*loop\.db could not be opened: ELOOP.*Check the path and its permissions\.$/);
  });

  it('a folder where the register used last was is explained the same way, in Dutch on a Dutch system', async () => {
    const gone = path.join(folder, 'board.db');
    mkdirSync(gone);
    writeFileSync(shellStateFile(userData), JSON.stringify({ lastRegister: gone }));
    const fake = await launch({ locale: 'nl-NL' });
    expect(registerInfo(fake).path).toBe(defaultRegister());
    expect(fake.messageBoxes[0]).toMatchObject({
      message: translate('nl', 'shell.lastRegisterRefused', { path: gone, fallback: defaultRegister() }),
      detail: translate('nl', 'error.register.directory', { path: gone }),
    });
  });

  it('a register named on the command line is not swapped for another: its refusal ends the start', async () => {
    const notes = path.join(folder, 'minutes.db');
    writeFileSync(notes, 'minutes\n');
    process.argv.push(`--register=${notes}`);
    try {
      const fake = await launch();
      expect(fake.errorBoxes).toEqual([{ title: 'BoEx Register', content: translate('en', 'error.register.notRegister', { path: notes }) }]);
      expect(fake.exitCode).toBe(1);
      expect(existsSync(defaultRegister())).toBe(false);
    } finally {
      process.argv.pop();
    }
  });
});

describe('backups from the File menu', () => {
  it('Back up now writes a consistent copy where the person chooses, offering the backups folder', async () => {
    const fake = await launch();
    expect(call(fake, 'petitions.create', petitionForm()).ok).toBe(true);
    const target = path.join(folder, 'copies', 'before-the-meeting.db');
    fake.saveDialogAnswers.push(target);
    await click(fake, 'File', 'Back up now…');
    expect(String(fake.saveDialogs[0]?.defaultPath)).toMatch(new RegExp(`register-backups[\\\\/]register-manual-\\d{8}-\\d{6}\\.db$`));
    expect(fake.messageBoxes.at(-1)?.message).toBe(translate('en', 'shell.backup.done', { path: target }));
    const copy = openRegister(target, { mustExist: true });
    try {
      expect((copy.sqlite.prepare('SELECT count(*) AS n FROM petitions').get() as { n: number }).n).toBe(1);
    } finally {
      copy.close();
    }
  });

  it('a backup made with Back up now under the name offered outlives the automatic rotation, and can be restored', async () => {
    const fake = await launch();
    expect(call(fake, 'petitions.create', petitionForm()).ok).toBe(true);
    await click(fake, 'File', 'Back up now…'); // cancelled: only to read the name offered
    const offered = String(fake.saveDialogs[0]?.defaultPath);
    fake.saveDialogAnswers.push(offered);
    await click(fake, 'File', 'Back up now…');
    expect(existsSync(offered)).toBe(true);

    // Twelve more automatic backups, from the same month: the rotation keeps the last ten of them.
    const backups = path.dirname(offered);
    const automatic = Array.from({ length: 12 }, (_, n) => `register-20261130-0100${String(n).padStart(2, '0')}.db`);
    for (const name of automatic) writeFileSync(path.join(backups, name), '');
    const removed = pruneBackups(backups, 'register', new Date('2026-11-30T12:00:00Z'));
    expect(removed.length).toBeGreaterThanOrEqual(2);
    expect(removed.every((name) => automatic.includes(name) || /^register-\d{8}-\d{6}\.db$/.test(name))).toBe(true);
    expect(existsSync(offered)).toBe(true);

    expect(call(fake, 'petitions.create', petitionForm({ studentNumber: 's7654321' })).ok).toBe(true);
    fake.openDialogAnswers.push(offered);
    fake.messageBoxAnswers.push(0, 0);
    await click(fake, 'File', 'Restore from backup…');
    expect(fake.errorBoxes).toEqual([]);
    expect(registerInfo(fake).counts.petitions).toBe(1);
  });

  it('Restore from backup asks first, puts the backup in place, keeps the replaced register, and reloads', async () => {
    const fake = await launch();
    const window = onlyWindow(fake);
    expect(call(fake, 'petitions.create', petitionForm()).ok).toBe(true);
    const backup = path.join(folder, 'one-petition.db');
    fake.saveDialogAnswers.push(backup);
    await click(fake, 'File', 'Back up now…');
    expect(call(fake, 'petitions.create', petitionForm({ studentNumber: 's7654321' })).ok).toBe(true);

    // Cancelled at the question: nothing changes.
    fake.openDialogAnswers.push(backup);
    fake.messageBoxAnswers.push(1);
    await click(fake, 'File', 'Restore from backup…');
    expect(registerInfo(fake).counts.petitions).toBe(2);

    fake.openDialogAnswers.push(backup);
    fake.messageBoxAnswers.push(0, 0);
    await click(fake, 'File', 'Restore from backup…');
    expect(fake.openDialogs.at(-1)).toMatchObject({ defaultPath: path.join(userData, 'register-backups') });
    expect(registerInfo(fake)).toMatchObject({ path: defaultRegister(), counts: { petitions: 1 } });
    const kept = readdirSync(userData).filter((name) => /^register\.db\.replaced-\d{8}-\d{6}$/.test(name));
    expect(kept).toHaveLength(1);
    expect(fake.messageBoxes.at(-1)?.message).toBe(translate('en', 'shell.restore.done', { backup, kept: path.join(userData, kept[0] ?? '') }));
    expect(window.loads).toEqual(['', '']);
  });

  it('a backup that is not a register is refused with a sentence, and the register stays as it was', async () => {
    const fake = await launch();
    expect(call(fake, 'petitions.create', petitionForm()).ok).toBe(true);
    const bogus = path.join(folder, 'bogus.db');
    writeFileSync(bogus, 'not a backup');
    fake.openDialogAnswers.push(bogus);
    fake.messageBoxAnswers.push(0);
    await click(fake, 'File', 'Restore from backup…');
    expect(fake.errorBoxes.at(-1)?.content).toBe(translate('en', 'error.register.notRegister', { path: bogus }));
    expect(registerInfo(fake).counts.petitions).toBe(1);
    expect(readdirSync(userData).some((name) => name.includes('.replaced-'))).toBe(false);
  });
});

/** A register at `file` with one decision whose letter can be exported; its id. */
function registerWithDecision(file: string): number {
  mkdirSync(path.dirname(file), { recursive: true });
  const register = openRegister(file, { actor: 'secretary' });
  const t = { dir: path.dirname(file), file, register, ctx: { register, actor: 'secretary', now: () => new Date('2026-11-01T10:00:00Z') } };
  try {
    const petitionId = newPetition(t);
    const boex = onBoexAgenda(t, [{ id: petitionId }]);
    return ok(t, 'decisions.record', decisionForm(itemOf(boex, petitionId).id)).id;
  } finally {
    register.close();
  }
}

/** The letter columns of a decision and the letter audit rows, read from the file after the app is done with it. */
function lettersIn(file: string, decisionId: number) {
  const register = openRegister(file, { mustExist: true });
  try {
    return {
      decision: register.sqlite.prepare('SELECT letter_issued_at AS issuedAt FROM decisions WHERE id = ?').get(decisionId) as { issuedAt: string | null } | undefined,
      audited: (register.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'letter.%'").get() as { n: number }).n,
    };
  } finally {
    register.close();
  }
}

/** An awaited call from the app's page: the promise the IPC handler answers with. */
function callAsync(fake: FakeElectron, name: CallName, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return call(fake, name, input) as never;
}

describe('another register opened while a letter is being exported', () => {
  vi.setConfig({ testTimeout: 120_000 });

  it('the export finishes in the register it started in; that register is closed once it is done', async () => {
    const first = path.join(folder, 'board', '2026.db');
    const decisionId = registerWithDecision(first);
    const other = registerWith(path.join(folder, 'board', '2027.db'), 1);
    writeFileSync(shellStateFile(userData), JSON.stringify({ lastRegister: first }));
    const fake = await launch();
    expect(registerInfo(fake).path).toBe(first);

    const exporting = callAsync(fake, 'letters.export', { decisionId });
    fake.openDialogAnswers.push(other);
    await click(fake, 'File', 'Open register…');
    expect(registerInfo(fake).path).toBe(other);
    // Still rendering: the register it started in is kept open for it.
    expect(existsSync(`${first}-wal`)).toBe(true);

    const result = await exporting;
    expect(result, JSON.stringify(result.error)).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(existsSync(`${first}-wal`)).toBe(false));
    expect(lettersIn(first, decisionId)).toMatchObject({ decision: { issuedAt: expect.any(String) }, audited: 1 });
    fake.appEvents.emit('will-quit');
    expect(lettersIn(other, decisionId)).toEqual({ decision: undefined, audited: 0 });
  });

  it('a backup restored meanwhile ends the export with a sentence, and nothing of it is written', async () => {
    const first = path.join(folder, 'board', '2026.db');
    const decisionId = registerWithDecision(first);
    writeFileSync(shellStateFile(userData), JSON.stringify({ lastRegister: first }));
    const fake = await launch();
    const backup = path.join(folder, 'before.db');
    fake.saveDialogAnswers.push(backup);
    await click(fake, 'File', 'Back up now…');

    const exporting = callAsync(fake, 'letters.export', { decisionId });
    fake.openDialogAnswers.push(backup);
    fake.messageBoxAnswers.push(0, 0);
    await click(fake, 'File', 'Restore from backup…');
    expect(fake.errorBoxes).toEqual([]);

    const result = await exporting;
    expect(result).toEqual({ ok: false, error: { code: 'register_closed', message: translate('en', 'shell.error.registerClosed') } });
    fake.appEvents.emit('will-quit');
    expect(lettersIn(first, decisionId)).toEqual({ decision: { issuedAt: null }, audited: 0 });
  });
});

describe('a register that fails its integrity check at start', () => {
  it('is offered the newest good backup; restoring keeps the damaged file aside and opens the app', async () => {
    const { file, good } = await damagedRegisterWithBackups(defaultRegister());
    const damagedBytes = readFileSync(file);
    const fake = await launch({ messageBoxAnswers: [0, 0] });
    expect(fake.messageBoxes[0]).toMatchObject({
      type: 'warning',
      message: translate('en', 'shell.recovery.message', { path: file }),
      detail: translate('en', 'shell.recovery.detail', { backup: good }),
      buttons: ['Restore', 'Quit'],
    });
    // The good backup held two petitions (the newest backup, with three, was damaged).
    expect(registerInfo(fake)).toMatchObject({ path: file, counts: { petitions: 2 } });
    const kept = readdirSync(userData).filter((name) => name.startsWith('register.db.replaced-'));
    expect(kept, JSON.stringify(readdirSync(userData))).toHaveLength(1);
    expect(readFileSync(path.join(userData, kept[0] ?? '')).equals(damagedBytes)).toBe(true);
    expect(fake.messageBoxes[1]?.message).toBe(translate('en', 'shell.restore.done', { backup: good, kept: path.join(userData, kept[0] ?? '') }));
  });

  it('chosen from File › Open register…, is offered its backup too; cancelling keeps the current register open', async () => {
    const { file, good } = await damagedRegisterWithBackups(path.join(folder, 'board', 'register.db'));
    const damagedBytes = readFileSync(file);
    const fake = await launch();
    fake.openDialogAnswers.push(file, file);
    fake.messageBoxAnswers.push(1);
    await click(fake, 'File', 'Open register…');
    expect(fake.messageBoxes.at(-1)).toMatchObject({ detail: translate('en', 'shell.recovery.detail', { backup: good }), buttons: ['Restore', 'Cancel'] });
    expect(registerInfo(fake).path).toBe(defaultRegister());
    expect(readFileSync(file).equals(damagedBytes)).toBe(true);

    fake.messageBoxAnswers.push(0, 0);
    await click(fake, 'File', 'Open register…');
    expect(registerInfo(fake)).toMatchObject({ path: file, counts: { petitions: 2 } });
    expect(onlyWindow(fake).loads).toEqual(['', '']);
  });

  it('quitting instead leaves the damaged register and its backups exactly as they were, with no window', async () => {
    await damagedRegisterWithBackups(defaultRegister());
    const before = folderState(userData);
    const fake = await launch({ locale: 'nl-NL', messageBoxAnswers: [1] });
    expect(fake.messageBoxes[0]?.buttons).toEqual(['Terugzetten', 'Afsluiten']);
    expect(fake.exitCode).toBe(0);
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
    expect(folderState(userData)).toEqual(before);
  });
});

describe('the window’s place', () => {
  const displays = [
    { x: 0, y: 0, width: 1920, height: 1040 },
    { x: 1920, y: 0, width: 1280, height: 1024 },
  ];
  it.each([
    ['inside the display', { x: 100, y: 50, width: 1000, height: 700 }, true],
    ['filling the work area', { x: 0, y: 0, width: 1920, height: 1040 }, true],
    ['on a second display to the right', { x: 2000, y: 0, width: 1000, height: 700 }, true],
    ['spanning both displays', { x: 1500, y: 50, width: 1000, height: 700 }, true],
    ['half off the right of the last display', { x: 2800, y: 50, width: 1000, height: 700 }, true],
    ['larger than the display', { x: 0, y: 0, width: 2000, height: 700 }, true],
    ['the body off the bottom, the title bar on screen', { x: 100, y: 1000, width: 1000, height: 700 }, true],
    ['above the display, the title bar out of reach', { x: 100, y: -400, width: 1000, height: 700 }, false],
    ['only a sliver of the title bar on screen', { x: -990, y: 100, width: 1000, height: 700 }, false],
    ['on a display no longer connected', { x: 3400, y: 100, width: 1000, height: 700 }, false],
    ['below every display', { x: 100, y: 1100, width: 1000, height: 700 }, false],
  ])('%s: %j title bar reachable → %s', (_what, bounds, reachable) => {
    expect(titleBarReachable(bounds, displays)).toBe(reachable);
  });

  it('keeps the size (at most the largest display) and the place when reachable; else centres on the primary display', () => {
    const across = { x: 1500, y: 50, width: 1000, height: 700, maximized: false };
    expect(placeWindow(across, displays)).toEqual(across);
    expect(placeWindow({ x: 0, y: 0, width: 4000, height: 2000, maximized: true }, displays)).toEqual({ x: 0, y: 0, width: 1920, height: 1040, maximized: true });
    expect(placeWindow({ x: 3400, y: 100, width: 1000, height: 700, maximized: false }, displays)).toEqual({ x: 460, y: 170, width: 1000, height: 700, maximized: false });
    // A primary display smaller than the window: centred on the largest, where it fits.
    expect(placeWindow({ x: 5000, y: 0, width: 1600, height: 900, maximized: false }, [{ x: 0, y: 0, width: 1366, height: 728 }, { x: 1366, y: 0, width: 1920, height: 1040 }])).toEqual({
      x: 1526,
      y: 70,
      width: 1600,
      height: 900,
      maximized: false,
    });
    expect(placeWindow(across, [])).toBeNull();
  });

  it('is saved when the window closes and restored at the next start, maximized too', async () => {
    const fake = await launch();
    const window = onlyWindow(fake);
    window.normalBounds = { x: 100, y: 50, width: 1000, height: 700 };
    window.maximized = true;
    window.emit('close');

    const again = await launch();
    const reopened = onlyWindow(again);
    expect(reopened.options).toMatchObject({ x: 100, y: 50, width: 1000, height: 700 });
    expect(reopened.maximized).toBe(false);
    reopened.emit('ready-to-show');
    expect(reopened.maximized).toBe(true);
    expect(reopened.shown).toBe(true);
  });

  it('is saved once a move or resize has settled', async () => {
    const fake = await launch();
    const window = onlyWindow(fake);
    window.normalBounds = { x: 10, y: 20, width: 1100, height: 800 };
    window.emit('resize');
    window.emit('move');
    const file = path.join(userData, 'window-state.json');
    expect(existsSync(file)).toBe(false);
    await vi.waitFor(() => expect(existsSync(file)).toBe(true), { timeout: 3000 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 10, y: 20, width: 1100, height: 800, maximized: false });
  });

  it('keeps its size but is centred when the remembered place is on a display no longer connected', async () => {
    const fake = await launch({ displays: [{ x: 0, y: 0, width: 1920, height: 1040 }, { x: 1920, y: 0, width: 1920, height: 1040 }] });
    const window = onlyWindow(fake);
    window.normalBounds = { x: 2200, y: 100, width: 1200, height: 800 };
    window.emit('close');

    // The laptop, undocked: only its own screen, lower than the window was.
    const undocked = onlyWindow(await launch({ displays: [{ x: 0, y: 0, width: 1366, height: 728 }] }));
    expect(undocked.options).toMatchObject({ x: 83, y: 0, width: 1200, height: 728 });
    // A mangled file is no reason not to start.
    writeFileSync(path.join(userData, 'window-state.json'), '{"x": "left"');
    expect(onlyWindow(await launch()).options.x).toBeUndefined();
  });

  it('spanning two displays, or partly off screen, opens again where it was', async () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1040 }, { x: 1920, y: 0, width: 1280, height: 1024 }];
    const fake = await launch({ displays });
    const window = onlyWindow(fake);
    window.normalBounds = { x: 1500, y: 60, width: 1100, height: 800 };
    window.emit('close');
    expect(onlyWindow(await launch({ displays })).options).toMatchObject({ x: 1500, y: 60, width: 1100, height: 800 });
  });
});
