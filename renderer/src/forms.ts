// What every form of the app shares: today's date for a date field, and the sentence shown next
// to a field whose value was refused.
import { isMessageKey } from '../../shared/i18n';
import { i18n } from './i18n';

/** Today in the user's local calendar, as YYYY-MM-DD. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Field errors are catalogue keys (from the shared zod schemas) or sentences (from the main process). */
export function sentence(message: unknown): string | undefined {
  if (typeof message !== 'string' || !message) return undefined;
  return isMessageKey(message) ? i18n.t(message) : message;
}
