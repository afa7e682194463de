import type { Language } from '../../shared/i18n';

/** EC as the user's language writes decimals: 7.5 or 7,5. */
export function formatEc(ec: number, lang: Language): string {
  return ec.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 });
}

/** A stored date (YYYY-MM-DD) for reading: 1 Feb 2026 / 1 feb 2026. */
export function formatDate(date: string, lang: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A moment (ISO timestamp) in the user's local time. */
export function formatMoment(iso: string, lang: Language): string {
  return new Date(iso).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
