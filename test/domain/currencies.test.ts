import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain script, without types
import { currencyTable, TABLE_PATH } from '../../scripts/currencies.mjs';
import { currencyByCode, findCurrency, unknownCurrency } from '../../src/domain/currencies.js';
import { CURRENCY_TABLE } from '../../src/domain/currencies-table.js';

describe('the ISO 4217 table', () => {
  it('is what scripts/currencies.mjs makes from the installed ISO and CLDR data', async () => {
    expect(readFileSync(TABLE_PATH, 'utf8')).toBe(await currencyTable());
  });

  it('holds each code once, in order', () => {
    const codes = CURRENCY_TABLE.map(([code]) => code);
    expect(codes.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(250);
  });

  it.each([
    ['EUR', 2, ''],
    ['CNY', 2, ''],
    ['JPY', 0, ''],
    ['KRW', 0, ''],
    ['BHD', 3, ''],
    ['KWD', 3, ''],
    ['TND', 3, ''],
    ['CLF', 4, ''],
    ['XAU', 0, ''],
    ['HRK', 2, '2023-01-14'],
    ['LTL', 2, '2014-12-31'],
    ['LVL', 2, '2013-12-31'],
    ['EEK', 2, '2010-12-31'],
    ['DEM', 2, '2002-05-15'],
    ['ITL', 0, '2002-02-28'],
  ])('%s has %d minor digits, withdrawn "%s"', (code, exponent, withdrawn) => {
    expect(currencyByCode(code)).toMatchObject({ code, exponent, withdrawn });
  });

  it('leaves out what is not an ISO 4217 code (offshore renminbi, words)', () => {
    expect(currencyByCode('CNH')).toBeUndefined();
    expect(currencyByCode('EURO')).toBeUndefined();
  });
});

describe('findCurrency', () => {
  it.each([
    ['EUR', 'EUR'],
    ['eur', 'EUR'],
    [' hrk ', 'HRK'],
    ['RMB', 'CNY'],
    ['rmb', 'CNY'],
    ['¥', 'CNY'],
    ['元', 'CNY'],
    ['yuan', 'CNY'],
    ['€', 'EUR'],
    ['US$', 'USD'],
    ['HK$', 'HKD'],
  ])('%s → %s', (text, code) => {
    expect(findCurrency(text)?.code).toBe(code);
  });

  it.each(['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty', '$', 'EURO', ''])(
    'knows no currency "%s"',
    (text) => {
      expect(findCurrency(text)).toBeUndefined();
    },
  );

  it.each([
    ['EURO', 'did you mean EUR?'],
    ['RMD', 'did you mean RMB, AMD, BMD or GMD?'],
    ['GPB', 'did you mean GBP?'],
    ['constructor', expect.stringContaining('three-letter ISO 4217 code')],
  ])('suggests for %s: %s', (text, hint) => {
    expect(unknownCurrency(text).hint).toEqual(hint);
  });
});
