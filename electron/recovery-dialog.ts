// A register that fails its check at open is not written to: the person is offered the newest good
// backup in a native message box. Restoring keeps the damaged file beside the restored register
// (renamed, never deleted); declining leaves everything as it was.
import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { restoreRegister } from '../db/backup';
import { newestGoodBackup } from '../db/recovery';
import { AppError } from '../shared/errors';
import { translate, type Language } from '../shared/i18n';
import type { RegisterSession } from './register-session';

export interface RecoveryOptions {
  lang: Language;
  /** At start the alternative is to quit; when opening another register, to keep the current one. */
  decline: 'shell.button.quit' | 'shell.button.cancel';
  nativeBinding?: string;
  parent?: BrowserWindow | null;
}

/** Opens the register; true once it is open, false when the person declined the backup offered. */
export async function openOrOfferBackup(session: RegisterSession, file: string, options: RecoveryOptions): Promise<boolean> {
  try {
    session.open(file);
    return true;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'register_corrupt') throw error;
    const damaged = String(error.params.path ?? file);
    const backup = newestGoodBackup(damaged, undefined, options.nativeBinding);
    if (!backup) throw error;
    const { lang } = options;
    const choice = await messageBox(options.parent, {
      type: 'warning',
      title: 'BoEx Register',
      message: translate(lang, 'shell.recovery.message', { path: damaged }),
      detail: translate(lang, 'shell.recovery.detail', { backup }),
      buttons: [translate(lang, 'shell.button.restore'), translate(lang, options.decline)],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (choice !== 0) return false;
    const { replacedKeptAs } = restoreRegister(backup, damaged, new Date());
    session.open(damaged);
    await messageBox(options.parent, {
      type: 'info',
      title: 'BoEx Register',
      message: translate(lang, 'shell.restore.done', { backup, kept: replacedKeptAs ?? '—' }),
      buttons: [translate(lang, 'shell.button.ok')],
    });
    return true;
  }
}

/** A message box, modal to the window when there is one; the index of the button chosen. */
export async function messageBox(parent: BrowserWindow | null | undefined, options: MessageBoxOptions): Promise<number> {
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return response;
}
