import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ADVANCED_CAP_EC,
  INTRODUCTORY_CAP_EC,
  creditedEc,
  ecStanding,
  type Level,
} from '../../shared/rules';

describe('creditedEc', () => {
  it.each([
    [7.5, 7], // the procedure's own example
    [2.5, 2],
    [5, 5],
    [0.5, 0],
    [3.99, 3],
    [15, 15],
  ])('%s EC is credited as %s EC', (ec, credited) => {
    expect(creditedEc(ec)).toBe(credited);
  });

  it.each([0, -1, -7.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    '%s EC is a RangeError',
    (ec) => {
      expect(() => creditedEc(ec)).toThrow(RangeError);
      expect(() => creditedEc(ec)).toThrow(/positive finite/);
    },
  );

  it('is a whole number no greater than the EC and less than one below it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1e9, noNaN: true }), (ec) => {
        const credited = creditedEc(ec);
        expect(Number.isInteger(credited)).toBe(true);
        expect(credited).toBeLessThanOrEqual(ec);
        expect(credited).toBeGreaterThan(ec - 1);
      }),
    );
  });
});

describe('ecStanding', () => {
  it('names the limits of the procedure', () => {
    expect(ADVANCED_CAP_EC).toBe(5);
    expect(INTRODUCTORY_CAP_EC).toBe(3);
  });

  type P = { ec: number; level: Level; standing: 'approved' | 'pending' };
  it.each<[string, P[], object]>([
    [
      'no petitions',
      [],
      {
        advanced: { approved: 0, pending: 0, limit: 5, remaining: 5, remainingIfPendingApproved: 5 },
        introductory: { approved: 0, pending: 0, limit: 3, remaining: 3, remainingIfPendingApproved: 3 },
      },
    ],
    [
      'master level counts toward neither cap',
      [{ ec: 10, level: 400, standing: 'approved' }, { ec: 6, level: 'master', standing: 'pending' }],
      {
        advanced: { approved: 0, pending: 0, remaining: 5 },
        introductory: { approved: 0, pending: 0, remaining: 3 },
      },
    ],
    [
      'introductory counts toward both caps, advanced toward the advanced cap only',
      [
        { ec: 2, level: 100, standing: 'approved' },
        { ec: 2, level: 300, standing: 'approved' },
        { ec: 1, level: 'introductory', standing: 'pending' },
      ],
      {
        advanced: { approved: 4, pending: 1, remaining: 1, remainingIfPendingApproved: 0 },
        introductory: { approved: 2, pending: 1, remaining: 1, remainingIfPendingApproved: 0 },
      },
    ],
    [
      'credited EC, rounded down',
      [{ ec: 2.5, level: 200, standing: 'approved' }],
      { introductory: { approved: 2, remaining: 1 } },
    ],
    [
      'room never goes below zero',
      [{ ec: 6, level: 'advanced', standing: 'approved' }, { ec: 4, level: 200, standing: 'pending' }],
      {
        advanced: { approved: 6, pending: 4, remaining: 0, remainingIfPendingApproved: 0 },
        introductory: { approved: 0, pending: 4, remaining: 3, remainingIfPendingApproved: 0 },
      },
    ],
  ])('%s', (_, petitions, expected) => {
    expect(ecStanding(petitions)).toMatchObject(expected);
  });

  it.each<[string, P]>([
    ['a zero EC', { ec: 0, level: 300, standing: 'approved' }],
    ['an unknown level', { ec: 2, level: 700 as Level, standing: 'approved' }],
    ['an unknown standing', { ec: 2, level: 300, standing: 'rejected' as 'approved' }],
  ])('refuses %s with a RangeError', (_, petition) => {
    expect(() => ecStanding([petition])).toThrow(RangeError);
  });
});
