import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatPeriod,
  parseDate,
  periodContains,
  previousMonth,
  sortKey,
} from '../../src/domain/dates.js';

describe('parseDate', () => {
  it.each([
    ['2022-01-28', true, { year: 2022, month: 1, day: 28 }],
    ['2022-01', true, { year: 2022, month: 1 }],
    ['2024-02-29', false, { year: 2024, month: 2, day: 29 }],
  ])('reads %s', (text, allowMonth, date) => {
    expect(parseDate(text, allowMonth)).toEqual({ ok: true, date });
  });

  it.each([
    ['2022-02-30', true, 'February 2022 has 28 days'],
    ['2023-02-29', true, 'February 2023 has 28 days'],
    ['2022-13-01', true, 'no month 13'],
    ['2022-00', true, 'no month 00'],
    ['January 2022', true, 'not a date in the form YYYY-MM-DD or YYYY-MM'],
    ['2022-01', false, 'not a date in the form YYYY-MM-DD'],
    ['22-1-5', true, 'not a date'],
  ])('refuses %s', (text, allowMonth, reason) => {
    const result = parseDate(text, allowMonth);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('formatting', () => {
  it('shows a day and a month as such', () => {
    expect(formatDate({ year: 2022, month: 1, day: 5 })).toBe('January 5, 2022');
    expect(formatDate({ year: 2022, month: 1 })).toBe('January 2022');
  });
  it('shows a whole month period as the month', () => {
    expect(
      formatPeriod({
        from: { year: 2022, month: 1, day: 1 },
        to: { year: 2022, month: 1, day: 31 },
      }),
    ).toBe('January 2022');
    expect(
      formatPeriod({
        from: { year: 2022, month: 1, day: 1 },
        to: { year: 2022, month: 2, day: 15 },
      }),
    ).toBe('January 1, 2022 – February 15, 2022');
  });
});

describe('sortKey', () => {
  it('counts a month-precision date as the end of its month', () => {
    expect(sortKey({ year: 2022, month: 1 })).toBe(sortKey({ year: 2022, month: 1, day: 31 }));
    expect(sortKey({ year: 2022, month: 2 })).toBe(sortKey({ year: 2022, month: 2, day: 28 }));
    expect(sortKey({ year: 2022, month: 1 })).toBeGreaterThan(
      sortKey({ year: 2022, month: 1, day: 30 }),
    );
  });
});

describe('periods', () => {
  const january = { from: { year: 2022, month: 1, day: 1 }, to: { year: 2022, month: 1, day: 31 } };
  it('contains its days and its month', () => {
    expect(periodContains(january, { year: 2022, month: 1, day: 1 })).toBe(true);
    expect(periodContains(january, { year: 2022, month: 1, day: 31 })).toBe(true);
    expect(periodContains(january, { year: 2022, month: 1 })).toBe(true);
    expect(periodContains(january, { year: 2022, month: 2, day: 1 })).toBe(false);
    expect(periodContains(january, { year: 2021, month: 12, day: 31 })).toBe(false);
  });
  it('a month is not inside a half-month period', () => {
    const half = { from: { year: 2022, month: 1, day: 1 }, to: { year: 2022, month: 1, day: 15 } };
    expect(periodContains(half, { year: 2022, month: 1 })).toBe(false);
  });
  it('finds the previous month across a year', () => {
    expect(previousMonth({ year: 2022, month: 1, day: 17 })).toEqual({ year: 2021, month: 12 });
    expect(previousMonth({ year: 2022, month: 2, day: 17 })).toEqual({ year: 2022, month: 1 });
  });
});
