import { fail } from './values.js';
import type { Span } from './errors.js';

export type DatePart = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';

/** T-SQL date part names and abbreviations. */
export const DATE_PARTS: ReadonlyMap<string, DatePart> = new Map<string, DatePart>([
  ['year', 'year'], ['yy', 'year'], ['yyyy', 'year'],
  ['quarter', 'quarter'], ['qq', 'quarter'], ['q', 'quarter'],
  ['month', 'month'], ['mm', 'month'], ['m', 'month'],
  ['dayofyear', 'day'], ['dy', 'day'], ['y', 'day'],
  ['day', 'day'], ['dd', 'day'], ['d', 'day'],
  ['week', 'week'], ['wk', 'week'], ['ww', 'week'],
  ['hour', 'hour'], ['hh', 'hour'],
  ['minute', 'minute'], ['mi', 'minute'], ['n', 'minute'],
  ['second', 'second'], ['ss', 'second'], ['s', 'second'],
  ['millisecond', 'millisecond'], ['ms', 'millisecond'],
]);

const MS_PER: Readonly<Record<'week' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond', number>> = {
  week: 604_800_000,
  day: 86_400_000,
  hour: 3_600_000,
  minute: 60_000,
  second: 1_000,
  millisecond: 1,
};

export function toDatePart(text: string, span: Span): DatePart {
  return DATE_PARTS.get(text.toLowerCase()) ?? fail('invalid_argument', span, `unknown date part '${text}'`);
}

/** DATEADD: months clamp to the month's last day (Jan 31 + 1 month = Feb 28/29), as T-SQL does. */
export function dateAdd(part: DatePart, amount: number, date: Date, span: Span): Date {
  const n = Math.trunc(amount);
  let time: number;
  if (part === 'year' || part === 'quarter' || part === 'month') {
    const months = part === 'year' ? n * 12 : part === 'quarter' ? n * 3 : n;
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + months;
    const targetYear = y + Math.floor(m / 12);
    const targetMonth = ((m % 12) + 12) % 12;
    const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
    const day = Math.min(date.getUTCDate(), lastDay);
    time = Date.UTC(targetYear, targetMonth, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
  } else {
    time = date.getTime() + n * MS_PER[part];
  }
  if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) fail('arithmetic_overflow', span, 'DATEADD result is outside the datetime range');
  return new Date(time);
}

const THURSDAY_TO_SUNDAY_DAYS = 4;

/** DATEDIFF counts the part boundaries crossed between the dates, as T-SQL does (weeks start on Sunday). */
export function dateDiff(part: DatePart, a: Date, b: Date): number {
  switch (part) {
    case 'year':
      return b.getUTCFullYear() - a.getUTCFullYear();
    case 'quarter':
      return (b.getUTCFullYear() - a.getUTCFullYear()) * 4 + Math.floor(b.getUTCMonth() / 3) - Math.floor(a.getUTCMonth() / 3);
    case 'month':
      return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
    case 'week': {
      // why: 1970-01-01 was a Thursday; shifting by 4 days puts week boundaries on Sundays.
      const weekOf = (d: Date): number => Math.floor((Math.floor(d.getTime() / MS_PER.day) + THURSDAY_TO_SUNDAY_DAYS) / 7);
      return weekOf(b) - weekOf(a);
    }
    default:
      return Math.floor(b.getTime() / MS_PER[part]) - Math.floor(a.getTime() / MS_PER[part]);
  }
}
