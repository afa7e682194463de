/** Calendar dates as the register stores them: 'YYYY-MM-DD', no time, no zone. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function toCalendarDate(s: string): CalendarDate | null {
  const match = typeof s === 'string' ? ISO_DATE.exec(s) : null;
  if (!match) return null;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isCalendarDate(s: string): boolean {
  return toCalendarDate(s) !== null;
}

export function parseCalendarDate(s: string, what = 'Date'): CalendarDate {
  const date = toCalendarDate(s);
  if (!date) {
    throw new RangeError(`${what} ${JSON.stringify(s)} is not a real calendar date (YYYY-MM-DD)`);
  }
  return date;
}

const pad2 = (n: number): string => String(n % 100).padStart(2, '0');

/** The academic year runs 1 September to 31 August; 2022-2023 is written 22-23. */
export function academicYear(date: string): { startYear: number; label: string } {
  const { year, month } = parseCalendarDate(date);
  const startYear = month >= 9 ? year : year - 1;
  return { startYear, label: `${pad2(startYear)}-${pad2(startYear + 1)}` };
}

const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'],
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september',
    'oktober', 'november', 'december'],
} as const;

/** '2023-02-01' → '1 February 2023' / '1 februari 2023', as a letter to a student writes it. */
export function formatLongDate(date: string, language: 'en' | 'nl'): string {
  const { year, month, day } = parseCalendarDate(date);
  return `${day} ${MONTHS[language][month - 1] ?? ''} ${year}`;
}
