import { describe, expect, it } from 'vitest';
import {
  decimalAmount,
  formatAmount,
  parseFineAmount,
  parseFineText,
} from '../../src/domain/fines.js';

/** The amount as an exact decimal string with its code: "EUR 746000000.00". */
function read(text: string, currency?: string): string {
  const r = parseFineText(text, currency);
  return r.ok ? `${r.fine.currency} ${decimalAmount(r.fine.minor, r.fine.exponent)}` : r.code;
}

describe('parseFineText: every form a source writes, read exactly', () => {
  it.each([
    // English grouping, symbols, unit words
    ['EUR 746,000,000', 'EUR 746000000.00', 'EUR 746 million'],
    ['€746 million', 'EUR 746000000.00', 'EUR 746 million'],
    ['€ 1,250.50', 'EUR 1250.50', 'EUR 1,250.50'],
    ['1.2 billion USD', 'USD 1200000000.00', 'USD 1.2 billion'],
    ['USD 1.2 billion', 'USD 1200000000.00', 'USD 1.2 billion'],
    ['US$ 5m', 'USD 5000000.00', 'USD 5 million'],
    ['HK$2m', 'HKD 2000000.00', 'HKD 2 million'],
    ['RMB 16.74 million', 'CNY 16740000.00', 'RMB 16.74 million'],
    ['rmb 16.74 Million', 'CNY 16740000.00', 'RMB 16.74 million'],
    ['RMB 300,000', 'CNY 300000.00', 'RMB 300,000'],
    ['¥300,000', 'CNY 300000.00', 'RMB 300,000'],
    ['RMB 1,234,567', 'CNY 1234567.00', 'RMB 1,234,567'],
    ['300000 yuan', 'CNY 300000.00', 'RMB 300,000'],
    ['USD 8.026 billion', 'USD 8026000000.00', 'USD 8.026 billion'],
    ['EUR 1,234 million', 'EUR 1234000000.00', 'EUR 1.234 billion'],
    // A billion or more that three decimals of a billion cannot write: every digit.
    ['GBP 18,228.5 million', 'GBP 18228500000.00', 'GBP 18,228,500,000'],
    ['EUR 4,800', 'EUR 4800.00', 'EUR 4,800'],
    ['EUR 2,000', 'EUR 2000.00', 'EUR 2,000'],
    // Chinese units
    ['50万元', 'CNY 500000.00', 'RMB 500,000'],
    ['CNY 50万', 'CNY 500000.00', 'RMB 500,000'],
    ['RMB 1.5亿', 'CNY 150000000.00', 'RMB 150 million'],
    ['人民币50万元', 'CNY 500000.00', 'RMB 500,000'],
    ['5千元', 'CNY 5000.00', 'RMB 5,000'],
    // Continental grouping and decimal comma
    ['746.000.000 €', 'EUR 746000000.00', 'EUR 746 million'],
    ['1.000.000 EUR', 'EUR 1000000.00', 'EUR 1 million'],
    ['1.000.000,50 EUR', 'EUR 1000000.50', 'EUR 1,000,000.50'],
    ['EUR 30,00', 'EUR 30.00', 'EUR 30'],
    ['12,5 EUR', 'EUR 12.50', 'EUR 12.50'],
    ['EUR 1,2 Mio.', 'EUR 1200000.00', 'EUR 1.2 million'],
    ['EUR 1,5 Mrd.', 'EUR 1500000000.00', 'EUR 1.5 billion'],
    ['1.5 Mio EUR', 'EUR 1500000.00', 'EUR 1.5 million'],
    // Spaces group: ordinary, no-break, narrow no-break, thin; apostrophes
    ['2 000 EUR', 'EUR 2000.00', 'EUR 2,000'],
    ['2\u00a0000 EUR', 'EUR 2000.00', 'EUR 2,000'],
    ['2\u202f000 EUR', 'EUR 2000.00', 'EUR 2,000'],
    ['1\u2009000\u2009000 €', 'EUR 1000000.00', 'EUR 1 million'],
    ['2 000,50 €', 'EUR 2000.50', 'EUR 2,000.50'],
    ["CHF 1'000'000", 'CHF 1000000.00', 'CHF 1 million'],
    // Minor units other than hundredths
    ['JPY 300,000', 'JPY 300000', 'JPY 300,000'],
    ['JPY 1.5 million', 'JPY 1500000', 'JPY 1.5 million'],
    ['KWD 1,234.567', 'KWD 1234.567', 'KWD 1,234.567'],
    ['KWD 1.2340', 'KWD 1.234', 'KWD 1.234'],
    ['KWD 1234', 'KWD 1234.000', 'KWD 1,234'],
    ['BHD 2.5', 'BHD 2.500', 'BHD 2.500'],
    ['CLF 10.1234', 'CLF 10.1234', 'CLF 10.1234'],
    // Historic ISO 4217 codes
    ['HRK 100,000', 'HRK 100000.00', 'HRK 100,000'],
    ['LTL 5,000', 'LTL 5000.00', 'LTL 5,000'],
    ['LVL 1,000', 'LVL 1000.00', 'LVL 1,000'],
    ['EEK 50,000', 'EEK 50000.00', 'EEK 50,000'],
    ['ITL 1.500.000', 'ITL 1500000', 'ITL 1.5 million'],
    ['200000 HRK', 'HRK 200000.00', 'HRK 200,000'],
  ])('%s → %s, shown as %s', (text, exact, display) => {
    expect(read(text)).toBe(exact);
    const r = parseFineText(text);
    expect(r.ok && r.fine.display).toBe(display);
  });

  it('uses the default currency when the text names none', () => {
    expect(read('300,000', 'CNY')).toBe('CNY 300000.00');
    expect(read('EUR 5', 'CNY')).toBe('EUR 5.00');
  });
});

describe('parseFineText: what it refuses, and the hint', () => {
  it.each([
    // Genuinely ambiguous: both readings, and how to write each
    [
      '2.000 EUR',
      'fine-ambiguous',
      '"2.000 EUR" is ambiguous: "2.000" is 2,000 where "." groups thousands, and 2 where it is a decimal point',
      'write "EUR 2,000" or "EUR 2", whichever is meant',
    ],
    [
      'EUR 9.999',
      'fine-ambiguous',
      '"EUR 9.999" is ambiguous: "9.999" is 9,999 where "." groups thousands, and more precise than EUR allows (hundredths) where it is a decimal point',
      'write "EUR 9,999" if that is meant, or correct the amount',
    ],
    [
      'EUR 1.000',
      'fine-ambiguous',
      '"EUR 1.000" is ambiguous: "1.000" is 1,000 where "." groups thousands, and 1 where it is a decimal point',
      'write "EUR 1,000" or "EUR 1", whichever is meant',
    ],
    [
      'KWD 1,234',
      'fine-ambiguous',
      '"KWD 1,234" is ambiguous: "1,234" is 1,234 where "," groups thousands, and 1.234 where it is a decimal comma',
      'write "KWD 1234" or "KWD 1.2340", whichever is meant',
    ],
    [
      'KWD 1.500',
      'fine-ambiguous',
      '"KWD 1.500" is ambiguous: "1.500" is 1,500 where "." groups thousands, and 1.500 where it is a decimal point',
      'write "KWD 1500" or "KWD 1.5000", whichever is meant',
    ],
    [
      'EUR 1,234 Mio.',
      'fine-ambiguous',
      '"EUR 1,234 Mio." is ambiguous: "1,234" is 1.234 billion where "," groups thousands, and 1,234,000 where it is a decimal comma',
      'write "EUR 1.234 billion" or "EUR 1,234,000", whichever is meant',
    ],
    [
      'EUR 1.234 Mio.',
      'fine-ambiguous',
      '"EUR 1.234 Mio." is ambiguous: "1.234" is 1.234 billion where "." groups thousands, and 1,234,000 where it is a decimal point',
      'write "EUR 1.234 billion" or "EUR 1,234,000", whichever is meant',
    ],
    // Irregular or mixed grouping
    [
      'INR 1,00,000',
      'fine-invalid',
      '"1,00,000" groups its digits unevenly: after the first group every group has three digits',
      'write the digits in groups of three (100,000, not 1,00,000), or with no separator',
    ],
    [
      'EUR 1.000 000',
      'fine-invalid',
      '"1.000 000" has digit groups after its decimal mark "."',
      'group the digits before the decimal mark only, e.g. 2 000,50 or 2,000.50',
    ],
    [
      'EUR 1 000.000,50',
      'fine-invalid',
      '"1 000.000,50" groups its digits with two different marks (" " and ".")',
      'group with one mark throughout, e.g. 1,000,000 or 1 000 000',
    ],
    [
      'EUR 1,000.000.000',
      'fine-invalid',
      '"1,000.000.000" uses both "," and "." but no single one of them comes last as the decimal mark',
      'write 1,000,000.50 or 1.000.000,50',
    ],
    [
      'EUR 1,,000',
      'fine-invalid',
      'cannot read "1,,000" as a number',
      'write digits, grouped by "," or spaces',
    ],
    // Precision beyond the minor unit
    [
      'EUR 1.234',
      'fine-ambiguous',
      '"EUR 1.234" is ambiguous: "1.234" is 1,234 where "." groups thousands, and more precise than EUR allows (hundredths) where it is a decimal point',
      'write "EUR 1,234" if that is meant, or correct the amount',
    ],
    [
      'EUR 1.2345',
      'fine-invalid',
      '"EUR 1.2345" is more precise than the EUR minor unit (hundredths)',
      'round it to hundredths',
    ],
    [
      'JPY 1.5',
      'fine-invalid',
      '"JPY 1.5" is more precise than the JPY minor unit (whole units)',
      'round it to whole units',
    ],
    // Currencies
    ['EURO 300', 'fine-currency', '"EURO" is not an ISO 4217 currency code', 'did you mean EUR?'],
    [
      'RMD 300',
      'fine-currency',
      '"RMD" is not an ISO 4217 currency code',
      'did you mean RMB, AMD, BMD or GMD?',
    ],
    [
      '$300',
      'fine-currency',
      '"$" alone does not say which dollar',
      'write US$ or USD, HK$ or HKD, CAD, AUD, …',
    ],
    [
      '300 constructor',
      'fine-currency',
      '"constructor" is not an ISO 4217 currency code',
      'write a three-letter ISO 4217 code such as EUR, USD or RMB (historic codes such as HRK count)',
    ],
    ['__proto__ 300', 'fine-invalid', 'cannot read "__proto__ 300" as a fine', expect.any(String)],
    [
      '300,000',
      'fine-currency',
      '"300,000" has no currency',
      'write it with its currency, e.g. "RMB 300,000", or add currency: RMB',
    ],
    ['RMB 300 USD', 'fine-invalid', '"RMB 300 USD" names two currencies', 'name the currency once'],
    // Other
    ['RMB lots', 'fine-invalid', 'cannot read "RMB lots" as a fine', expect.any(String)],
    [
      'RMB -300',
      'fine-negative',
      'a fine cannot be negative ("RMB -300")',
      'write the amount without a minus sign',
    ],
    ['-RMB 300', 'fine-invalid', 'cannot read "-RMB 300" as a fine', expect.any(String)],
  ])('refuses %s (%s)', (text, code, reason, hint) => {
    expect(parseFineText(text)).toEqual({ ok: false, code, reason, hint });
  });
});

describe('parseFineAmount: an amount beside its currency', () => {
  it('reads a YAML number from the digits it was written with', () => {
    const r = parseFineAmount(16_740_000, 'RMB', '16740000');
    expect(r).toEqual({
      ok: true,
      fine: {
        kind: 'exact',
        minor: 1_674_000_000n,
        exponent: 2,
        currency: 'CNY',
        display: 'RMB 16.74 million',
      },
    });
    expect(parseFineAmount(16.74, 'EUR', '16.74')).toMatchObject({
      ok: true,
      fine: { minor: 1674n },
    });
    expect(parseFineAmount(300000, 'JPY', '300000')).toMatchObject({
      ok: true,
      fine: { minor: 300000n },
    });
  });
  it('refuses 2.000, which YAML reads as the float 2', () => {
    expect(parseFineAmount(2, 'EUR', '2.000')).toMatchObject({ ok: false, code: 'fine-ambiguous' });
  });
  it.each([
    [1e6, '1e6'],
    [16, '0x10'],
    [5, '+5'],
    [1.5, '1.5e0'],
  ])('refuses %s written as %s', (value, written) => {
    expect(parseFineAmount(value, 'EUR', written)).toMatchObject({
      ok: false,
      code: 'fine-invalid',
      reason: `the amount ${written} is not written as plain digits`,
    });
  });
  it('without the written text, takes only a safe integer', () => {
    expect(parseFineAmount(300, 'EUR')).toMatchObject({ ok: true, fine: { minor: 30000n } });
    expect(parseFineAmount(0.1, 'EUR')).toMatchObject({ ok: false, code: 'fine-invalid' });
    expect(parseFineAmount(2 ** 60, 'EUR')).toMatchObject({ ok: false, code: 'fine-invalid' });
  });
  it('reads text beside a currency by the text rules', () => {
    expect(parseFineAmount('2.000', 'EUR')).toMatchObject({ ok: false, code: 'fine-ambiguous' });
    expect(parseFineAmount('2,000', 'EUR')).toMatchObject({ ok: true, fine: { minor: 200000n } });
  });
  it('refuses a negative number and an unknown currency, with the nearest code', () => {
    expect(parseFineAmount(-5, 'USD', '-5')).toMatchObject({ ok: false, code: 'fine-negative' });
    expect(parseFineAmount(5, 'Dollars')).toMatchObject({ ok: false, code: 'fine-currency' });
    expect(parseFineAmount(5, 'EURO')).toMatchObject({ ok: false, hint: 'did you mean EUR?' });
    for (const name of ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty']) {
      expect(parseFineAmount(5, name)).toMatchObject({ ok: false, code: 'fine-currency' });
    }
  });
});

describe('the house style reads back as the same amount, or is refused', () => {
  const amounts = [0n, 1n, 5n, 99n, 100n, 1234n, 100_000n, 1_674_000_000n, 802_600_000_000n];
  const all = [...amounts, ...amounts.map((a) => a * 1000n + 7n)];
  it.each([
    ['EUR', 2],
    ['CNY', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['CLF', 4],
  ] as const)('%s', (currency, exponent) => {
    for (const minor of all) {
      // Three decimals alone would be ambiguous: a fourth, zero, settles it.
      const r = parseFineText(
        `${currency} ${decimalAmount(minor, exponent)}${exponent === 3 ? '0' : ''}`,
      );
      expect(r.ok && r.fine.minor).toBe(minor);
      if (!r.ok) continue;
      const again = parseFineText(r.fine.display);
      if (exponent < 3) expect(again.ok && again.fine.minor).toBe(minor);
      // With three minor digits "KWD 1,234" and "KWD 1.500" are refused as ambiguous,
      // never read as another amount.
      else
        expect(again.ok ? again.fine.minor : again.code).toBe(again.ok ? minor : 'fine-ambiguous');
    }
  });
});

describe('formatAmount', () => {
  it.each([
    [0n, 2, '0'],
    [99n, 2, '0.99'],
    [100_000_00n, 2, '100,000'],
    [999_999_99n, 2, '999,999.99'],
    [1_000_000_00n, 2, '1 million'],
    [1_234_567_00n, 2, '1,234,567'],
    [1_230_000_00n, 2, '1.23 million'],
    [2_500_000_000_00n, 2, '2.5 billion'],
    [8_026_000_000_00n, 2, '8.026 billion'],
    [18_228_500_000_00n, 2, '18,228,500,000'],
    [999_990_000_00n, 2, '999.99 million'],
    [1_234_567_000_000_00n, 2, '1,234.567 billion'],
    [300_000n, 0, '300,000'],
    [1_500_000n, 0, '1.5 million'],
    [1_234_567n, 3, '1,234.567'],
    [1_500n, 3, '1.500'],
  ])('%d (%d digits) → %s', (minor, exponent, text) => {
    expect(formatAmount(minor, exponent)).toBe(text);
  });
});
