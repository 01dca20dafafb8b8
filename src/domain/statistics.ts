/**
 * Enforcement statistics of one currency in a group of fines (a year, an
 * authority, a sector, all): how many fines and cases, their total, median
 * and largest, and how many are of an amount not known exactly — counted
 * apart, never as zero. Exact integer arithmetic in minor units throughout;
 * the median of an even count is the mean of the middle two, kept exact with
 * one more digit when it falls on a half. No I/O.
 */
import type { Decimal } from './amount-style.js';
import { isExact } from './fine-forms.js';
import { compareText, type FineRecord, type Fined } from './totals.js';
import { sortKey } from './dates.js';

export interface Figures {
  currency: string;
  /** The currency's minor digits. */
  exponent: number;
  /** Fines in the currency, exactly known or not. */
  fines: number;
  /** Items (cases) with a fine in the currency. */
  cases: number;
  /** Fines whose amount is known exactly: what total, median and largest are of. */
  known: number;
  /** Fines in the currency whose amount is not known exactly. */
  unknown: number;
  /** The sum of the known amounts, in minor units. */
  total: bigint;
  median: Decimal | undefined;
  largest: bigint | undefined;
}

/** The figures of `currency` among `records` (records in other currencies are ignored). */
export function figures<T extends Fined>(
  records: readonly FineRecord<T>[],
  currency: string,
  exponent: number,
): Figures {
  const mine = records.filter((r) => r.fine.currency === currency);
  const amounts: bigint[] = [];
  for (const { fine } of mine) if (isExact(fine)) amounts.push(fine.minor);
  amounts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    currency,
    exponent,
    fines: mine.length,
    cases: new Set(mine.map((r) => r.item)).size,
    known: amounts.length,
    unknown: mine.length - amounts.length,
    total: amounts.reduce((sum, a) => sum + a, 0n),
    median: median(amounts, exponent),
    largest: amounts.at(-1),
  };
}

/**
 * The median of amounts sorted ascending: the middle one, or the mean of the
 * middle two — exact, as a decimal with one digit more than the currency
 * when their sum is odd (EUR 10.00 and 10.01 → 10.005).
 */
export function median(sorted: readonly bigint[], exponent: number): Decimal | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  if (n % 2 === 1) return { minor: sorted[(n - 1) / 2]!, exponent };
  const sum = sorted[n / 2 - 1]! + sorted[n / 2]!;
  return sum % 2n === 0n
    ? { minor: sum / 2n, exponent }
    : { minor: sum * 5n, exponent: exponent + 1 };
}

/**
 * The `n` largest fines known exactly in `currency`: largest first, then the
 * newest, then by address and place in the item — a total order.
 */
export function topFines<T extends Fined>(
  records: readonly FineRecord<T>[],
  currency: string,
  n = 10,
): FineRecord<T>[] {
  const amount = (r: FineRecord<T>) => (isExact(r.fine) ? r.fine.minor : -1n);
  return records
    .filter((r) => r.fine.currency === currency && isExact(r.fine))
    .sort(
      (a, b) =>
        (amount(a) > amount(b) ? -1 : amount(a) < amount(b) ? 1 : 0) ||
        sortKey(b.item.date) - sortKey(a.item.date) ||
        compareText(a.item.url, b.item.url) ||
        a.index - b.index,
    )
    .slice(0, n);
}

/** Each sector of the item as written; '' for an item that names none. */
export const bySector = (r: FineRecord<Fined & { sectors: readonly string[] }>) =>
  r.item.sectors.length > 0 ? r.item.sectors : [''];
