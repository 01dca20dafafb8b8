import { sortKey, type PartialDate } from './dates.js';

export interface Orderable {
  weight: number;
  date: PartialDate;
  /** Source path relative to the site root: the last, always-distinct tie-breaker. */
  file: string;
}

/**
 * The total order of items within a section: weight (lower first), then date
 * (newest first; a month counts as its last day), then file path.
 */
export function compareItems(a: Orderable, b: Orderable): number {
  return (
    a.weight - b.weight ||
    sortKey(b.date) - sortKey(a.date) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)
  );
}

/** Newest first, by date then path, ignoring weight: for listings across bulletins. */
export function compareByDate(a: Orderable, b: Orderable): number {
  return sortKey(b.date) - sortKey(a.date) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

/**
 * `items` sorted by `compareByDate`, each date's key worked out once rather
 * than at every comparison (a 100,000-item site makes 1.7 million of them).
 */
export function sortByDate<T extends Orderable>(items: readonly T[]): T[] {
  const keyed = items.map((item) => ({ item, key: sortKey(item.date) }));
  keyed.sort(
    (a, b) => b.key - a.key || (a.item.file < b.item.file ? -1 : a.item.file > b.item.file ? 1 : 0),
  );
  return keyed.map((k) => k.item);
}
