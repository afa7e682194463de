import type { MessageKey } from './i18n';

/**
 * Values a message may name: plain text, another catalogue entry (a status, a kind) to translate
 * too, or a text that exists in both languages already (a rule finding, a date written out).
 */
export type MessageParams = Record<string, string | number | { key: MessageKey } | { en: string; nl: string }>;

/**
 * An error meant for a person: a stable code for programs, and a catalogue key that becomes a
 * sentence in the user's language at the edge (IPC, HTTP bridge, CLI). Anything else that is
 * thrown is a fault, and reaches the user only as the generic "internal" sentence.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    /** Field name → catalogue key, for errors that belong next to a form field. */
    readonly fields: Record<string, MessageKey> = {},
  ) {
    super(`${code}: ${key}`);
    this.name = 'AppError';
  }
}

/** What crosses every transport when a call fails: no stack, no internals. */
export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
}
