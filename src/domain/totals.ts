/**
 * Fines added up: per currency, and per year, month or authority within each
 * currency. Amounts are exact integers in the currency's minor units (cents,
 * yen, fils), summed as bigints; two currencies are never added together.
 * A fine whose amount is not known exactly (undisclosed, described, a range)
 * is counted apart, in `unknown`, and never added as zero. No I/O.
 */

import { isExact, type ItemFine } from './fine-forms.js';
import { currencyLabel, decimalAmount, formatAmount } from './fines.js';

export { decimalAmount } from './fines.js';
import { monthId, sortKey, type PartialDate } from './dates.js';

/** What a fine is read from: an item, or anything shaped like one. */
export interface Fined {
  date: PartialDate;
  /** Authority ids, in the item's order. */
  authorities: readonly string[];
  fines: readonly ItemFine[];
  /** The item's address: the tie-breaker that makes every order total. */
  url: string;
}

/** One fine of one item. */
export interface FineRecord<T extends Fined = Fined> {
  item: T;
  fine: ItemFine;
  /** Which of the item's fines (0-based). */
  index: number;
}

export interface Total {
  /** How many fines the sum adds up: those known exactly. */
  count: number;
  /** The sum in minor units of the currency. */
  minor: bigint;
  /** The currency's minor digits (0 until a fine is added: a total of nothing is 0 in any). */
  exponent: number;
  /** Fines in this currency whose amount is not known exactly: not in the sum. */
  unknown: number;
}

/** Currency code → total, in the order of `currencyOrder`. */
export type CurrencyTotals = Map<string, Total>;

/** Every fine of every item: newest first, then by item address, then in the item's order. */
export function fineRecords<T extends Fined>(items: readonly T[]): FineRecord<T>[] {
  const records: FineRecord<T>[] = [];
  for (const item of items)
    item.fines.forEach((fine, index) => records.push({ item, fine, index }));
  return records.sort(
    (a, b) =>
      sortKey(b.item.date) - sortKey(a.item.date) ||
      compareText(a.item.url, b.item.url) ||
      a.index - b.index,
  );
}

/**
 * Currencies by how many exactly known fines use them (most first), then by
 * code; with `all`, also those that only fines of unknown amount name.
 */
export function currencyOrder(records: readonly FineRecord[], all = false): string[] {
  const counts = new Map<string, number>();
  for (const { fine } of records) {
    if (fine.currency === undefined || (!all && !isExact(fine))) continue;
    counts.set(fine.currency, (counts.get(fine.currency) ?? 0) + (isExact(fine) ? 1 : 0));
  }
  return [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([code]) => code);
}

/** The total of each currency that has fines known exactly, with its fines of unknown amount. */
export function currencyTotals(records: readonly FineRecord[]): CurrencyTotals {
  const totals: CurrencyTotals = new Map(currencyOrder(records).map((c) => [c, zero()]));
  for (const { fine } of records)
    if (fine.currency !== undefined) add(totals.get(fine.currency), fine);
  return totals;
}

/** How many of the fines have no exact amount, whatever their currency (or none). */
export function unknownCount(records: readonly FineRecord[]): number {
  return records.filter((r) => !isExact(r.fine)).length;
}

/** The records in each group, groups in code-point order of their keys (see groupTotals). */
export function groupRecords<T extends Fined>(
  records: readonly FineRecord<T>[],
  keysOf: (record: FineRecord<T>) => readonly string[],
): Map<string, FineRecord<T>[]> {
  const groups = new Map<string, FineRecord<T>[]>();
  for (const record of records) {
    for (const key of new Set(keysOf(record))) {
      const list = groups.get(key) ?? [];
      list.push(record);
      groups.set(key, list);
    }
  }
  return new Map([...groups].sort((a, b) => compareText(a[0], b[0])));
}

/**
 * Totals per group, each per currency. A record in several groups (a fine two
 * authorities imposed together) counts in each of them in full. Groups come
 * in the order of `keys`' sort; currencies within a group in `currencyOrder`.
 */
export function groupTotals(
  records: readonly FineRecord[],
  keysOf: (record: FineRecord) => readonly string[],
): Map<string, CurrencyTotals> {
  const order = currencyOrder(records);
  const result = new Map<string, CurrencyTotals>();
  for (const [key, group] of groupRecords(records, keysOf)) {
    const totals: CurrencyTotals = new Map();
    for (const currency of order) {
      const total = zero();
      for (const { fine } of group) if (fine.currency === currency) add(total, fine);
      if (total.count > 0 || total.unknown > 0) totals.set(currency, total);
    }
    result.set(key, totals);
  }
  return result;
}

export const byYear = (r: FineRecord) => [String(r.item.date.year).padStart(4, '0')];
export const byMonth = (r: FineRecord) => [monthId(r.item.date)];
/** Each authority of the item; '' for a fine whose item names none. */
export const byAuthority = (r: FineRecord) =>
  r.item.authorities.length > 0 ? r.item.authorities : [''];

export type PeriodUnit = 'year' | 'month';

/**
 * The periods a chart of these fines shows, oldest first and without gaps
 * (an empty year is a bar of zero, not a missing one): years, or months when
 * the fines span fewer than 24 months.
 */
export function chartPeriods(records: readonly FineRecord[]): { unit: PeriodUnit; keys: string[] } {
  if (records.length === 0) return { unit: 'year', keys: [] };
  let first = Infinity;
  let last = -Infinity;
  // A fine known only by its year cannot be drawn in a month: then the chart is by year.
  let monthly = true;
  for (const { item } of records) {
    if (item.date.month === undefined) monthly = false;
    const month = item.date.year * 12 + (item.date.month ?? 12) - 1;
    first = Math.min(first, month);
    last = Math.max(last, month);
  }
  const keys: string[] = [];
  if (monthly && last - first + 1 < 24) {
    for (let m = first; m <= last; m++) {
      keys.push(monthId({ year: Math.floor(m / 12), month: (m % 12) + 1 }));
    }
    return { unit: 'month', keys };
  }
  for (let y = Math.floor(first / 12); y <= Math.floor(last / 12); y++) {
    keys.push(String(y).padStart(4, '0'));
  }
  return { unit: 'year', keys };
}

/** A total as data: `"16740000.00"`, exact in the currency's minor units. */
export function totalAmount(total: Total): string {
  return decimalAmount(total.minor, total.exponent);
}

/**
 * A total in the house style of a single fine ("RMB 16.74 million",
 * "RMB 300,000", "USD 1,250.50"), exact at any size.
 */
export function formatTotal(total: Total, currency: string): string {
  return `${currencyLabel(currency)} ${formatAmount(total.minor, total.exponent)}`;
}

export function zero(): Total {
  return { count: 0, minor: 0n, exponent: 0, unknown: 0 };
}

/** Adds an exact fine to the sum; counts any other apart. (No total: its currency has none exact.) */
function add(total: Total | undefined, fine: ItemFine): void {
  if (total === undefined) return;
  if (!isExact(fine)) {
    total.unknown += 1;
    return;
  }
  total.count += 1;
  total.minor += fine.minor;
  total.exponent = fine.exponent;
}

/** Code-point order: the same on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
