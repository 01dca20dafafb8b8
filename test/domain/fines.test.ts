import { describe, expect, it } from 'vitest';
import { formatAmount, parseFineAmount, parseFineText } from '../../src/domain/fines.js';

describe('parseFineText', () => {
  it.each([
    ['RMB 300,000', 30_000_000, 'CNY', 'RMB 300,000'],
    ['RMB 16.74 million', 1_674_000_000, 'CNY', 'RMB 16.74 million'],
    ['¥300,000', 30_000_000, 'CNY', 'RMB 300,000'],
    ['USD 1.2 billion', 120_000_000_000, 'USD', 'USD 1.2 billion'],
    ['RMB 1.2 billion', 120_000_000_000, 'CNY', 'RMB 1.2 billion'],
    ['300000 yuan', 30_000_000, 'CNY', 'RMB 300,000'],
    ['CNY 50万', 50_000_000, 'CNY', 'RMB 500,000'],
    ['RMB 1.5亿', 15_000_000_000, 'CNY', 'RMB 150 million'],
    ['€ 1,250.50', 125_050, 'EUR', 'EUR 1,250.50'],
    ['HK$2m', 200_000_000, 'HKD', 'HKD 2 million'],
    ['rmb 16.74 Million', 1_674_000_000, 'CNY', 'RMB 16.74 million'],
    ['RMB 1,234,567', 123_456_700, 'CNY', 'RMB 1,234,567'],
  ])('%s → %d cents %s, shown as %s', (text, cents, currency, display) => {
    expect(parseFineText(text)).toEqual({ ok: true, fine: { cents, currency, display } });
  });

  it.each([
    ['RMB lots', 'fine-invalid'],
    ['RMB -300', 'fine-negative'],
    ['-RMB 300', 'fine-invalid'],
    ['300,000', 'fine-currency'],
    ['XYZ 300', 'fine-currency'],
    ['RMB 300 USD', 'fine-invalid'],
    ['RMB 1.234', 'fine-invalid'],
    ['RMB 30,00', 'fine-invalid'],
  ])('refuses %s (%s)', (text, code) => {
    const result = parseFineText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe(code);
  });

  it('uses the default currency when the text names none', () => {
    expect(parseFineText('300,000', 'CNY')).toMatchObject({
      ok: true,
      fine: { cents: 30_000_000 },
    });
  });
});

describe('parseFineAmount', () => {
  it('reads a number with a currency beside it', () => {
    expect(parseFineAmount(16_740_000, 'RMB')).toEqual({
      ok: true,
      fine: { cents: 1_674_000_000, currency: 'CNY', display: 'RMB 16.74 million' },
    });
  });
  it('refuses a negative number', () => {
    expect(parseFineAmount(-5, 'USD')).toMatchObject({ ok: false, code: 'fine-negative' });
  });
  it('refuses an unknown currency', () => {
    expect(parseFineAmount(5, 'Dollars')).toMatchObject({ ok: false, code: 'fine-currency' });
  });
});

describe('formatAmount', () => {
  it.each([
    [0, '0'],
    [99, '0.99'],
    [100_000_00, '100,000'],
    [999_999_99, '999,999.99'],
    [1_000_000_00, '1 million'],
    [1_234_567_00, '1,234,567'],
    [1_230_000_00, '1.23 million'],
    [2_500_000_000_00, '2.5 billion'],
    [8_026_000_000_00, '8.026 billion'],
    [18_228_500_000_00, '18,228.5 million'],
    [1_234_567_000_000_00, '1,234.567 billion'],
  ])('%d cents → %s', (cents, text) => {
    expect(formatAmount(cents)).toBe(text);
  });
});
