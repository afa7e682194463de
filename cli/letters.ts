// `boex letters --register FILE --meeting ID --out DIR [--p12 FILE] [--lang en|nl] [--overwrite]`:
// every decision letter of a BoEx meeting into a folder, signed when a certificate is given (or
// named in the settings), with its password from the environment variable BOEX_P12_PASSWORD so
// that it never appears in a command line or the shell's history. Prints each file as it is
// written and a summary; exit 0 when every letter was written, 2 with a sentence when refused.
import os from 'node:os';
import path from 'node:path';
import { openRegister } from '../db/register';
import { readLetterSettings } from '../electron/services/letter-settings';
import { exportMeetingLetters } from '../electron/services/letters';
import { translate, type Language } from '../shared/i18n';
import { report } from './output';

export const PASSWORD_VARIABLE = 'BOEX_P12_PASSWORD';

export interface LettersOptions {
  meetingId: number;
  out: string;
  p12?: string | undefined;
  /** The letters' language; without it the settings' default. */
  letterLanguage?: Language | undefined;
  overwrite: boolean;
}

export async function letters(registerFile: string, options: LettersOptions, lang: Language): Promise<number> {
  let register;
  try {
    register = openRegister(registerFile, { mustExist: true, actor: actor() });
  } catch (error) {
    return report(error, lang);
  }
  try {
    const ctx = { register, actor: actor(), now: () => new Date() };
    const certificatePath = options.p12 === undefined ? readLetterSettings(register.db).certificatePath : path.resolve(options.p12);
    const password = process.env[PASSWORD_VARIABLE];
    if (certificatePath !== null && password === undefined) {
      console.error(translate(lang, 'letter.cli.noPassword', { variable: PASSWORD_VARIABLE, path: certificatePath }));
      return 2;
    }
    const result = await exportMeetingLetters(ctx, {
      meetingId: options.meetingId,
      folder: options.out,
      language: options.letterLanguage,
      password,
      overwrite: options.overwrite,
      certificatePath: certificatePath ?? undefined,
      onWritten: (file) => console.log(translate(lang, 'letter.cli.written', { path: file.path })),
    });
    for (const skipped of result.skipped) console.log(translate(lang, 'letter.cli.skipped', { number: skipped.number }));
    console.log(
      translate(lang, result.signed ? 'letter.cli.summarySigned' : 'letter.cli.summaryUnsigned', { count: result.written.length, folder: result.folder }),
    );
    return 0;
  } catch (error) {
    return report(error, lang);
  } finally {
    register.close();
  }
}

/** The audit log records who issued the letters: the person logged in to this machine. */
function actor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'boex letters';
  }
}
