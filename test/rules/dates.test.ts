import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { academicYear, formatLongDate, isCalendarDate, parseCalendarDate } from '../../shared/rules';

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('isCalendarDate', () => {
  it.each([
    ['2023-03-14', true],
    ['2024-02-29', true], // leap year
    ['2000-02-29', true], // divisible by 400
    ['2023-12-31', true],
    ['2023-02-29', false],
    ['1900-02-29', false], // divisible by 100, not by 400
    ['2023-04-31', false],
    ['2023-13-01', false],
    ['2023-00-10', false],
    ['2023-01-00', false],
    ['2023-1-5', false],
    ['14-03-2023', false],
    ['2023-03-14T00:00', false],
    [' 2023-03-14', false],
    ['', false],
  ])('%j → %s', (s, valid) => {
    expect(isCalendarDate(s)).toBe(valid);
  });

  it('agrees with the calendar for every real date', () => {
    fc.assert(
      fc.property(isoDate, (d) => {
        expect(isCalendarDate(d)).toBe(true);
      }),
    );
  });
});

describe('academicYear', () => {
  it.each([
    ['2023-03-14', 2022, '22-23'],
    ['2022-09-01', 2022, '22-23'], // first day
    ['2023-08-31', 2022, '22-23'], // last day
    ['2022-08-31', 2021, '21-22'],
    ['2023-09-01', 2023, '23-24'],
    ['2024-01-01', 2023, '23-24'],
    ['1999-10-01', 1999, '99-00'], // across a century
    ['2009-12-01', 2009, '09-10'],
  ])('%s is in %s (%s)', (date, startYear, label) => {
    expect(academicYear(date)).toEqual({ startYear, label });
  });

  it.each(['2023-02-30', '2023-3-14', 'yesterday', ''])('%j is a RangeError', (date) => {
    expect(() => academicYear(date)).toThrow(RangeError);
    expect(() => academicYear(date)).toThrow(/not a real calendar date/);
  });

  it('puts every date between 1 September of the start year and 31 August after it', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const { startYear, label } = academicYear(date);
        expect(date >= `${startYear}-09-01` && date <= `${startYear + 1}-08-31`).toBe(true);
        expect(label).toBe(`${String(startYear).slice(-2)}-${String(startYear + 1).slice(-2)}`);
      }),
    );
  });
});

describe('parseCalendarDate and formatLongDate', () => {
  it('names the field that is wrong', () => {
    expect(() => parseCalendarDate('2023-02-30', 'Course start date')).toThrow(
      'Course start date "2023-02-30" is not a real calendar date (YYYY-MM-DD)',
    );
  });

  it.each([
    ['2023-02-01', '1 February 2023', '1 februari 2023'],
    ['2022-09-30', '30 September 2022', '30 september 2022'],
  ])('%s → %s / %s', (date, en, nl) => {
    expect(formatLongDate(date, 'en')).toBe(en);
    expect(formatLongDate(date, 'nl')).toBe(nl);
  });
});
