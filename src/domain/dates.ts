/**
 * Calendar dates as editors write them: a day (`2022-01-28`), a month
 * (`2022-01`, "In January 2022") or a year (`2018`, "In 2018"). No time
 * zones: a date is a calendar fact. A month or a year sorts as its last day.
 */
export interface PartialDate {
  year: number;
  /** Absent for year precision. */
  month?: number;
  /** Absent for month and year precision (never present without `month`). */
  day?: number;
}

/** The coarsest precision a field accepts: `day` only, `month` too, or `year` too. */
export type DatePrecision = 'day' | 'month' | 'year';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

export type DateResult = { ok: true; date: PartialDate } | { ok: false; reason: string };

/** The forms a field accepts, for messages: "2022-01-28, 2022-01 or 2022". */
export function dateForms(coarsest: DatePrecision): string {
  return coarsest === 'day'
    ? '2022-01-28'
    : coarsest === 'month'
      ? '2022-01-28 or 2022-01'
      : '2022-01-28, 2022-01 or 2022';
}

/** How to write a date a field accepts, for hints. */
export function dateHint(coarsest: DatePrecision): string {
  return coarsest === 'day'
    ? 'write YYYY-MM-DD, e.g. 2022-03-01'
    : coarsest === 'month'
      ? 'write YYYY-MM-DD (2022-01-28), or YYYY-MM (2022-01) for "in January 2022"'
      : 'write YYYY-MM-DD (2022-01-28), YYYY-MM (2022-01) for "in January 2022", or YYYY (2022) for "in 2022"';
}

/**
 * Parses `YYYY-MM-DD`, or `YYYY-MM` and `YYYY` where `coarsest` allows;
 * refuses impossible dates.
 */
export function parseDate(text: string, coarsest: DatePrecision): DateResult {
  const day = DAY.exec(text);
  const month = coarsest !== 'day' ? MONTH.exec(text) : null;
  const year = coarsest === 'year' ? YEAR.exec(text) : null;
  if (year) return { ok: true, date: { year: Number(year[1]) } };
  if (!day && !month) {
    return {
      ok: false,
      reason: `"${text}" is not a date in a form gazette reads (${dateForms(coarsest)})`,
    };
  }
  const parts = (day ?? month)!;
  const y = Number(parts[1]);
  const m = Number(parts[2]);
  if (m < 1 || m > 12) return { ok: false, reason: `"${text}" has no month ${parts[2]}` };
  if (!day) return { ok: true, date: { year: y, month: m } };
  const d = Number(parts[3]);
  const last = daysInMonth(y, m);
  if (d < 1 || d > last) {
    return {
      ok: false,
      reason: `"${text}" does not exist: ${MONTH_NAMES[m - 1]} ${y} has ${last} days`,
    };
  }
  return { ok: true, date: { year: y, month: m, day: d } };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `2022-01-28`, `2022-01` or `2022`: the form the editor wrote. */
export function isoDate(date: PartialDate): string {
  const year = pad(date.year, 4);
  if (date.month === undefined) return year;
  const month = `${year}-${pad(date.month)}`;
  return date.day === undefined ? month : `${month}-${pad(date.day)}`;
}

/** `2022-01`: the month of a date; a year-precision date's is its last, December. */
export function monthId(date: PartialDate): string {
  return `${pad(date.year, 4)}-${pad(date.month ?? 12)}`;
}

/** The first and the last day a date can stand for. */
function firstOf(date: PartialDate): Day {
  return { year: date.year, month: date.month ?? 1, day: date.day ?? 1 };
}

function lastOf(date: PartialDate): Day {
  const month = date.month ?? 12;
  return { year: date.year, month, day: date.day ?? daysInMonth(date.year, month) };
}

interface Day {
  year: number;
  month: number;
  day: number;
}

function dayNumber(d: Day): number {
  return d.year * 10000 + d.month * 100 + d.day;
}

/** A sortable day number; a month or a year counts as its last day. */
export function sortKey(date: PartialDate): number {
  return dayNumber(lastOf(date));
}

/** `January 28, 2022`, `January 2022`, or `2018`. */
export function formatDate(date: PartialDate): string {
  if (date.month === undefined) return String(date.year);
  const month = MONTH_NAMES[date.month - 1];
  return date.day === undefined ? `${month} ${date.year}` : `${month} ${date.day}, ${date.year}`;
}

/** The last full day a date can stand for, as `YYYY-MM-DD` (for feeds and sitemaps). */
export function lastDay(date: PartialDate): string {
  const d = lastOf(date);
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** The month before a date's (a year's: November, the month before its last). */
export function previousMonth(date: PartialDate): PartialDate {
  const month = date.month ?? 12;
  return month === 1 ? { year: date.year - 1, month: 12 } : { year: date.year, month: month - 1 };
}

/** An inclusive range of days, as sort keys. */
export interface Period {
  from: PartialDate;
  to: PartialDate;
}

/** A month or a year lies in the period when the whole of it does. */
export function periodContains(period: Period, date: PartialDate): boolean {
  return (
    dayNumber(firstOf(date)) >= dayNumber(firstOf(period.from)) &&
    dayNumber(lastOf(date)) <= dayNumber(lastOf(period.to))
  );
}

export function periodsOverlap(a: Period, b: Period): boolean {
  return (
    dayNumber(firstOf(a.from)) <= dayNumber(lastOf(b.to)) &&
    dayNumber(firstOf(b.from)) <= dayNumber(lastOf(a.to))
  );
}

/** "January 2022", or "January 1 – March 31, 2022" style for other spans. */
export function formatPeriod(period: Period): string {
  const { from, to } = period;
  const first = firstOf(from);
  const last = lastOf(to);
  const wholeMonth =
    first.day === 1 &&
    first.year === last.year &&
    first.month === last.month &&
    last.day === daysInMonth(last.year, last.month);
  if (wholeMonth) return formatDate({ year: first.year, month: first.month });
  return `${formatDate(from)} – ${formatDate(to)}`;
}

/**
 * The build date: the UTC day of `SOURCE_DATE_EPOCH` when it is set (the
 * reproducible-builds convention for "now"; the publish workflow sets it from
 * the commit's time), else today's.
 */
export function buildDate(
  epoch = process.env.SOURCE_DATE_EPOCH,
  now = Date.now(),
): PartialDate & { month: number; day: number } {
  const seconds = epoch !== undefined && /^\d+$/.test(epoch.trim()) ? Number(epoch.trim()) : NaN;
  const d = new Date(Number.isFinite(seconds) ? seconds * 1000 : now);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
