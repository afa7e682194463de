import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DECISION_TEMPLATE, formatDecisionNumber } from '../../shared/rules';

describe('formatDecisionNumber', () => {
  it.each([
    // the procedure's own examples
    ['{ay} LIACS {seq}', '2023-03-14', 129, '22-23 LIACS 129'],
    ['Besluit {seq}', '2023-03-14', 1642, 'Besluit 1642'],
    ['Besluit {n}', '2023-03-14', 1642, 'Besluit 1642'],
    // the academic year follows the decision date
    ['{ay} LIACS {seq}', '2022-09-01', 1, '22-23 LIACS 1'],
    ['{ay} LIACS {seq}', '2022-08-31', 300, '21-22 LIACS 300'],
    ['{year}/{seq}', '2023-03-14', 7, '2022/7'],
    ['BoEx {year}-{ay}-{n}', '2024-10-01', 12, 'BoEx 2024-24-25-12'],
  ])('%j on %s with %s → %j', (template, date, seq, expected) => {
    expect(formatDecisionNumber(template, { date, seq })).toBe(expected);
  });

  it('defaults to the current LIACS form', () => {
    expect(DEFAULT_DECISION_TEMPLATE).toBe('{ay} LIACS {seq}');
  });

  it.each<[string, string, number, RegExp]>([
    ['{ay} LIACS', '2023-03-14', 1, /has no \{seq\}/],
    ['Besluit', '2023-03-14', 1, /has no \{seq\}/],
    ['{ay} LIACS {sequence}', '2023-03-14', 1, /unknown placeholder \{sequence\}/],
    ['{ay} LIACS {seq}', '2023-03-14', 0, /whole number from 1/],
    ['{ay} LIACS {seq}', '2023-03-14', -3, /whole number from 1/],
    ['{ay} LIACS {seq}', '2023-03-14', 1.5, /whole number from 1/],
    ['{ay} LIACS {seq}', '2023-03-14', Number.NaN, /whole number from 1/],
    ['{ay} LIACS {seq}', '2023-02-30', 1, /not a real calendar date/],
  ])('%j on %s with %s is a RangeError', (template, date, seq, message) => {
    expect(() => formatDecisionNumber(template, { date, seq })).toThrow(RangeError);
    expect(() => formatDecisionNumber(template, { date, seq })).toThrow(message);
  });

  it('gives different numbers for different sequence numbers in the same year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (a, b) => {
        const format = (seq: number) => formatDecisionNumber(DEFAULT_DECISION_TEMPLATE, { date: '2023-03-14', seq });
        expect(format(a) === format(b)).toBe(a === b);
      }),
    );
  });
});
