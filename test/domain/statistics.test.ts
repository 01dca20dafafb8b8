import { describe, expect, it } from 'vitest';
import { amountStyle, figure, fineStyles, styledNumber } from '../../src/domain/amount-style.js';
import { decimalAmount, parseFineText, type Fine } from '../../src/domain/fines.js';
import { figures, median, topFines } from '../../src/domain/statistics.js';
import { fineRecords, type Fined } from '../../src/domain/totals.js';
import { undisclosedFine } from '../../src/domain/fine-forms.js';

const eur = (text: string): Fine => {
  const r = parseFineText(text, 'EUR');
  if (!r.ok) throw new Error(r.reason);
  return r.fine;
};

describe('median: exact, the mean of the middle two for an even count', () => {
  it.each([
    [[5n], 2, '0.05'],
    [[1n, 2n, 3n], 2, '0.02'],
    [[2n, 4n], 2, '0.03'],
    // Half a cent: one digit more than the currency, exact.
    [[1_000_000n, 1_000_001n], 2, '10000.005'],
    [[1n, 2n], 0, '1.5'],
    // Past 2^53: still exact.
    [[9_007_199_254_740_993n, 9_007_199_254_740_996n], 2, '90071992547409.945'],
  ])('%s (%d digits) → %s', (sorted, exponent, expected) => {
    const m = median(sorted, exponent)!;
    expect(decimalAmount(m.minor, m.exponent)).toBe(expected);
  });
  it('has none of no fines', () => expect(median([], 2)).toBeUndefined());
});

describe('amountStyle: one unit per currency, chosen from the smallest amount shown', () => {
  const d = (minor: bigint, exponent = 2) => ({ minor, exponent });
  it.each([
    [
      'all under a million: in full',
      [300_000_00n, 1_200_000_000_00n],
      '',
      0,
      ['300,000', '1,200,000,000'],
    ],
    [
      'one with cents: every figure with cents',
      [300_000_00n, 1_25n],
      '',
      2,
      ['300,000.00', '1.25'],
    ],
    [
      'all at least a million: millions',
      [1_674_000_000n, 8_026_000_000_00n],
      'million',
      2,
      ['16.74', '8,026.00'],
    ],
    [
      'all at least a billion: billions',
      [1_200_000_000_00n, 8_026_000_000_00n],
      'billion',
      2,
      ['1.20', '8.03'],
    ],
    ['a zero does not decide', [0n, 2_000_000_00n], 'million', 2, ['0.00', '2.00']],
  ] as const)('%s', (_, amounts, word, decimals, numbers) => {
    const style = amountStyle(
      'EUR',
      2,
      amounts.map((minor) => d(minor)),
    );
    expect([style.word, style.decimals]).toEqual([word, decimals]);
    expect(amounts.map((minor) => styledNumber(style, d(minor)))).toEqual(numbers);
  });

  it('rounds half up in millions, and keeps the exact amount beside the figure', () => {
    const style = amountStyle('EUR', 2, [d(1_000_000_00n)]);
    expect(styledNumber(style, d(1_234_999_99n))).toBe('1.23');
    expect(styledNumber(style, d(1_235_000_00n))).toBe('1.24');
    expect(figure(style, d(1_235_000_00n))).toEqual({
      number: '1.24',
      text: 'EUR\u00a01.24\u00a0million',
      short: '1.24\u00a0million',
      exact: '1235000.00',
      title: 'EUR 1,235,000',
    });
  });

  it('counts a median for the unit but not for the cents', () => {
    const whole = [d(10_000_00n), d(20_001_00n)];
    const mean = median([10_000_00n, 20_001_00n], 2)!; // 15,000.50
    const style = amountStyle('EUR', 2, whole, [mean]);
    expect(style.decimals).toBe(0);
    expect(figure(style, mean)).toMatchObject({ number: '15,001', exact: '15000.50' });
  });

  it('writes each currency of a site the same way on every page', () => {
    const styles = fineStyles([eur('EUR 1.2 billion'), eur('EUR 4,800'), undisclosedFine('GBP')]);
    expect([...styles.keys()]).toEqual(['EUR']);
    expect(styles.get('EUR')).toMatchObject({ word: '', decimals: 0, unit: 'EUR' });
  });
});

describe('figures and topFines of one currency', () => {
  const item = (url: string, date: string, ...fines: Fined['fines']): Fined => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    return { url, date: { year, month, day }, authorities: [], fines };
  };
  const records = fineRecords([
    item('/a/', '2022-01-01', eur('EUR 300'), undisclosedFine('EUR')),
    item('/b/', '2022-02-01', eur('EUR 5,000')),
    item('/c/', '2021-02-01', eur('EUR 5,000')),
    item('/d/', '2021-02-01', undisclosedFine(undefined)),
  ]);

  it('counts fines, cases and the unknown apart, and adds only the known', () => {
    expect(figures(records, 'EUR', 2)).toEqual({
      currency: 'EUR',
      exponent: 2,
      fines: 4,
      cases: 3,
      known: 3,
      unknown: 1,
      total: 1_030_000n,
      median: { minor: 500_000n, exponent: 2 },
      largest: 500_000n,
    });
  });

  it('orders the largest by amount, then the newest, then the address', () => {
    expect(topFines(records, 'EUR', 2).map((r) => r.item.url)).toEqual(['/b/', '/c/']);
  });

  it('keeps ten by default, the largest, of exact fines only', () => {
    const many = fineRecords(
      Array.from({ length: 12 }, (_, i) =>
        item(`/f${i}/`, '2022-03-01', eur(`EUR ${(i + 1) * 1000}`), undisclosedFine('EUR')),
      ),
    );
    const top = topFines(many, 'EUR');
    expect(top).toHaveLength(10);
    expect(top.map((r) => r.item.url)).toEqual(
      [12, 11, 10, 9, 8, 7, 6, 5, 4, 3].map((n) => `/f${n - 1}/`),
    );
  });
});
