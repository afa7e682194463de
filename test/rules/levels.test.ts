import { describe, expect, it } from 'vitest';
import { LEVELS, isLevel, levelCategory, parseLevel, type Level } from '../../shared/rules';

describe('levelCategory', () => {
  it.each<[Level, string]>([
    [100, 'introductory'],
    [200, 'introductory'],
    ['introductory', 'introductory'],
    [300, 'advanced'],
    ['advanced', 'advanced'],
    [400, 'master'],
    [500, 'master'],
    [600, 'master'],
    ['master', 'master'],
  ])('%s is %s', (level, category) => {
    expect(levelCategory(level)).toBe(category);
  });

  it.each([700, 0, '400', 'Master', null])('refuses %s, which bypassed the type system', (level) => {
    expect(() => levelCategory(level as unknown as Level)).toThrow(RangeError);
  });
});

describe('parseLevel', () => {
  it.each<[string | number, Level]>([
    [400, 400],
    ['400', 400],
    [' 300 ', 300],
    ['master', 'master'],
    ['Advanced', 'advanced'],
    ['INTRODUCTORY', 'introductory'],
    [100, 100],
    ['600', 600],
  ])('%j → %j', (input, level) => {
    expect(parseLevel(input)).toBe(level);
  });

  it.each([700, '450', 'bachelor', '', '400.0', 4e2 + 0.5, Number.NaN])('%j is a RangeError', (input) => {
    expect(() => parseLevel(input)).toThrow(RangeError);
    expect(() => parseLevel(input)).toThrow(/Level .* is not one of/);
  });

  it('round-trips every level', () => {
    for (const level of LEVELS) expect(parseLevel(String(level))).toBe(level);
  });
});

describe('isLevel', () => {
  it.each([
    [400, true],
    ['master', true],
    ['400', false],
    [350, false],
    [undefined, false],
  ])('%j → %s', (value, expected) => {
    expect(isLevel(value)).toBe(expected);
  });
});
