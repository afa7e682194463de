// A stand-in for the parts of 'electron' the main process uses, recording what it is asked to do.
// The Electron binary cannot be downloaded on the build machines, so the main process's wiring is
// checked against this; the register, the services and dispatch behind it are the real ones.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

type Listener = (...args: never[]) => unknown;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A menu item as main.ts builds it (Electron's MenuItemConstructorOptions, the parts tests read). */
export interface FakeMenuItem {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  click?: () => unknown;
  submenu?: FakeMenuItem[];
}

export interface MessageBoxShown {
  type?: string;
  message: string;
  detail?: string;
  buttons?: string[];
}

export interface FakeFrame {
  processId: number;
  routingId: number;
  url: string;
}

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame = { processId: 4, routingId: 1, url: 'about:blank' };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeElectron {
  readonly windows: FakeBrowserWindow[] = [];
  readonly handlers = new Map<string, Listener>();
  readonly errorBoxes: Array<{ title: string; content: string }> = [];
  readonly openedExternally: string[] = [];
  readonly calls: string[] = [];
  exitCode: number | null = null;
  beforeRequest: { filter: { urls: string[] }; listener: Listener } | null = null;
  headersReceived: Listener | null = null;
  permissionRequest: Listener | null = null;
  permissionCheck: Listener | null = null;
  readonly appEvents = new EventEmitter();
  /** The application menu last set. */
  menu: FakeMenuItem[] | null = null;
  readonly messageBoxes: MessageBoxShown[] = [];
  /** The buttons a person would press in the next message boxes, in order (else the first). */
  readonly messageBoxAnswers: number[] = [];
  readonly openDialogs: Array<Record<string, unknown>> = [];
  readonly saveDialogs: Array<Record<string, unknown>> = [];
  /** The files a person would choose in the next open or save dialogs, in order (null: cancel). */
  readonly openDialogAnswers: Array<string | null> = [];
  readonly saveDialogAnswers: Array<string | null> = [];
  readonly openedPaths: string[] = [];
  /** What shell.openPath answers: '' when the folder opened, else the system's reason. */
  openPathProblem = '';
  private readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;

  constructor(
    readonly options: {
      userData: string;
      appPath: string;
      locale?: string;
      singleInstance?: boolean;
      isPackaged?: boolean;
      /** The work areas of the displays connected; one full-HD display when not given. */
      displays?: Rect[];
    },
  ) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
  }

  /** Fires app 'ready' and waits for what main.ts runs on it. */
  async becomeReady(): Promise<void> {
    this.markReady();
    await this.ready;
    await new Promise((resolve) => setImmediate(resolve));
  }

  get module() {
    const windows = this.windows;
    class BrowserWindow extends FakeBrowserWindow {
      constructor(options: Record<string, unknown>) {
        super(options);
        windows.push(this);
      }
    }
    return {
      app: {
        enableSandbox: () => this.calls.push('enableSandbox'),
        requestSingleInstanceLock: () => this.options.singleInstance ?? true,
        on: (event: string, listener: (...args: unknown[]) => void) => this.appEvents.on(event, listener),
        whenReady: () => this.ready,
        getPath: (name: string) => (name === 'userData' ? this.options.userData : `/nonexistent/${name}`),
        getAppPath: () => this.options.appPath,
        getVersion: () => '1.2.3',
        isPackaged: this.options.isPackaged ?? false,
        getLocale: () => this.options.locale ?? 'en-US',
        quit: () => this.calls.push('quit'),
        exit: (code: number) => {
          this.exitCode = code;
        },
      },
      BrowserWindow,
      ipcMain: {
        handle: (channel: string, listener: Listener) => {
          if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
          this.handlers.set(channel, listener);
        },
      },
      session: {
        defaultSession: {
          webRequest: {
            onBeforeRequest: (filter: { urls: string[] }, listener: Listener) => {
              this.beforeRequest = { filter, listener };
            },
            onHeadersReceived: (listener: Listener) => {
              this.headersReceived = listener;
            },
          },
          setPermissionRequestHandler: (listener: Listener) => {
            this.permissionRequest = listener;
          },
          setPermissionCheckHandler: (listener: Listener) => {
            this.permissionCheck = listener;
          },
        },
      },
      dialog: {
        showErrorBox: (title: string, content: string) => this.errorBoxes.push({ title, content }),
        // Electron takes an optional parent window first; the options are always last.
        showMessageBox: async (...args: unknown[]) => {
          const options = args[args.length - 1] as MessageBoxShown;
          this.messageBoxes.push(options);
          return { response: this.messageBoxAnswers.shift() ?? 0, checkboxChecked: false };
        },
        showOpenDialog: async (...args: unknown[]) => {
          this.openDialogs.push(args[args.length - 1] as Record<string, unknown>);
          const file = this.openDialogAnswers.shift() ?? null;
          return { canceled: file === null, filePaths: file === null ? [] : [file] };
        },
        showSaveDialog: async (...args: unknown[]) => {
          this.saveDialogs.push(args[args.length - 1] as Record<string, unknown>);
          const file = this.saveDialogAnswers.shift() ?? null;
          return { canceled: file === null, ...(file === null ? {} : { filePath: file }) };
        },
      },
      shell: {
        openExternal: async (url: string) => {
          this.openedExternally.push(url);
        },
        openPath: async (folder: string) => {
          this.openedPaths.push(folder);
          return this.openPathProblem;
        },
      },
      Menu: {
        buildFromTemplate: (template: FakeMenuItem[]) => ({ template }),
        setApplicationMenu: (menu: { template: FakeMenuItem[] } | null) => {
          this.menu = menu?.template ?? null;
        },
      },
      screen: {
        // The first display given is the primary one.
        getAllDisplays: () => (this.options.displays ?? [{ x: 0, y: 0, width: 1920, height: 1040 }]).map((workArea, id) => ({ id, workArea })),
        getPrimaryDisplay: () => ({ id: 0, workArea: (this.options.displays ?? [{ x: 0, y: 0, width: 1920, height: 1040 }])[0] }),
      },
    };
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedFile: string | null = null;
  /** Every page load, with the route in its hash ('' for the start page). */
  readonly loads: string[] = [];
  shown = false;
  destroyed = false;
  maximized = false;
  normalBounds: Rect;

  constructor(readonly options: Record<string, unknown>) {
    super();
    const { x = 320, y = 20, width = 0, height = 0 } = options as Partial<Rect>;
    this.normalBounds = { x, y, width, height };
  }

  async loadFile(file: string, options: { hash?: string } = {}): Promise<void> {
    this.loadedFile = file;
    this.loads.push(options.hash ?? '');
    this.webContents.mainFrame.url = pathToFileURL(file).href + (options.hash ? `#${options.hash}` : '');
  }

  getNormalBounds(): Rect {
    return { ...this.normalBounds };
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  maximize(): void {
    this.maximized = true;
  }

  show(): void {
    this.shown = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}

  focus(): void {}
}
