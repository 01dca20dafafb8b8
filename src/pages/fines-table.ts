/**
 * The tracker's table of every fine, in pages: `/fines/` shows the first
 * FINES_PER_PAGE fines (newest first), `/fines/page/2/`, … the next, each a
 * real page with links back and forth, so the table reads without JavaScript;
 * `/fines/per/25/`, `/fines/per/100/page/2/`, … are the same at another size.
 * `/fines/table.json` holds every row for `assets/fines.js`, which sorts,
 * filters and re-pages in place from it (data arrays, never the DOM).
 *
 * A page shows its own fines (its inputs) and, from the rest of the site, only
 * what its key holds: its place in the pagination, the filter's choices, and
 * the unit each currency is written in (`styles`, chosen from every fine).
 */
import { formatDate, isoDate, lastDay, MONTH_NAMES, type PartialDate } from '../domain/dates.js';
import { figure, styledText, type AmountStyle, type Figure } from '../domain/amount-style.js';
import { isExact, type ItemFine } from '../domain/fine-forms.js';
import { decimalAmount } from '../domain/fines.js';
import type { FineRecord } from '../domain/totals.js';
import type { Item, Site } from '../model.js';
import { authorityLabel } from './authority-label.js';
import { pageWindow } from './index.js';

/** Rows per page on `/fines/` and its pages; PAGE_SIZES are the others offered. */
export const FINES_PER_PAGE = 50;
export const PAGE_SIZES = [25, 50, 100] as const;
export const FINES = '/fines/';
export const FINES_TABLE = '/fines/table.json';

/**
 * The address of page `n` of the table at `per` rows a page: `/fines/`,
 * `/fines/page/2/`, and for another size `/fines/per/25/`, `/fines/per/25/page/2/`.
 */
export function finesPagePath(n: number, per: number = FINES_PER_PAGE): string {
  const first = per === FINES_PER_PAGE ? FINES : `${FINES}per/${per}/`;
  return n === 1 ? first : `${first}page/${n}/`;
}

/**
 * The page sizes worth offering for `count` fines: the usual one, and each
 * other whose pages differ from it (25 once there are more than 25 fines, 100
 * once there are more than 50). One size alone is no choice.
 */
export function pageSizes(count: number): number[] {
  return PAGE_SIZES.filter(
    (size) => size === FINES_PER_PAGE || count > Math.min(size, FINES_PER_PAGE),
  );
}

/** "Jan 10, 2022", "Jan 2022", "2022": a date as the table's narrow column writes it. */
export function shortDate(date: PartialDate): string {
  if (date.month === undefined) return String(date.year);
  const month = MONTH_NAMES[date.month - 1]!.slice(0, 3);
  return date.day === undefined ? `${month} ${date.year}` : `${month} ${date.day}, ${date.year}`;
}

/** A fine as a cell shows it: exact and ranges in the page's style, the others as written. */
export function fineText(
  styles: ReadonlyMap<string, AmountStyle>,
  fine: ItemFine,
): Figure | string {
  if (fine.kind === 'exact') return figure(styles.get(fine.currency)!, fine);
  if (fine.kind !== 'range') return fine.display;
  const style = styles.get(fine.currency)!;
  const min = figure(style, { minor: fine.min, exponent: fine.exponent });
  const max = figure(style, { minor: fine.max, exponent: fine.exponent });
  return {
    number: `${min.number}–${max.number}`,
    short: `${min.number}–${max.short}`,
    text: styledText(style, `${min.number}–${max.number}`),
    exact: '',
    title: `between ${min.title} and ${max.title}`,
  };
}

export interface FineRow {
  dateIso: string;
  dateText: string;
  /** The date in full ("January 10, 2022"), the short one's tooltip. */
  dateLong: string;
  /** A month-precision date sorts as the month's last day, as everywhere on the site. */
  dateSort: string;
  parties: string;
  authorities: { id: string; label: string; title?: string; url?: string }[];
  currency: string;
  kind: string;
  /** The exact amount in the currency's unit ("16740000.00"); '' when not known exactly. */
  amount: string;
  /** The amount as the page writes it: "RMB 16,740,000", or the fine as written. */
  display: string;
  amountTitle?: string;
  title: string;
  url: string;
  /** What the free-text filter reads besides the parties: sectors and legal bases. */
  about: string;
}

/** One row of the table: what the page shows and what the script sorts and filters by. */
export function fineRow(
  site: Site,
  styles: ReadonlyMap<string, AmountStyle>,
  { item, fine }: FineRecord<Item>,
): FineRow {
  const shown = fineText(styles, fine);
  return {
    dateIso: isoDate(item.date),
    dateText: shortDate(item.date),
    dateLong: formatDate(item.date),
    dateSort: lastDay(item.date),
    parties: item.parties.join('; '),
    authorities: item.authorities.map((id) => ({ id, ...authorityLabel(site, id) })),
    currency: fine.currency ?? '',
    kind: fine.kind,
    amount: isExact(fine) ? decimalAmount(fine.minor, fine.exponent) : '',
    display: typeof shown === 'string' ? shown : shown.text,
    amountTitle: typeof shown === 'string' ? undefined : shown.title,
    title: item.title,
    url: item.url,
    about: [...item.sectors, ...item.legalBasis].join('; '),
  };
}

export interface FinesPagination {
  current: number;
  pages: number;
  per: number;
  /** The fines of this page, counted from 1: "51–100". */
  first: number;
  last: number;
  newer?: string;
  older?: string;
  /** The pages it links to; 0 marks a gap. */
  links: { n: number; url: string }[];
  /** The other page sizes (and this one), each at the page that holds this page's first fine. */
  sizes: { size: number; url: string }[];
}

/** Where page `n` of the table at `per` rows a page stands among `count` fines, and what it links to. */
export function finesPagination(n: number, per: number, count: number): FinesPagination {
  const pages = pageCount(count, per);
  const first = Math.min(count, (n - 1) * per + 1);
  const sizes = pageSizes(count);
  return {
    current: n,
    pages,
    per,
    first,
    last: Math.min(count, n * per),
    newer: n > 1 ? finesPagePath(n - 1, per) : undefined,
    older: n < pages ? finesPagePath(n + 1, per) : undefined,
    links: pageWindow(n, pages).map((k) =>
      k === 0 ? { n: 0, url: '' } : { n: k, url: finesPagePath(k, per) },
    ),
    sizes:
      sizes.length < 2
        ? []
        : sizes.map((size) => ({
            size,
            url: finesPagePath(Math.floor((Math.max(first, 1) - 1) / size) + 1, size),
          })),
  };
}

/** How many pages `count` fines fill at `per` rows a page (one, if none). */
export function pageCount(count: number, per: number = FINES_PER_PAGE): number {
  return Math.max(1, Math.ceil(count / per));
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Two exact decimals ("16740000.00", "5"), compared exactly. */
function compareDecimal(a: string, b: string): number {
  const [ai = '', af = ''] = a.split('.');
  const [bi = '', bf = ''] = b.split('.');
  const digits = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(digits, '0'));
  const y = BigInt(bi + bf.padEnd(digits, '0'));
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * What each column of the table sorts by, ascending. An amount is compared
 * only with those of its currency (the script keeps the currencies apart); one
 * not known exactly comes below every known one.
 */
const SORTS: Record<string, (a: FineRow, b: FineRow) => number> = {
  date: (a, b) => (a.dateSort < b.dateSort ? -1 : a.dateSort > b.dateSort ? 1 : 0),
  party: (a, b) => collator.compare(a.parties, b.parties),
  authority: (a, b) =>
    collator.compare(
      a.authorities.map((x) => x.label).join(', '),
      b.authorities.map((x) => x.label).join(', '),
    ),
  amount: (a, b) =>
    a.amount === '' || b.amount === ''
      ? Number(a.amount !== '') - Number(b.amount !== '')
      : compareDecimal(a.amount, b.amount),
  item: (a, b) => collator.compare(a.title, b.title),
};

/**
 * Each row's place in the ascending order of a column, equal values sharing
 * it: worked out here once, so that the script's sorts compare small integers
 * (and a tie keeps the table's order either way).
 */
export function sortRanks(
  rows: readonly FineRow[],
  compare: (a: FineRow, b: FineRow) => number,
): number[] {
  const order = rows.map((_, i) => i).sort((a, b) => compare(rows[a]!, rows[b]!) || a - b);
  const rank = new Array<number>(rows.length).fill(0);
  for (let k = 1; k < order.length; k++) {
    const [before, at] = [order[k - 1]!, order[k]!];
    rank[at] = rank[before]! + (compare(rows[before]!, rows[at]!) === 0 ? 0 : 1);
  }
  return rank;
}

/**
 * Every row for the script, as arrays (the positions are read by
 * `assets/fines.js`): compact, and in the page's order (newest first); and
 * for each column the rows' ranks in its order (`sortRanks`).
 * Links are site paths without their leading slash; the page says how to reach
 * the site's root from it.
 */
export function finesTableJson(rows: readonly FineRow[], styles: string): string {
  const authorities: Record<string, [string, string, string]> = {};
  for (const row of rows)
    for (const a of row.authorities)
      authorities[a.id] ??= [a.label, a.title ?? a.label, (a.url ?? '').slice(1)];
  const value = {
    note: 'The rows of the fines tracker for its script; for analysis, use /fines.csv or /fines.json.',
    styles,
    authorities,
    ranks: Object.fromEntries(
      Object.entries(SORTS).map(([column, compare]) => [column, sortRanks(rows, compare)]),
    ),
    rows: rows.map((r) => [
      r.dateSort,
      r.dateIso,
      r.dateText,
      r.dateLong,
      r.parties,
      r.authorities.map((a) => a.id),
      r.currency,
      r.kind,
      r.amount,
      r.display,
      r.amountTitle ?? '',
      r.title,
      r.url.slice(1),
      r.about,
    ]),
  };
  return `${JSON.stringify(value)}\n`;
}
