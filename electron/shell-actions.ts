// What the File and Help menus do. Every file the shell works with is chosen by the person in a
// native dialog (never typed by the page); every failure is a sentence in a native box.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { app, dialog, shell, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { backupFolderOf, backupRegister, stampOf } from '../db/backup';
import { translate, type Language, type MessageKey } from '../shared/i18n';
import type { MenuActions } from './menu';
import { messageBox, openOrOfferBackup } from './recovery-dialog';
import type { RegisterSession } from './register-session';
import { errorBody } from './services/dispatch';
import { showPage } from './window';

/** The name offered for a backup made with Back up now…: never matched by the automatic rotation's pattern. */
export const manualBackupName = (base: string, now: Date) => `${base}-manual-${stampOf(now)}.db`;

export interface ShellContext {
  session: RegisterSession;
  lang: Language;
  window(): BrowserWindow | null;
  indexHtml: string;
  nativeBinding?: string;
}

export function shellActions(shellCtx: ShellContext): MenuActions {
  const { session, lang, indexHtml } = shellCtx;
  const t = (key: MessageKey, params: Record<string, string> = {}) => translate(lang, key, params);
  const registerFiles = [{ name: t('shell.dialog.registerFiles'), extensions: ['db'] }];
  const parent = () => shellCtx.window();

  /** Each action reports its own failure, so a menu click never ends in an unhandled rejection. */
  const guarded = (action: () => Promise<void>) => async () => {
    try {
      await action();
    } catch (error) {
      dialog.showErrorBox('BoEx Register', errorBody(error, lang).message);
    }
  };

  const chooseFile = async (options: OpenDialogOptions): Promise<string | null> => {
    const window = parent();
    const { canceled, filePaths } = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return canceled ? null : (filePaths[0] ?? null);
  };
  const chooseTarget = async (options: SaveDialogOptions): Promise<string | null> => {
    const window = parent();
    const { canceled, filePath } = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return canceled || !filePath ? null : filePath;
  };
  const inform = async (message: string) => {
    await messageBox(parent(), { type: 'info', title: 'BoEx Register', message, buttons: [t('shell.button.ok')] });
  };
  const reload = () => {
    const window = parent();
    if (window && !window.isDestroyed()) showPage(window, indexHtml);
  };
  const currentFolder = () => {
    const current = session.current;
    return current ? path.dirname(current.path) : app.getPath('documents');
  };
  const switchTo = async (file: string) => {
    const opened = await openOrOfferBackup(session, file, {
      lang,
      decline: 'shell.button.cancel',
      parent: parent(),
      ...(shellCtx.nativeBinding ? { nativeBinding: shellCtx.nativeBinding } : {}),
    });
    if (opened) reload();
  };

  return {
    // A name that is already a register opens it; nothing is ever written over.
    newRegister: guarded(async () => {
      const file = await chooseTarget({ title: t('shell.dialog.newRegister'), defaultPath: path.join(currentFolder(), 'register.db'), filters: registerFiles });
      if (file) await switchTo(file);
    }),
    openRegister: guarded(async () => {
      const file = await chooseFile({ title: t('shell.dialog.openRegister'), defaultPath: currentFolder(), filters: registerFiles, properties: ['openFile'] });
      if (file) await switchTo(file);
    }),
    backUpNow: guarded(async () => {
      const register = session.current;
      if (!register) return;
      const folder = backupFolderOf(register.path);
      mkdirSync(folder, { recursive: true });
      const base = path.basename(register.path, path.extname(register.path));
      // `-manual-` keeps a deliberate backup out of the automatic rotation (pruneBackups), which
      // would otherwise delete it after ten more opens; Restore from backup… accepts any register file.
      const target = await chooseTarget({ title: t('shell.dialog.backUpTo'), defaultPath: path.join(folder, manualBackupName(base, new Date())), filters: registerFiles });
      if (!target) return;
      await inform(t('shell.backup.done', { path: await backupRegister(register, target) }));
    }),
    restoreFromBackup: guarded(async () => {
      const register = session.current;
      if (!register) return;
      const backup = await chooseFile({ title: t('shell.dialog.restoreFrom'), defaultPath: backupFolderOf(register.path), filters: registerFiles, properties: ['openFile'] });
      if (!backup) return;
      const choice = await messageBox(parent(), {
        type: 'warning',
        title: 'BoEx Register',
        message: t('shell.restore.confirm', { path: register.path, backup }),
        detail: t('shell.restore.confirmDetail'),
        buttons: [t('shell.button.restore'), t('shell.button.cancel')],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      if (choice !== 0) return;
      const { replacedKeptAs } = session.restore(backup, new Date());
      reload();
      await inform(t('shell.restore.done', { backup, kept: replacedKeptAs ?? '—' }));
    }),
    showRoute: async (route: string) => {
      const window = parent();
      if (window && !window.isDestroyed()) showPage(window, indexHtml, route);
    },
    about: guarded(async () => {
      await messageBox(parent(), {
        type: 'info',
        title: 'BoEx Register',
        message: `BoEx Register ${app.getVersion()}`,
        detail: t('shell.about.detail', { version: app.getVersion(), path: session.current?.path ?? '—' }),
        buttons: [t('shell.button.ok')],
      });
    }),
    openDataFolder: guarded(async () => {
      const current = session.current;
      if (!current) return;
      const folder = path.dirname(current.path);
      const problem = await shell.openPath(folder);
      if (problem) await inform(t('shell.dataFolder.failed', { path: folder, reason: problem }));
    }),
  };
}
