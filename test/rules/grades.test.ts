import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertGrade, gradeHundredths, isPass } from '../../shared/rules';

/** '7.05' for 705: grades as a secretary would type them from a transcript. */
const text = (hundredths: number, separator = '.'): string =>
  `${Math.floor(hundredths / 100)}${separator}${String(hundredths % 100).padStart(2, '0')}`;

const hundredths = fc.integer({ min: 100, max: 1000 });

describe('convertGrade', () => {
  it.each<[number | string, number]>([
    // the procedure's own examples
    [7.3, 7.5],
    [5.4, 5],
    [5.5, 5],
    // the spec's examples of halves rounded up
    [7.25, 7.5],
    [7.75, 8],
    // Dutch and English decimal separators, text and numbers
    ['7,3', 7.5],
    ['7.3', 7.5],
    [' 6,8 ', 7],
    ['5,50', 5],
    // around 5.5: below goes to 5, above to 6
    [5.25, 5],
    [5.49, 5],
    [5.51, 6],
    [5.74, 6],
    [5.75, 6],
    [5.24, 5],
    // the ends of the scale
    [1, 1],
    ['1.00', 1],
    [1.24, 1],
    [1.25, 1.5],
    [9.74, 9.5],
    [9.75, 10],
    [10, 10],
    ['10,00', 10],
    [6, 6],
    [8.1, 8],
    [0.5e1, 5],
  ])('%j → %s', (grade, converted) => {
    expect(convertGrade(grade)).toBe(converted);
  });

  it.each<[unknown, RegExp]>([
    ['7..3', /not a number/],
    ['', /not a number/],
    ['abc', /not a number/],
    ['7,3,1', /not a number/],
    ['7.', /not a number/],
    ['.5', /not a number/],
    ['1e1', /not a number/],
    ['B+', /not a number/],
    [Number.NaN, /finite/],
    [Number.POSITIVE_INFINITY, /finite/],
    [Number.NEGATIVE_INFINITY, /finite/],
    ['7.333', /more than two decimals/],
    [7.333, /more than two decimals/],
    ['7,125', /more than two decimals/],
    [0.99, /between 1 and 10/],
    [0, /between 1 and 10/],
    [-7, /between 1 and 10/],
    ['-7', /between 1 and 10/],
    ['0,99', /between 1 and 10/],
    [10.01, /between 1 and 10/],
    ['10.5', /between 1 and 10/],
    [11, /between 1 and 10/],
    [1e21, /between 1 and 10/],
  ])('%j is a RangeError (%s)', (grade, message) => {
    expect(() => convertGrade(grade as number | string)).toThrow(RangeError);
    expect(() => convertGrade(grade as number | string)).toThrow(message);
  });

  it('gives a half point from 1 to 10, never 5.5', () => {
    fc.assert(
      fc.property(hundredths, (h) => {
        const converted = convertGrade(text(h));
        expect(Number.isInteger(converted * 2)).toBe(true);
        expect(converted).toBeGreaterThanOrEqual(1);
        expect(converted).toBeLessThanOrEqual(10);
        expect(converted).not.toBe(5.5);
      }),
    );
  });

  it('lands on the nearest half point (or next to 5.5 when that is the nearest)', () => {
    fc.assert(
      fc.property(hundredths, (h) => {
        const distance = Math.abs(convertGrade(text(h)) * 100 - h);
        expect(distance).toBeLessThanOrEqual(h >= 525 && h < 575 ? 50 : 25);
      }),
    );
  });

  it('is monotone in the grade', () => {
    fc.assert(
      fc.property(hundredths, hundredths, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(convertGrade(text(low))).toBeLessThanOrEqual(convertGrade(text(high)));
      }),
    );
  });

  it('reads a number, a point and a comma alike', () => {
    fc.assert(
      fc.property(hundredths, (h) => {
        const expected = convertGrade(text(h));
        expect(convertGrade(text(h, ','))).toBe(expected);
        expect(convertGrade(h / 100)).toBe(expected);
      }),
    );
  });

  it('is exact in hundredths, whatever floats make of them', () => {
    fc.assert(
      fc.property(hundredths, (h) => {
        expect(gradeHundredths(h / 100)).toBe(h);
      }),
    );
  });
});

describe('isPass', () => {
  it.each([
    [6, true],
    [6.5, true],
    [10, true],
    [5, false],
    [1, false],
    [4.5, false],
  ])('%s → %s', (grade, pass) => {
    expect(isPass(grade)).toBe(pass);
  });

  it.each([5.5, 5.7, 0.5, 10.5, Number.NaN, Number.POSITIVE_INFINITY])(
    '%s is not a converted grade: RangeError',
    (grade) => {
      expect(() => isPass(grade)).toThrow(RangeError);
      expect(() => isPass(grade)).toThrow(/not a converted grade/);
    },
  );

  it('passes a converted grade exactly when the grade as written was above 5.5', () => {
    fc.assert(
      fc.property(hundredths, (h) => {
        expect(isPass(convertGrade(text(h)))).toBe(h > 550);
      }),
    );
  });
});
