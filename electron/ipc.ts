// Every call of the API contract as an IPC handler. Only the app's own page in the main window may
// call; its input is parsed and its errors turned into sentences by the same dispatch every
// transport uses.
import { pathToFileURL } from 'node:url';
import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { CALL_NAMES, channelOf, type CallResult } from '../shared/api';
import { isLanguage, type Language } from '../shared/i18n';
import type { ServiceContext } from './services/context';
import { dispatch } from './services/dispatch';

export interface TrustedRenderer {
  window(): BrowserWindow | null;
  /** The built renderer page; a frame showing anything else is not the app. */
  indexHtml: string;
}

// Belongs in the shared catalogue as 'error.forbidden'; kept here until it is added there.
const FORBIDDEN: Record<Language, string> = {
  en: 'This page is not allowed to use the register. Close it and work in the BoEx Register window.',
  nl: 'Deze pagina mag het register niet gebruiken. Sluit haar en werk in het venster van BoEx Register.',
};

export function registerIpc(ctx: ServiceContext, trusted: TrustedRenderer): void {
  const page = pathToFileURL(trusted.indexHtml).href;
  for (const name of CALL_NAMES) {
    ipcMain.handle(channelOf(name), (event, rawInput: unknown, rawLang: unknown): CallResult<unknown> => {
      const lang = isLanguage(rawLang) ? rawLang : 'en';
      if (!isTrustedFrame(event.senderFrame, trusted.window(), page)) {
        return { ok: false, error: { code: 'forbidden', message: FORBIDDEN[lang] } };
      }
      return dispatch(ctx, name, rawInput, lang);
    });
  }
}

/** The main frame of our window (not a subframe, not another window) showing our page; the route in the hash may vary. */
function isTrustedFrame(frame: WebFrameMain | null, window: BrowserWindow | null, page: string): boolean {
  if (!frame || !window || window.isDestroyed()) return false;
  const main = window.webContents.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return frame.url.split('#')[0] === page;
}
