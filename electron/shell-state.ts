// Which register the app opens at start: the one named on the command line, else the one used
// last, else the default register in the user's data folder. A remembered register that is gone
// (moved, renamed, an unplugged drive) is reported, so the person knows why another one opened; one
// that is there but refused is reported by main.ts, which then opens the default register too.
import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readSettingsFile, writeSettingsFile } from './settings-file';
import { registerFlagFrom } from './launch';

const shellState = z.object({ lastRegister: z.string().min(1) });

export const shellStateFile = (userData: string) => path.join(userData, 'shell-state.json');

export interface RegisterChoice {
  path: string;
  /** The remembered register that was not found, so the default opened instead. */
  lastRegisterGone: string | null;
  /** Where to turn when `path` (the remembered register) is refused: never for a register named on the command line. */
  fallback: string | null;
}

/** A file, a folder, or nothing there; a register that cannot even be looked at (EACCES, EPERM) is left to the open to explain. */
function kindOf(file: string): 'file' | 'other' | 'gone' {
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return 'gone';
    return stat.isFile() ? 'file' : 'other';
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'ENOTDIR' || code === 'ENAMETOOLONG' ? 'gone' : 'other';
  }
}

export function registerToOpen(argv: readonly string[], userData: string): RegisterChoice {
  const flag = registerFlagFrom(argv);
  if (flag !== undefined) return { path: flag, lastRegisterGone: null, fallback: null };
  const fallback = path.join(userData, 'register.db');
  const last = readSettingsFile(shellStateFile(userData), shellState)?.lastRegister;
  if (last === undefined || path.resolve(last) === path.resolve(fallback)) return { path: fallback, lastRegisterGone: null, fallback: null };
  const kind = kindOf(last);
  if (kind === 'gone') return { path: fallback, lastRegisterGone: last, fallback: null };
  // A folder where the register was, or a file that cannot be looked at: the open says why.
  return { path: last, lastRegisterGone: null, fallback };
}

export function rememberRegister(userData: string, registerPath: string): void {
  writeSettingsFile(shellStateFile(userData), { lastRegister: path.resolve(registerPath) });
}
