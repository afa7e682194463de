import { en, type MessageKey } from './en';
import { nl } from './nl';
import type { MessageParams } from '../errors';

export type { MessageKey };
export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];
export const catalogues: Record<Language, Record<MessageKey, string>> = { en, nl };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'nl';
}

/**
 * A catalogue sentence outside React (main process, bridge, CLI), with i18next's {{name}}
 * interpolation so the renderer and the main process read the same catalogue the same way.
 */
export function translate(lang: Language, key: MessageKey, params: MessageParams = {}): string {
  return catalogues[lang][key].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value !== 'object') return String(value);
    return 'key' in value ? translate(lang, value.key) : value[lang];
  });
}
