/**
 * The house style for amounts on pages of figures (the fines tracker, the
 * statistics, an authority's totals): one scale per currency on a page,
 * chosen from every amount the page shows in that currency, so that a column
 * never mixes "2,000.03 million" with "2,400,022,000" and one total never
 * appears in two styles.
 *
 * - Millions, with two decimals, when even the smallest amount shown is at
 *   least a million; billions, likewise, from a billion. Rounded half up: a
 *   figure of at least 1.00 keeps three significant digits, and the exact
 *   amount goes beside it (`<data value>`, `title`).
 * - Otherwise whole units with every digit ("2,400,022,000"), exact; with the
 *   currency's minor digits on every figure when a fine has them. A median
 *   (the mean of two) is rounded half up to that precision.
 *
 * An amount alone in a sentence (an item's fine, in e-mail and feeds) is
 * written exactly by `formatAmount` instead. No I/O.
 */
import type { ItemFine } from './fine-forms.js';
import { currencyLabel, decimalAmount, formatAmount, group } from './fines.js';

/** An exact decimal: a median of two may have one digit more than its currency. */
export interface Decimal {
  minor: bigint;
  exponent: number;
}

export type ScaleWord = '' | 'million' | 'billion';

export interface AmountStyle {
  currency: string;
  /** "RMB" for CNY, else the code. */
  label: string;
  word: ScaleWord;
  /** Decimals every figure is written with. */
  decimals: number;
  /** What a column of figures says in its heading: "RMB million", "EUR". */
  unit: string;
}

/** A figure as a page writes it, with what makes it exact. */
export interface Figure {
  /** "1,234.56": the number in the style's scale. */
  number: string;
  /** "EUR 1,234.56 million" with no-break spaces: the figure in a sentence or a cell of its own. */
  text: string;
  /** "1,234.56 million": the figure where its currency is said beside it (a row's heading). */
  short: string;
  /** "1234560000.00": the exact decimal, for `<data value>` and programs. */
  exact: string;
  /** "EUR 1,234,560,000": the exact amount in words, for a `title`. */
  title: string;
}

const NBSP = '\u00a0';

/**
 * The style of `currency` for a page showing `amounts` (fines and their sums)
 * and `means` (medians: they count for the scale, but do not make every
 * figure carry cents; each is rounded half up to the page's precision).
 */
export function amountStyle(
  currency: string,
  exponent: number,
  amounts: readonly Decimal[],
  means: readonly Decimal[] = [],
): AmountStyle {
  const label = currencyLabel(currency);
  let smallest: Decimal | undefined;
  for (const a of [...amounts, ...means]) {
    if (a.minor > 0n && (smallest === undefined || compare(a, smallest) < 0)) smallest = a;
  }
  const units = (d: Decimal, zeros: number) =>
    compare(d, { minor: 10n ** BigInt(zeros), exponent: 0 }) >= 0;
  const word: ScaleWord =
    smallest === undefined
      ? ''
      : units(smallest, 9)
        ? 'billion'
        : units(smallest, 6)
          ? 'million'
          : '';
  const fractional = amounts.some((a) => roundTo(a, exponent, 0) % 10n ** BigInt(exponent) !== 0n);
  return {
    currency,
    label,
    word,
    decimals: word ? 2 : fractional ? exponent : 0,
    unit: word ? `${label} ${word}` : label,
  };
}

/**
 * The style of each currency of a site, from all its fines (exact amounts and
 * ranges' bounds): a total, a median or a largest fine is never smaller than
 * the smallest fine, nor has cents when no fine has, so every page of figures
 * — tracker, statistics, an authority's — writes a currency the same way.
 */
export function fineStyles(fines: Iterable<ItemFine>): Map<string, AmountStyle> {
  const amounts = new Map<string, { exponent: number; list: Decimal[] }>();
  const note = (currency: string, exponent: number, minor: bigint) => {
    const entry = amounts.get(currency) ?? { exponent, list: [] };
    entry.list.push({ minor, exponent });
    amounts.set(currency, entry);
  };
  for (const fine of fines) {
    if (fine.kind === 'exact') note(fine.currency, fine.exponent, fine.minor);
    if (fine.kind === 'range') {
      note(fine.currency, fine.exponent, fine.min);
      note(fine.currency, fine.exponent, fine.max);
    }
  }
  return new Map(
    [...amounts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([currency, { exponent, list }]) => [currency, amountStyle(currency, exponent, list)]),
  );
}

/** What a page shows of a style, as text for its fingerprint's key: "EUR:million:2". */
export function styleKey(style: AmountStyle): string {
  return `${style.currency}:${style.word}:${style.decimals}`;
}

/** An amount in a style: its figure, the exact decimal, and the exact amount in words. */
export function figure(style: AmountStyle, amount: Decimal): Figure {
  const number = styledNumber(style, amount);
  return {
    number,
    text: styledText(style, number),
    short: style.word ? `${number}${NBSP}${style.word}` : number,
    exact: decimalAmount(amount.minor, amount.exponent),
    title: `${style.label} ${formatAmount(amount.minor, amount.exponent)}`,
  };
}

/** A number of the style's scale with its currency and unit: "EUR 1,234.56 million", unbreakable. */
export function styledText(style: AmountStyle, number: string): string {
  return `${style.label}${NBSP}${number}${style.word ? `${NBSP}${style.word}` : ''}`;
}

/** "1,234.56": the amount in the style's scale and decimals, rounded half up. */
export function styledNumber(style: AmountStyle, amount: Decimal): string {
  const zeros = style.word === 'billion' ? 9 : style.word === 'million' ? 6 : 0;
  const n = roundTo(amount, style.decimals, zeros);
  const unit = 10n ** BigInt(style.decimals);
  const whole = group(n / unit);
  return style.decimals === 0
    ? whole
    : `${whole}.${String(n % unit).padStart(style.decimals, '0')}`;
}

/** Text that must not break across lines: every space made a no-break space. */
export function unbroken(text: string): string {
  return text.replace(/ /g, NBSP);
}

/**
 * The amount in units of 10^zeros, times 10^decimals, rounded half up:
 * `roundTo({minor: 123456789, exponent: 2}, 2, 6)` → 123 (1.23 million).
 */
function roundTo(amount: Decimal, decimals: number, zeros: number): bigint {
  const numerator = amount.minor * 10n ** BigInt(decimals);
  const denominator = 10n ** BigInt(amount.exponent + zeros);
  return (2n * numerator + denominator) / (2n * denominator);
}

function compare(a: Decimal, b: Decimal): number {
  const e = Math.max(a.exponent, b.exponent);
  const x = a.minor * 10n ** BigInt(e - a.exponent);
  const y = b.minor * 10n ** BigInt(e - b.exponent);
  return x < y ? -1 : x > y ? 1 : 0;
}
