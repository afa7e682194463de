// The main process: opens the register, then wires the hardened session, the IPC handlers and the
// window. The decisions live in the modules it imports; this file only puts them in order.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { automaticBackup } from '../db/backup';
import { recordFault } from './services/faults';
import { openRegister, type Register } from '../db/register';
import { errorBody } from './services/dispatch';
import { registerIpc } from './ipc';
import { actorName, electronNativeBinding, languageOf, registerPathFrom } from './launch';
import { hardenSession } from './security';
import { createMainWindow } from './window';

// In the bundle this is dist-electron/, where the preload, the migrations and the native binding sit.
const bundleDir = path.dirname(fileURLToPath(import.meta.url));
let register: Register | null = null;
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
    register?.close();
    register = null;
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

function start(): void {
  const actor = actorName();
  const nativeBinding = electronNativeBinding(bundleDir);
  register = openRegister(registerPathFrom(process.argv, app.getPath('userData')), {
    actor,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  // A backup at every open (SQLite's online backup API; it does not hold up the window). Quitting
  // before it finishes abandons it, which is no fault.
  const opened = register;
  automaticBackup(opened, new Date()).catch((error: unknown) => {
    if (register === opened) recordFault(error);
  });
  hardenSession(session.defaultSession);
  const indexHtml = path.join(app.getAppPath(), 'dist', 'renderer', 'index.html');
  registerIpc({ register, actor, now: () => new Date() }, { window: () => mainWindow, indexHtml });
  mainWindow = createMainWindow({ preload: path.join(bundleDir, 'preload.cjs'), indexHtml });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}
