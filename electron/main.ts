// The main process: opens the register, then wires the hardened session, the IPC handlers, the
// window and its menu. The decisions live in the modules it imports; this file only puts them in order.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, screen, session, type BrowserWindow } from 'electron';
import { errorBody } from './services/dispatch';
import { registerIpc } from './ipc';
import { actorName, electronNativeBinding, languageOf } from './launch';
import { installMenu } from './menu';
import { messageBox, openOrOfferBackup } from './recovery-dialog';
import { RegisterSession } from './register-session';
import { hardenSession } from './security';
import { shellActions } from './shell-actions';
import { registerToOpen, rememberRegister } from './shell-state';
import { createMainWindow } from './window';
import { rememberWindowState, restoredWindowState } from './window-state';
import { AppError } from '../shared/errors';
import { translate, type Language } from '../shared/i18n';

// In the bundle this is dist-electron/, where the preload, the migrations and the native binding sit.
const bundleDir = path.dirname(fileURLToPath(import.meta.url));
let registerSession: RegisterSession | null = null;
let mainWindow: BrowserWindow | null = null;

app.enableSandbox();
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    registerSession?.close();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // A register that cannot be opened gets its sentence; anything else the generic one. Never a stack.
      dialog.showErrorBox('BoEx Register', errorBody(error, languageOf(app.getLocale())).message);
      app.exit(1);
    });
} else {
  // Two processes writing one register would be safe for SQLite but confusing for a person: the first window gets the focus.
  app.quit();
}

/**
 * The sentence for a register refused at start. The file system's own refusals (EACCES, EPERM,
 * ELOOP from looking at the file) are not a register's sentence yet: they get the "could not be
 * opened, check its permissions" one, which names the system's reason.
 */
function whyRefused(error: unknown, file: string, lang: Language): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof AppError || typeof code !== 'string' || code.startsWith('SQLITE')) return errorBody(error, lang).message;
  return translate(lang, 'error.register.unreadable', { path: file, reason: error instanceof Error ? error.message : code });
}

async function start(): Promise<void> {
  const lang = languageOf(app.getLocale());
  const userData = app.getPath('userData');
  const nativeBinding = electronNativeBinding(bundleDir);
  const registers = new RegisterSession({
    actor: actorName(),
    ...(nativeBinding ? { nativeBinding } : {}),
    remember: (file) => rememberRegister(userData, file),
  });
  registerSession = registers;
  const choice = registerToOpen(process.argv, userData);
  const recovery = { lang, decline: 'shell.button.quit', ...(nativeBinding ? { nativeBinding } : {}) } as const;
  let opened: boolean;
  try {
    opened = await openOrOfferBackup(registers, choice.path, recovery);
  } catch (error) {
    // The register used last is refused (newer version, not a register, damaged without a backup,
    // no permission): starting with the default register, and saying why, keeps the app usable. A
    // register named on the command line was asked for, so its refusal ends the start.
    if (!choice.fallback) throw error;
    opened = await openOrOfferBackup(registers, choice.fallback, recovery);
    if (opened) {
      await messageBox(null, {
        type: 'warning',
        title: 'BoEx Register',
        message: translate(lang, 'shell.lastRegisterRefused', { path: choice.path, fallback: registers.current?.path ?? choice.fallback }),
        detail: whyRefused(error, choice.path, lang),
        buttons: [translate(lang, 'shell.button.ok')],
      });
    }
  }
  if (!opened) {
    app.exit(0);
    return;
  }
  if (choice.lastRegisterGone) {
    await messageBox(null, {
      type: 'info',
      title: 'BoEx Register',
      message: translate(lang, 'shell.lastRegisterGone', { path: choice.lastRegisterGone, fallback: registers.current?.path ?? choice.path }),
      buttons: [translate(lang, 'shell.button.ok')],
    });
  }
  hardenSession(session.defaultSession);
  const indexHtml = path.join(app.getAppPath(), 'dist', 'renderer', 'index.html');
  registerIpc(registers, { window: () => mainWindow, indexHtml });
  installMenu(lang, shellActions({ session: registers, lang, window: () => mainWindow, indexHtml, ...(nativeBinding ? { nativeBinding } : {}) }), {
    devTools: !app.isPackaged,
    mac: process.platform === 'darwin',
  });
  // The primary display first: a window whose place is out of reach is centred on it.
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map((display) => display.workArea);
  mainWindow = createMainWindow({ preload: path.join(bundleDir, 'preload.cjs'), indexHtml }, restoredWindowState(userData, workAreas));
  rememberWindowState(mainWindow, userData);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}
