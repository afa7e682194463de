// How the command line speaks: sentences in the user's language, never a stack trace.
import { AppError } from '../shared/errors';
import { isLanguage, type Language } from '../shared/i18n';
import { errorBody } from '../electron/services/dispatch';
import { withRecoveryAdvice } from '../db/recovery';
import { PdfError } from '../electron/pdf/errors';

/** --lang wins; otherwise a Dutch locale in the environment; otherwise English. */
export function cliLanguage(flag: string | undefined): Language {
  if (isLanguage(flag)) return flag;
  const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return locale.startsWith('nl') ? 'nl' : 'en';
}

/** Prints what went wrong as one sentence and returns the exit code. */
export function report(error: unknown, lang: Language): number {
  // A file that could not be written (a full disk, a folder that is not there) says so in its own words.
  if (error instanceof PdfError) {
    console.error(error.sentence[lang]);
    return 2;
  }
  // A damaged register's sentence names the newest good backup and the restore command, where there is one.
  console.error(errorBody(withRecoveryAdvice(error), lang).message);
  return error instanceof AppError ? 2 : 1;
}

/** A mistake on the command line itself: the sentence, and where to read how to use it. */
export class UsageError extends Error {}
