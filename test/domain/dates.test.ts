import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatPeriod,
  isoDate,
  lastDay,
  monthId,
  parseDate,
  periodContains,
  periodsOverlap,
  previousMonth,
  sortKey,
  type DatePrecision,
  type PartialDate,
} from '../../src/domain/dates.js';

describe('parseDate', () => {
  it.each([
    ['2022-01-28', 'year', { year: 2022, month: 1, day: 28 }],
    ['2022-01-28', 'day', { year: 2022, month: 1, day: 28 }],
    ['2022-01', 'month', { year: 2022, month: 1 }],
    ['2022-01', 'year', { year: 2022, month: 1 }],
    ['2018', 'year', { year: 2018 }],
    ['0999', 'year', { year: 999 }],
    ['2024-02-29', 'day', { year: 2024, month: 2, day: 29 }],
  ] as [string, DatePrecision, PartialDate][])(
    'reads %s where %s precision is allowed',
    (text, coarsest, date) => {
      expect(parseDate(text, coarsest)).toEqual({ ok: true, date });
    },
  );

  it.each([
    ['2022-02-30', 'year', '"2022-02-30" does not exist: February 2022 has 28 days'],
    ['2023-02-29', 'month', '"2023-02-29" does not exist: February 2023 has 28 days'],
    ['2022-13-01', 'year', '"2022-13-01" has no month 13'],
    ['2022-00', 'year', '"2022-00" has no month 00'],
    [
      'January 2022',
      'year',
      '"January 2022" is not a date in a form gazette reads (2022-01-28, 2022-01 or 2022)',
    ],
    [
      'Unknown',
      'year',
      '"Unknown" is not a date in a form gazette reads (2022-01-28, 2022-01 or 2022)',
    ],
    ['2018', 'month', '"2018" is not a date in a form gazette reads (2022-01-28 or 2022-01)'],
    ['2022-01', 'day', '"2022-01" is not a date in a form gazette reads (2022-01-28)'],
    ['18', 'year', '"18" is not a date in a form gazette reads (2022-01-28, 2022-01 or 2022)'],
    [
      '22-1-5',
      'year',
      '"22-1-5" is not a date in a form gazette reads (2022-01-28, 2022-01 or 2022)',
    ],
  ] as [string, DatePrecision, string][])(
    'refuses %s where %s precision is allowed',
    (text, coarsest, reason) => {
      expect(parseDate(text, coarsest)).toEqual({ ok: false, reason });
    },
  );
});

describe('a date as written, shown, and as the last day it stands for', () => {
  it.each([
    [{ year: 2022, month: 1, day: 5 }, '2022-01-05', 'January 5, 2022', '2022-01-05', '2022-01'],
    [{ year: 2022, month: 2 }, '2022-02', 'February 2022', '2022-02-28', '2022-02'],
    [{ year: 2024, month: 2 }, '2024-02', 'February 2024', '2024-02-29', '2024-02'],
    [{ year: 2018 }, '2018', '2018', '2018-12-31', '2018-12'],
  ] as [PartialDate, string, string, string, string][])(
    '%o: %s, "%s", ends %s, in month %s',
    (date, iso, text, last, month) => {
      expect(isoDate(date)).toBe(iso);
      expect(formatDate(date)).toBe(text);
      expect(lastDay(date)).toBe(last);
      expect(monthId(date)).toBe(month);
    },
  );
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
  it('counts a year as its last day: after every day and month of it, before the next year', () => {
    const sorted = [
      { year: 2019, month: 1, day: 1 },
      { year: 2018 },
      { year: 2018, month: 12 },
      { year: 2018, month: 12, day: 31 },
      { year: 2018, month: 12, day: 30 },
      { year: 2018, month: 3 },
      { year: 2017 },
    ].sort((a, b) => sortKey(b) - sortKey(a) || isoDate(a).length - isoDate(b).length);
    expect(sorted.map(isoDate)).toEqual([
      '2019-01-01',
      '2018',
      '2018-12',
      '2018-12-31',
      '2018-12-30',
      '2018-03',
      '2017',
    ]);
    expect(sortKey({ year: 2018 })).toBe(sortKey({ year: 2018, month: 12, day: 31 }));
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
  it('holds a year only when the whole year is inside', () => {
    const year = { from: { year: 2018, month: 1, day: 1 }, to: { year: 2018, month: 12, day: 31 } };
    const longer = {
      from: { year: 2017, month: 6, day: 1 },
      to: { year: 2019, month: 1, day: 31 },
    };
    const december = {
      from: { year: 2018, month: 12, day: 1 },
      to: { year: 2018, month: 12, day: 31 },
    };
    expect(periodContains(year, { year: 2018 })).toBe(true);
    expect(periodContains(longer, { year: 2018 })).toBe(true);
    expect(periodContains(december, { year: 2018 })).toBe(false);
    expect(periodContains(year, { year: 2019 })).toBe(false);
    expect(periodsOverlap(year, december)).toBe(true);
    expect(
      periodsOverlap(year, {
        from: { year: 2019, month: 1, day: 1 },
        to: { year: 2019, month: 1, day: 31 },
      }),
    ).toBe(false);
  });
  it('finds the previous month across a year', () => {
    expect(previousMonth({ year: 2022, month: 1, day: 17 })).toEqual({ year: 2021, month: 12 });
    expect(previousMonth({ year: 2022, month: 2, day: 17 })).toEqual({ year: 2022, month: 1 });
  });
});
