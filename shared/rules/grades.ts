/**
 * Grade conversion to the Dutch scale. Everything is computed in hundredths of a point from the
 * decimal text, so that 7.25 is exactly 725 and rounds up, whatever binary floats would make of it.
 */

const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/;
const MIN = 100;
const MAX = 1000;
const FAIL_ROUNDED = 500;
const NOT_ACCEPTED = 550;

/** A grade as written ("7,3", "7.3" or 7.3) in hundredths of a point. */
export function gradeHundredths(grade: number | string): number {
  if (typeof grade === 'number' && !Number.isFinite(grade)) {
    throw new RangeError(`Grade must be a finite number, got ${String(grade)}`);
  }
  if (typeof grade === 'number' && (grade < 1 || grade > 10)) {
    throw new RangeError(`Grade must be between 1 and 10, got ${String(grade)}`);
  }
  // A number goes through its shortest decimal text, so 7.3 is read as "7.3", not 7.2999….
  const text = typeof grade === 'number' ? String(grade) : String(grade).trim();
  if (!DECIMAL.test(text)) {
    throw new RangeError(`Grade ${JSON.stringify(grade)} is not a number`);
  }
  const [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split(/[.,]/);
  if (fraction.length > 2) {
    throw new RangeError(`Grade ${JSON.stringify(grade)} has more than two decimals`);
  }
  const magnitude = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  const hundredths = text.startsWith('-') ? -magnitude : magnitude;
  if (hundredths < MIN || hundredths > MAX) {
    throw new RangeError(`Grade must be between 1 and 10, got ${JSON.stringify(grade)}`);
  }
  return hundredths;
}

/**
 * 5.5 is not accepted and becomes 5; every other grade goes to the nearest half point, halves up,
 * skipping 5.5 (7.3 → 7.5, 5.4 → 5).
 */
export function convertGrade(grade: number | string): number {
  const hundredths = gradeHundredths(grade);
  if (hundredths === NOT_ACCEPTED) return FAIL_ROUNDED / 100;
  const rounded = Math.floor((hundredths + 25) / 50) * 50;
  if (rounded !== NOT_ACCEPTED) return rounded / 100;
  return hundredths < NOT_ACCEPTED ? 5 : 6;
}

/** A pass is 6 or more; a fail registers no EC. */
export function isPass(convertedGrade: number): boolean {
  const isHalfPoint = Number.isInteger(convertedGrade * 2);
  if (!isHalfPoint || convertedGrade < 1 || convertedGrade > 10 || convertedGrade === 5.5) {
    throw new RangeError(
      `${String(convertedGrade)} is not a converted grade (a half point from 1 to 10, never 5.5)`,
    );
  }
  return convertedGrade >= 6;
}
