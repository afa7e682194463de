// Every call of the API contract as an IPC handler. Only the app's own page in the main window may
// call; its input is parsed and its errors turned into sentences by the same dispatch every
// transport uses.
import { pathToFileURL } from 'node:url';
import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { CALL_NAMES, channelOf, type CallResult } from '../shared/api';
import { isLanguage, translate } from '../shared/i18n';
import type { ServiceContext } from './services/context';
import { isAsyncCall, NOT_FOR_PAGES } from '../shared/letters';
import { dispatch, dispatchAsync } from './services/dispatch';

export interface TrustedRenderer {
  window(): BrowserWindow | null;
  /** The built renderer page; a frame showing anything else is not the app. */
  indexHtml: string;
}

/** Where each call gets its context: a snapshot of the register open when the call starts (RegisterSession). */
export interface CallContexts {
  snapshot(): ServiceContext;
  /** An awaited call, during which its register is not closed by opening another one. */
  run<T>(call: (ctx: ServiceContext) => Promise<T>): Promise<T>;
}

export function registerIpc(contexts: CallContexts, trusted: TrustedRenderer): void {
  const page = pathToFileURL(trusted.indexHtml).href;
  for (const name of CALL_NAMES) {
    ipcMain.handle(channelOf(name), (event, rawInput: unknown, rawLang: unknown): CallResult<unknown> | Promise<CallResult<unknown>> => {
      const lang = isLanguage(rawLang) ? rawLang : 'en';
      if (NOT_FOR_PAGES.includes(name) || !isTrustedFrame(event.senderFrame, trusted.window(), page)) {
        return { ok: false, error: { code: 'forbidden', message: translate(lang, 'error.forbidden') } };
      }
      // Rendering and signing a letter takes a moment: those calls answer with a promise, which IPC
      // awaits. Each call keeps the register open when it started, even if another is opened meanwhile.
      return isAsyncCall(name)
        ? contexts.run((ctx) => dispatchAsync(ctx, name, rawInput, lang))
        : dispatch(contexts.snapshot(), name, rawInput, lang);
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
