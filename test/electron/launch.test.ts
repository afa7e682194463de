import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageOf } from '../../electron/launch';
import { registerToOpen } from '../../electron/shell-state';

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
    expect(registerToOpen(argv, userData)).toEqual({ path: expected, lastRegisterGone: null });
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
