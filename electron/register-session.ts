// The register the app has open, and changing it: opening another one (the new one is opened
// first, so a refusal leaves the current one in use), putting a backup in its place, closing it at
// quit. The IPC handlers are registered once, with a context that always reads the current register.
import { automaticBackup, restoreRegister } from '../db/backup';
import { openRegister, type Register } from '../db/register';
import type { ServiceContext } from './services/context';
import { recordFault } from './services/faults';

export interface SessionOptions {
  actor: string;
  nativeBinding?: string;
  /** Told the path of every register opened, to open it again at the next start. */
  remember(registerPath: string): void;
}

export class RegisterSession {
  private register: Register | null = null;
  readonly ctx: ServiceContext;

  constructor(private readonly options: SessionOptions) {
    const current = () => this.register;
    this.ctx = {
      get register(): Register {
        const register = current();
        if (!register) throw new Error('No register is open.');
        return register;
      },
      actor: options.actor,
      now: () => new Date(),
    };
  }

  get current(): Register | null {
    return this.register;
  }

  /** Opens a register in place of the current one, which is closed only once the new one is open. */
  open(file: string): Register {
    const opened = openRegister(file, {
      actor: this.options.actor,
      ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
    });
    this.close();
    this.register = opened;
    try {
      this.options.remember(opened.path);
    } catch (error) {
      // Not worth a dialog: the next start opens the default register instead.
      console.error(`BoEx Register: the register used last could not be remembered (${error instanceof Error ? error.message : String(error)})`);
    }
    // A backup at every open (SQLite's online backup API; it does not hold up the window). Closing
    // before it finishes abandons it, which is no fault.
    automaticBackup(opened, new Date()).catch((error: unknown) => {
      if (this.register === opened) recordFault(error);
    });
    return opened;
  }

  /**
   * Puts a backup in the current register's place: the register is closed, the backup checked and
   * copied in (the replaced file is kept beside it), and the register opened again. When the backup
   * is refused, the register it would have replaced is opened again as it was.
   */
  restore(backup: string, now: Date): { replacedKeptAs: string | null } {
    const file = this.register?.path;
    if (!file) throw new Error('No register is open.');
    this.close();
    let result: { replacedKeptAs: string | null };
    try {
      result = restoreRegister(backup, file, now);
    } catch (error) {
      this.open(file);
      throw error;
    }
    this.open(file);
    return result;
  }

  close(): void {
    const open = this.register;
    this.register = null;
    open?.close();
  }
}
