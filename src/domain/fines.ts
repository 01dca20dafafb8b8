import type { Code } from '../codes.js';
/**
 * Fines as editors write them ("RMB 16.74 million", "¥300,000",
 * "746.000.000 €", "50万元", 300000 with a currency) read to an exact amount
 * in the currency's minor units and an ISO 4217 code, and shown in one house
 * style. What cannot be read without guessing is refused with a hint.
 */
import { readNumber, type Digits, type UnitStyle } from './amount-text.js';
import { currencyLabel, findCurrency, unknownCurrency, type Currency } from './currencies.js';

export { currencyLabel } from './currencies.js';

/** A fine whose amount is known exactly. */
export interface Fine {
  kind: 'exact';
  /** The exact amount in minor units of the currency: cents of EUR, yen, fils of KWD. */
  minor: bigint;
  /** Digits of the minor unit (ISO 4217): 2 for EUR, 0 for JPY, 3 for KWD. */
  exponent: number;
  /** ISO 4217 code, e.g. CNY. */
  currency: string;
  /** "RMB 16.74 million": how the site shows it. */
  display: string;
}

export type FineResult =
  { ok: true; fine: Fine } | { ok: false; code: Code; reason: string; hint: string };

/** Unit words: English and Chinese ones take the decimal point, German ones the decimal comma. */
const UNITS: ReadonlyMap<string, { size: bigint; style: UnitStyle }> = new Map(
  (
    [
      ['thousand', 3, 'english'],
      ['k', 3, 'english'],
      ['千', 3, 'english'],
      ['万', 4, 'english'],
      ['million', 6, 'english'],
      ['mn', 6, 'english'],
      ['m', 6, 'english'],
      ['亿', 8, 'english'],
      ['billion', 9, 'english'],
      ['bn', 9, 'english'],
      ['b', 9, 'english'],
      ['trillion', 12, 'english'],
      ['mio', 6, 'german'],
      ['mrd', 9, 'german'],
    ] as const
  ).map(([word, zeros, style]) => [word, { size: 10n ** BigInt(zeros), style }]),
);

const CURRENCY_BEFORE = String.raw`RMB¥|US\$|HK\$|人民币|[A-Za-z]{2,}|[¥￥$€£]`;
const CURRENCY_AFTER = String.raw`[A-Za-z]{2,}|[¥￥$€£]|元|人民币`;
const NUMBER = String.raw`(-)?\s*(\d(?:[\d.,'’ \u00A0\u202F\u2009]*\d)?)`;
const UNIT = String.raw`(thousand|million|billion|trillion|mn|bn|mio\.?|mrd\.?|[kmb]|千|万|亿)(?![A-Za-z])`;
const FINE_TEXT = new RegExp(
  String.raw`^(${CURRENCY_BEFORE})?\s*${NUMBER}\s*(?:${UNIT})?\s*(${CURRENCY_AFTER})?$`,
  'iu',
);

export const FINE_FORMS = '"RMB 300,000", "RMB 16.74 million", "¥300,000" or "USD 1.2 billion"';

/** A fine can be this large and no larger, in minor units: far above any real one. */
const LIMIT = 10n ** 24n;

/** Parses one fine written as text, e.g. "RMB 16.74 million". */
export function parseFineText(text: string, defaultCurrency?: string): FineResult {
  const m = FINE_TEXT.exec(text.trim());
  if (!m) return refuse('fine-invalid', `cannot read "${text}" as a fine`, `write ${FINE_FORMS}`);
  const [, before, minus, number, unitWord, after] = m;
  const named = [before, after].filter((c): c is string => c !== undefined);
  const found = named.map((c) => ({ written: c, currency: findCurrency(c) }));
  const unknown = found.find((f) => f.currency === undefined);
  if (unknown) {
    const { reason, hint } = unknownCurrency(unknown.written);
    return refuse('fine-currency', reason, hint);
  }
  const codes = new Set(found.map((f) => f.currency!.code));
  if (codes.size > 1) {
    return refuse('fine-invalid', `"${text}" names two currencies`, 'name the currency once');
  }
  const currency =
    found[0]?.currency ??
    (defaultCurrency === undefined ? undefined : findCurrency(defaultCurrency));
  if (currency === undefined) {
    return refuse(
      'fine-currency',
      `"${text}" has no currency`,
      `write it with its currency, e.g. "RMB ${text.trim()}", or add currency: RMB`,
    );
  }
  if (minus !== undefined) {
    return refuse(
      'fine-negative',
      `a fine cannot be negative ("${text}")`,
      'write the amount without a minus sign',
    );
  }
  const unit =
    unitWord === undefined ? undefined : UNITS.get(unitWord.toLowerCase().replace(/\.$/, ''));
  return amount(number!, unit, currency, text);
}

/**
 * Parses an amount given beside its currency: `{amount: 300000, currency: RMB}`
 * or `fine: 300000` with `currency:`. A YAML number is read from `written`,
 * the text of the YAML source, by the same rules as text: YAML would read
 * `2.000` as the float 2, which may well mean two thousand.
 */
export function parseFineAmount(
  value: number | string,
  currencyText: string,
  written?: string,
): FineResult {
  const currency = findCurrency(currencyText);
  if (currency === undefined) {
    const { reason, hint } = unknownCurrency(currencyText);
    return refuse('fine-currency', reason, hint);
  }
  if (typeof value === 'string') return parseFineText(value, currency.code);
  const text = written ?? (Number.isSafeInteger(value) ? String(value) : undefined);
  if (text === undefined || !/^-?\d+(?:\.\d+)?$/.test(text)) {
    return refuse(
      'fine-invalid',
      `the amount ${written ?? value} is not written as plain digits`,
      `write the digits, e.g. ${currencyLabel(currency.code)} 300000 or "${currencyLabel(currency.code)} 1.5 million"`,
    );
  }
  if (text.startsWith('-')) {
    return refuse(
      'fine-negative',
      `a fine cannot be negative (${text})`,
      'write the amount without a minus sign',
    );
  }
  return amount(text, undefined, currency, text);
}

function amount(
  number: string,
  unit: { size: bigint; style: UnitStyle } | undefined,
  currency: Currency,
  text: string,
): FineResult {
  const reading = readNumber(number, unit?.style ?? 'none', currency.exponent);
  if (!reading.ok) {
    if (reading.ambiguous === undefined)
      return refuse('fine-invalid', reading.reason, reading.hint);
    return ambiguous(text, reading.ambiguous, unit?.size ?? 1n, currency);
  }
  const minor = toMinor(reading.value, unit?.size ?? 1n, currency.exponent);
  if (minor === undefined) {
    return refuse(
      'fine-invalid',
      `"${text}" is more precise than the ${currency.code} minor unit (${unitName(currency.exponent)})`,
      `round it to ${unitName(currency.exponent)}`,
    );
  }
  if (minor >= LIMIT)
    return refuse('fine-invalid', `"${text}" is too large to be a fine`, 'check the amount');
  return { ok: true, fine: fine(minor, currency) };
}

export function fine(minor: bigint, currency: Currency): Fine {
  return {
    kind: 'exact',
    minor,
    exponent: currency.exponent,
    currency: currency.code,
    display: formatFine(minor, currency.exponent, currency.code),
  };
}

/** The amount in minor units, or undefined when it has a fraction of one. */
function toMinor(value: Digits, size: bigint, exponent: number): bigint | undefined {
  const scale = 10n ** BigInt(value.fraction.length);
  const numerator = BigInt(value.whole + value.fraction) * size * 10n ** BigInt(exponent);
  return numerator % scale === 0n ? numerator / scale : undefined;
}

function unitName(exponent: number): string {
  return exponent === 0
    ? 'whole units'
    : `${exponent === 2 ? 'hundredths' : `${exponent} decimals`}`;
}

/** The error for "2.000 EUR": both readings, and how to write each so it reads one way. */
function ambiguous(
  text: string,
  readings: { mark: ',' | '.'; grouped: Digits; decimal: Digits },
  size: bigint,
  currency: Currency,
): FineResult {
  const { mark, grouped, decimal } = readings;
  const { exponent } = currency;
  const label = currencyLabel(currency.code);
  const asGroups = toMinor(grouped, size, exponent)!;
  const asDecimal = toMinor(decimal, size, exponent);
  const point = mark === '.' ? 'a decimal point' : 'a decimal comma';
  const number = `${decimal.whole}${mark}${decimal.fraction}`;
  const second =
    asDecimal === undefined
      ? `and more precise than ${currency.code} allows (${unitName(exponent)}) where it is ${point}`
      : `and ${formatAmount(asDecimal, exponent)} where it is ${point}`;
  const hint =
    asDecimal === undefined
      ? `write "${label} ${unambiguous(asGroups, exponent)}" if that is meant, or correct the amount`
      : `write "${label} ${unambiguous(asGroups, exponent)}" or "${label} ${unambiguous(asDecimal, exponent)}", whichever is meant`;
  return refuse(
    'fine-ambiguous',
    `"${text.trim()}" is ambiguous: ${text.trim() === number ? 'it' : `"${number}"`} is ${formatAmount(asGroups, exponent)} where "${mark}" groups thousands, ${second}`,
    hint,
  );
}

/**
 * An amount written so that it reads one way only. The house style does
 * ("2,000", "2", "8.026 billion") in a currency with fewer than three minor
 * digits; with three or more, where "1,234" and "1.500" are themselves
 * ambiguous, no grouping and one decimal more ("1234", "1.5000").
 */
function unambiguous(minor: bigint, exponent: number): string {
  if (exponent < 3) return formatAmount(minor, exponent);
  const whole = minor / 10n ** BigInt(exponent);
  const rest = minor % 10n ** BigInt(exponent);
  return rest === 0n ? String(whole) : `${whole}.${String(rest).padStart(exponent, '0')}0`;
}

function refuse(code: Code, reason: string, hint: string): FineResult {
  return { ok: false, code, reason, hint };
}

/**
 * The house style: "RMB 16.74 million", "RMB 1.2 billion", "RMB 300,000",
 * "USD 1,250.50", "JPY 300,000", "KWD 1,234.567".
 */
export function formatFine(minor: bigint, exponent: number, currency: string): string {
  return `${currencyLabel(currency)} ${formatAmount(minor, exponent)}`;
}

/**
 * One amount alone, exact: billions to three decimals from a billion
 * ("8.026 billion"), millions to two below it ("16.74 million"), when that
 * writes it exactly; otherwise every digit ("18,228,500,000", "1,234,567").
 */
export function formatAmount(minor: bigint, exponent: number): string {
  const { numbers, word } = exactScale([minor], exponent);
  return word ? `${numbers[0]} ${word}` : numbers[0]!;
}

/**
 * Amounts written side by side (a range's bounds) in one scale, each exact:
 * a unit word only when it writes every one of them exactly, by the rules of
 * `formatAmount`.
 */
export function exactScale(
  minors: readonly bigint[],
  exponent: number,
): { numbers: string[]; word: '' | 'million' | 'billion' } {
  const billion = 10n ** BigInt(9 + exponent);
  for (const [zeros, decimals, word] of [
    [9, 3, 'billion'],
    [6, 2, 'million'],
  ] as const) {
    const size = 10n ** BigInt(zeros + exponent);
    const step = size / 10n ** BigInt(decimals);
    const fits = (m: bigint) => m >= size && m % step === 0n && (word === 'billion' || m < billion);
    if (minors.length > 0 && minors.every(fits)) {
      const numbers = minors.map((minor) => {
        const scaled = minor / step;
        const whole = group(scaled / 10n ** BigInt(decimals));
        const fraction = String(scaled % 10n ** BigInt(decimals))
          .padStart(decimals, '0')
          .replace(/0+$/, '');
        return fraction ? `${whole}.${fraction}` : whole;
      });
      return { numbers, word };
    }
  }
  return { numbers: minors.map((minor) => plainAmount(minor, exponent)), word: '' };
}

/** "300,000", "1,250.50", "1,234.567". */
function plainAmount(minor: bigint, exponent: number): string {
  const unit = 10n ** BigInt(exponent);
  const rest = minor % unit;
  const whole = group(minor / unit);
  return rest === 0n ? whole : `${whole}.${String(rest).padStart(exponent, '0')}`;
}

export function group(value: bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1674000000n, 2` → `"16740000.00"`: the exact decimal in the currency's unit. */
export function decimalAmount(minor: bigint, exponent: number): string {
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  const unit = 10n ** BigInt(exponent);
  return exponent === 0
    ? `${sign}${abs}`
    : `${sign}${abs / unit}.${String(abs % unit).padStart(exponent, '0')}`;
}
