import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { languageOf } from '../../electron/launch';
import { registerToOpen, shellStateFile } from '../../electron/shell-state';

describe('registerToOpen (no register remembered yet)', () => {
  const userData = path.join('/home', 'secretary', '.config', 'BoEx Register');
  it.each([
    [['electron', '.'], path.join(userData, 'register.db')],
    [['electron', '.', '--register', '/srv/boex/2025.db'], '/srv/boex/2025.db'],
    [['electron', '.', '--register=/srv/boex/2025.db'], '/srv/boex/2025.db'],
    [['BoEx Register', '--register', 'board.db', '--inspect'], 'board.db'],
    // A flag without its value names no register: the default one opens, not a file called "undefined".
    [['electron', '.', '--register'], path.join(userData, 'register.db')],
  ])('%j → %s', (argv, expected) => {
    expect(registerToOpen(argv, userData)).toEqual({ path: expected, lastRegisterGone: null, fallback: null });
  });
});

describe('registerToOpen (a register remembered)', () => {
  let userData: string;
  beforeEach(() => {
    userData = mkdtempSync(path.join(os.tmpdir(), 'boex-launch-'));
  });
  afterEach(() => rmSync(userData, { recursive: true, force: true }));
  const remember = (file: string) => writeFileSync(shellStateFile(userData), JSON.stringify({ lastRegister: file }));
  const fallback = () => path.join(userData, 'register.db');

  it('opens the register used last, with the default register to turn to if it is refused', () => {
    const last = path.join(userData, 'board.db');
    writeFileSync(last, '');
    remember(last);
    expect(registerToOpen(['electron', '.'], userData)).toEqual({ path: last, lastRegisterGone: null, fallback: fallback() });
    // Named on the command line, a register is never swapped for another.
    expect(registerToOpen(['electron', '.', '--register', last], userData)).toEqual({ path: last, lastRegisterGone: null, fallback: null });
  });

  it.each([
    ['gone', (dir: string) => path.join(dir, 'moved.db')],
    ['under something that is a file now', (dir: string) => path.join(dir, 'shell-state.json', 'board.db')],
  ])('opens the default register when the one used last is %s, and names it', (_what, lastOf) => {
    const last = lastOf(userData);
    remember(last);
    expect(registerToOpen(['electron', '.'], userData)).toEqual({ path: fallback(), lastRegisterGone: last, fallback: null });
  });
});

describe('languageOf', () => {
  it.each([
    ['nl', 'nl'],
    ['nl-NL', 'nl'],
    ['nl-BE', 'nl'],
    ['NL', 'nl'],
    ['en-US', 'en'],
    ['de', 'en'],
    ['', 'en'],
  ])('%s → %s', (locale, expected) => {
    expect(languageOf(locale)).toBe(expected);
  });
});
