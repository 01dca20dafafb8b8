/**
 * Calendar dates as editors write them: a day (`2022-01-28`) or a month
 * (`2022-01`, "In January 2022"). No time zones: a date is a calendar fact.
 */
export interface PartialDate {
  year: number;
  month: number;
  /** Absent for month precision. */
  day?: number;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

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

/** Parses `YYYY-MM-DD`, or `YYYY-MM` when `allowMonth`; refuses impossible dates. */
export function parseDate(text: string, allowMonth: boolean): DateResult {
  const day = DAY.exec(text);
  const month = day ? null : MONTH.exec(text);
  if (!day && !(month && allowMonth)) {
    const shape = allowMonth ? 'YYYY-MM-DD or YYYY-MM' : 'YYYY-MM-DD';
    return { ok: false, reason: `"${text}" is not a date in the form ${shape}` };
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

/** `2022-01-28` or `2022-01`: the form the editor wrote. */
export function isoDate(date: PartialDate): string {
  const month = `${pad(date.year, 4)}-${pad(date.month)}`;
  return date.day === undefined ? month : `${month}-${pad(date.day)}`;
}

export function monthId(date: PartialDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}`;
}

/** A sortable day number; a month-precision date counts as the end of its month. */
export function sortKey(date: PartialDate): number {
  const day = date.day ?? daysInMonth(date.year, date.month);
  return date.year * 10000 + date.month * 100 + day;
}

/** `January 28, 2022`, or `January 2022` for month precision. */
export function formatDate(date: PartialDate): string {
  const month = MONTH_NAMES[date.month - 1];
  return date.day === undefined ? `${month} ${date.year}` : `${month} ${date.day}, ${date.year}`;
}

/** The last full day a date can stand for, as `YYYY-MM-DD` (for feeds and sitemaps). */
export function lastDay(date: PartialDate): string {
  const day = date.day ?? daysInMonth(date.year, date.month);
  return `${monthId(date)}-${pad(day)}`;
}

export function previousMonth(date: PartialDate): PartialDate {
  return date.month === 1
    ? { year: date.year - 1, month: 12 }
    : { year: date.year, month: date.month - 1 };
}

/** An inclusive range of days, as sort keys. */
export interface Period {
  from: PartialDate;
  to: PartialDate;
}

export function periodContains(period: Period, date: PartialDate): boolean {
  const first = (d: PartialDate) => d.year * 10000 + d.month * 100 + (d.day ?? 1);
  // A month-precision date lies in the period when its whole month does.
  const start = first(date);
  const end = sortKey(date);
  return start >= first(period.from) && end <= sortKey(period.to);
}

export function periodsOverlap(a: Period, b: Period): boolean {
  const first = (d: PartialDate) => d.year * 10000 + d.month * 100 + (d.day ?? 1);
  return first(a.from) <= sortKey(b.to) && first(b.from) <= sortKey(a.to);
}

/** "January 2022", or "January 1 – March 31, 2022" style for other spans. */
export function formatPeriod(period: Period): string {
  const { from, to } = period;
  const wholeMonth =
    (from.day ?? 1) === 1 &&
    from.year === to.year &&
    from.month === to.month &&
    (to.day ?? daysInMonth(to.year, to.month)) === daysInMonth(to.year, to.month);
  if (wholeMonth) return formatDate({ year: from.year, month: from.month });
  return `${formatDate(from)} – ${formatDate(to)}`;
}
