// The one window of the app: the built renderer, loaded from disk into a hardened, sandboxed page.
import { BrowserWindow } from 'electron';
import { hardenWebContents, secureWebPreferences } from './security';

export interface WindowFiles {
  /** The bundled preload, dist-electron/preload.cjs. */
  preload: string;
  /** The built renderer, dist/renderer/index.html. */
  indexHtml: string;
}

export function createMainWindow(files: WindowFiles): BrowserWindow {
  const window = new BrowserWindow({
    title: 'BoEx Register',
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    // Shown once painted, so the person never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(files.preload),
  });
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.loadFile(files.indexHtml).catch((error: unknown) => console.error(error));
  return window;
}
