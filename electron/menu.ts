// The application menu, in the system's language: registers and backups under File (each file
// chosen in a native dialog by the actions behind it), the export pages, the view's zoom and full
// screen, and Help. The developer tools are only on the menu of an app run from source.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { translate, type Language } from '../shared/i18n';

/** Each action settles its own failures (a sentence in a native box); the promise is for the tests. */
export interface MenuActions {
  newRegister(): Promise<void>;
  openRegister(): Promise<void>;
  backUpNow(): Promise<void>;
  restoreFromBackup(): Promise<void>;
  /** Shows a page of the app (`/report`): exports are made from their own page. */
  showRoute(route: string): Promise<void>;
  about(): Promise<void>;
  openDataFolder(): Promise<void>;
}

/** The pages the Export menu leads to: decision lists are made per meeting. */
export const EXPORT_ROUTES = { decisionList: '/meetings', yearlyReport: '/report', usis: '/usis' } as const;

export interface MenuOptions {
  devTools: boolean;
  /** macOS shows the first menu under the app's name: it gets the standard app menu (About, Hide, Quit). */
  mac: boolean;
}

export function menuTemplate(lang: Language, actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  return [
    ...(options.mac ? [{ role: 'appMenu' } as const] : []),
    {
      label: t('shell.menu.file'),
      submenu: [
        { label: t('shell.menu.newRegister'), accelerator: 'CmdOrCtrl+N', click: () => actions.newRegister() },
        { label: t('shell.menu.openRegister'), accelerator: 'CmdOrCtrl+O', click: () => actions.openRegister() },
        { type: 'separator' },
        { label: t('shell.menu.backUpNow'), click: () => actions.backUpNow() },
        { label: t('shell.menu.restore'), click: () => actions.restoreFromBackup() },
        { type: 'separator' },
        {
          label: t('shell.menu.export'),
          submenu: [
            { label: t('shell.menu.exportDecisionList'), click: () => actions.showRoute(EXPORT_ROUTES.decisionList) },
            { label: t('shell.menu.exportReport'), click: () => actions.showRoute(EXPORT_ROUTES.yearlyReport) },
            { label: t('shell.menu.exportUsis'), click: () => actions.showRoute(EXPORT_ROUTES.usis) },
          ],
        },
        { type: 'separator' },
        { label: t('shell.menu.quit'), role: 'quit' },
      ],
    },
    {
      label: t('shell.menu.view'),
      submenu: [
        { label: t('shell.menu.reload'), role: 'reload' },
        { type: 'separator' },
        { label: t('shell.menu.zoomIn'), role: 'zoomIn' },
        { label: t('shell.menu.zoomOut'), role: 'zoomOut' },
        { label: t('shell.menu.resetZoom'), role: 'resetZoom' },
        { type: 'separator' },
        { label: t('shell.menu.fullScreen'), role: 'togglefullscreen' },
        ...(options.devTools ? [{ label: t('shell.menu.devTools'), role: 'toggleDevTools' } as const] : []),
      ],
    },
    {
      label: t('shell.menu.help'),
      submenu: [
        { label: t('shell.menu.about'), click: () => actions.about() },
        { label: t('shell.menu.openDataFolder'), click: () => actions.openDataFolder() },
      ],
    },
  ];
}

export function installMenu(lang: Language, actions: MenuActions, options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(lang, actions, options)));
}
