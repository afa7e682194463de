// `boex backup` and `boex restore`: a consistent copy of a register, and putting one back.
import { automaticBackup, backupRegister, restoreRegister } from '../db/backup';
import { openRegister } from '../db/register';
import { translate, type Language } from '../shared/i18n';
import { report } from './output';

export async function backup(file: string, out: string | undefined, lang: Language): Promise<number> {
  let register;
  try {
    register = openRegister(file, { mustExist: true });
  } catch (error) {
    return report(error, lang);
  }
  try {
    const written = out ? await backupRegister(register, out) : await automaticBackup(register, new Date());
    console.log(translate(lang, 'cli.backup.done', { path: written }));
    return 0;
  } catch (error) {
    return report(error, lang);
  } finally {
    register.close();
  }
}

export async function restore(file: string, from: string, lang: Language): Promise<number> {
  try {
    const { replacedKeptAs } = restoreRegister(from, file, new Date());
    console.log(translate(lang, 'cli.restore.done', { path: file, from, kept: replacedKeptAs ?? '—' }));
    return 0;
  } catch (error) {
    return report(error, lang);
  }
}
