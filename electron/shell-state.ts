// Which register the app opens at start: the one named on the command line, else the one used
// last, else the default register in the user's data folder. A remembered register that is gone
// (moved, renamed, an unplugged drive) is reported, so the person knows why another one opened.
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
}

export function registerToOpen(argv: readonly string[], userData: string): RegisterChoice {
  const flag = registerFlagFrom(argv);
  if (flag !== undefined) return { path: flag, lastRegisterGone: null };
  const fallback = path.join(userData, 'register.db');
  const last = readSettingsFile(shellStateFile(userData), shellState)?.lastRegister;
  if (last === undefined || path.resolve(last) === path.resolve(fallback)) return { path: fallback, lastRegisterGone: null };
  if (statSync(last, { throwIfNoEntry: false })?.isFile()) return { path: last, lastRegisterGone: null };
  return { path: fallback, lastRegisterGone: last };
}

export function rememberRegister(userData: string, registerPath: string): void {
  writeSettingsFile(shellStateFile(userData), { lastRegister: path.resolve(registerPath) });
}
