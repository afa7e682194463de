// The one window of the app: the built renderer, loaded from disk into a hardened, sandboxed page.
import { BrowserWindow } from 'electron';
import { hardenWebContents, secureWebPreferences } from './security';
import type { WindowState } from './window-state';

export interface WindowFiles {
  /** The bundled preload, dist-electron/preload.cjs. */
  preload: string;
  /** The built renderer, dist/renderer/index.html. */
  indexHtml: string;
}

export function createMainWindow(files: WindowFiles, state: WindowState | null = null): BrowserWindow {
  const window = new BrowserWindow({
    title: 'BoEx Register',
    width: 1280,
    height: 860,
    ...(state ? { x: state.x, y: state.y, width: state.width, height: state.height } : {}),
    minWidth: 960,
    minHeight: 600,
    // Shown once painted, so the person never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(files.preload),
  });
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => {
    // Maximizing an unshown window shows it on some systems: wait until the page is painted.
    if (state?.maximized) window.maximize();
    window.show();
  });
  showPage(window, files.indexHtml);
  return window;
}

/**
 * The app's page at a route (`/report`, `/meetings`), or its start page. A fresh load, so after
 * another register is opened nothing the page cached from the previous one is shown.
 */
export function showPage(window: BrowserWindow, indexHtml: string, route?: string): void {
  window.loadFile(indexHtml, route ? { hash: route } : {}).catch((error: unknown) => console.error(error));
}
