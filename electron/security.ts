// Electron's security checklist in one place, so main.ts only wires it and a test can hold it to
// the checklist: isolated sandboxed renderers, a strict CSP, no remote content, no navigation, no
// new windows, no permissions.
import { shell, type Session, type WebContents, type WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';


/** The only sites a link may open, in the person's own browser: the university's (regulations, course pages). */
const EXTERNAL_HOSTS = ['leidenuniv.nl', 'universiteitleiden.nl'];

export function isVettedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return false;
  return EXTERNAL_HOSTS.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
}

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // On Windows and Linux the spellchecker fetches its dictionaries from Google; the app stays offline.
    spellcheck: false,
  };
}

/** The app's pages come from disk: every request to the network is cancelled, every permission refused. */
export function hardenSession(session: Session): void {
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) => {
    callback({ cancel: true });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The window never leaves the app's page; a vetted university link opens in the person's browser instead. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openIfVetted(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openIfVetted(url);
    return { action: 'deny' };
  });
}

function openIfVetted(url: string): void {
  if (!isVettedExternalUrl(url)) return;
  shell.openExternal(url).catch((error: unknown) => console.error(error));
}
