// A stand-in for the parts of 'electron' the main process uses, recording what it is asked to do.
// The Electron binary cannot be downloaded on the build machines, so the main process's wiring is
// checked against this; the register, the services and dispatch behind it are the real ones.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

type Listener = (...args: never[]) => unknown;

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
  private readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;

  constructor(readonly options: { userData: string; appPath: string; locale?: string; singleInstance?: boolean }) {
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
      },
      shell: {
        openExternal: async (url: string) => {
          this.openedExternally.push(url);
        },
      },
    };
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedFile: string | null = null;
  shown = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
  }

  async loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    this.webContents.mainFrame.url = pathToFileURL(file).href;
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
