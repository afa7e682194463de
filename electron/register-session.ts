// The register the app has open, and changing it: opening another one (the new one is opened
// first, so a refusal leaves the current one in use), putting a backup in its place, closing it at
// quit. Every call runs on the register open when it started (a snapshot): a call that awaits (a
// letter rendered and signed) never finishes its work in a register opened meanwhile.
import { automaticBackup, restoreRegister } from '../db/backup';
import { openRegister, type Register } from '../db/register';
import { AppError } from '../shared/errors';
import type { ServiceContext } from './services/context';
import { recordFault } from './services/faults';

export interface SessionOptions {
  actor: string;
  nativeBinding?: string;
  /** Told the path of every register opened, to open it again at the next start. */
  remember(registerPath: string): void;
}

const registerClosed = () => new AppError('register_closed', 'shell.error.registerClosed', {});

export class RegisterSession {
  private register: Register | null = null;
  /** How many asynchronous calls are still running on each register. */
  private readonly running = new Map<Register, number>();
  /** Registers put aside by opening another one, closed as soon as their last call has ended. */
  private readonly retiring = new Set<Register>();

  constructor(private readonly options: SessionOptions) {}

  get current(): Register | null {
    return this.register;
  }

  /** The context of one call: the register open now, kept for the whole call whatever is opened meanwhile. */
  snapshot(): ServiceContext {
    const register = this.register;
    const context = { actor: this.options.actor, now: () => new Date() };
    if (register) return { ...context, register };
    // Only between quitting and the end of the process: the call ends with a sentence.
    return {
      ...context,
      get register(): Register {
        throw registerClosed();
      },
    };
  }

  /**
   * Runs an asynchronous call on a snapshot. Opening another register meanwhile does not close this
   * call's register under it: that waits until the call has ended. (A restore or quitting cannot
   * wait, and closes it at once; the call then ends with the sentence of `shell.error.registerClosed`.)
   */
  async run<T>(call: (ctx: ServiceContext) => Promise<T>): Promise<T> {
    const ctx = this.snapshot();
    const register = this.register;
    if (!register) return call(ctx);
    this.running.set(register, (this.running.get(register) ?? 0) + 1);
    try {
      return await call(ctx);
    } finally {
      const left = (this.running.get(register) ?? 1) - 1;
      if (left > 0) this.running.set(register, left);
      else {
        this.running.delete(register);
        if (this.retiring.delete(register)) register.close();
      }
    }
  }

  /** Opens a register in place of the current one, which is put aside only once the new one is open. */
  open(file: string): Register {
    const opened = openRegister(file, {
      actor: this.options.actor,
      ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
    });
    const previous = this.register;
    this.register = opened;
    if (previous) this.retire(previous);
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
    if (!file) throw registerClosed();
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

  /** Closes the register open now, and any still waiting for a call to end, at once. */
  close(): void {
    const open = this.register;
    this.register = null;
    open?.close();
    for (const register of this.retiring) register.close();
    this.retiring.clear();
  }

  /** Closes a register put aside now, or once the calls still running on it have ended. */
  private retire(register: Register): void {
    if (this.running.has(register)) this.retiring.add(register);
    else register.close();
  }
}
