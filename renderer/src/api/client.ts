// The renderer's only way to the register. In Electron it calls the preload's `window.boex`;
// in a browser (preview, end-to-end tests) it posts to the loopback bridge with the token the
// preview printed. Either way a failure arrives as an ApiError carrying a sentence.
import type { CallInput, CallName, CallOutput, CallResult, PreloadApi } from '../../../shared/api';
import { LANGUAGE_HEADER } from '../../../shared/csp';
import type { ApiErrorBody } from '../../../shared/errors';
import type { Language } from '../../../shared/i18n';
import { i18n, currentLanguage } from '../i18n';

declare global {
  interface Window {
    boex?: PreloadApi;
  }
}

export class ApiError extends Error {
  readonly code: string;
  readonly fields: Record<string, string>;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.code = body.code;
    this.fields = body.fields ?? {};
  }
}

/** The token arrives once in the address; it is kept for the tab and taken out of the address bar. */
const token = (() => {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('boex.token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url);
  }
  return sessionStorage.getItem('boex.token') ?? '';
})();

export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const lang = currentLanguage();
  const result = window.boex ? await window.boex[name](input, lang) : await viaBridge<N>(name, input, lang);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

async function viaBridge<N extends CallName>(name: N, input: CallInput<N>, lang: Language): Promise<CallResult<CallOutput<N>>> {
  try {
    const response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, [LANGUAGE_HEADER]: lang },
      body: JSON.stringify(input),
    });
    return (await response.json()) as CallResult<CallOutput<N>>;
  } catch {
    return { ok: false, error: { code: 'unreachable', message: i18n.t('error.unreachable') } };
  }
}
