/**
 * The fines tracker: `/fines/` (totals per year and per authority in each
 * currency, a chart per currency drawn at build time, and the first page of
 * the table of every fine), `/fines/page/2/`, … (the rest of the table, see
 * `fines-table.ts`), and the same data as `/fines.csv` and `/fines.json`.
 *
 * The table reads without JavaScript, a page at a time; `assets/fines.js`
 * sorts, filters and re-pages it from `/fines/table.json`.
 */
import { figure, fineStyles, type AmountStyle, type Figure } from '../domain/amount-style.js';
import { isExact } from '../domain/fine-forms.js';
import { currencyLabel, group } from '../domain/fines.js';
import {
  byAuthority,
  byYear,
  currencyOrder,
  currencyTotals,
  fineRecords,
  groupRecords,
  groupTotals,
  type CurrencyTotals,
  type FineRecord,
  type Total,
  unknownCount,
} from '../domain/totals.js';
import type { Item, Site } from '../model.js';
import { authorityLabel } from './authority-label.js';
import { finesCharts, NARROW } from './fines-chart.js';
import { finesCsv, finesJson } from './fines-data.js';
import {
  FINES,
  FINES_PER_PAGE,
  FINES_TABLE,
  fineRow,
  finesPagePath,
  finesPagination,
  finesTableJson,
  pageCount,
  pageSizes,
  type FineRow,
} from './fines-table.js';
import type { Add, PageSpec } from './index.js';

export { authorityLabel } from './authority-label.js';
export { fineText } from './fines-table.js';

/**
 * The tracker's pages show the items with a fine and nothing else (`gazette
 * dev` treats gaining or losing a fine as a move, so the list stays right):
 * the first page every fine (its totals and charts add them all up), each
 * further page of the table its own fines, the row file and the data every fine.
 */
export function finesPages(site: Site, add: Add): void {
  const records = fineRecords(site.items);
  const fined = [...new Set(records.map((r) => r.item))];
  const table = finesTable(site, records);
  const count = records.length;
  add(FINES, fined, () => finesPage(site, records, table), `${FINES_PER_PAGE} 1 ${table.key}`);
  for (const per of table.data.sizes)
    for (let n = per === FINES_PER_PAGE ? 2 : 1; n <= pageCount(count, per); n++) {
      const shown = records.slice((n - 1) * per, n * per);
      add(
        finesPagePath(n, per),
        [...new Set(shown.map((r) => r.item))],
        () => finesTablePage(site, table, n, per),
        `${per} ${n} ${table.key}`,
      );
    }
  add(
    FINES_TABLE,
    fined,
    () => ({
      path: FINES_TABLE,
      template: 'raw',
      title: 'fines',
      data: { text: finesTableJson(table.rows(), table.data.styles) },
    }),
    table.data.styles,
  );
  add('/fines.csv', fined, () => ({
    path: '/fines.csv',
    template: 'raw',
    title: 'fines',
    data: { text: finesCsv(site, records) },
  }));
  add('/fines.json', fined, () => ({
    path: '/fines.json',
    template: 'raw',
    title: 'fines',
    data: { text: finesJson(site, records) },
  }));
}

/** A total as a cell shows it: the figure in the page's style, how many fines, how many apart. */
export interface AmountView extends Figure {
  count: number;
}

export interface TotalsRow {
  /** The group's key: a year, or an authority id ('' for none named). */
  key: string;
  label: string;
  title?: string;
  url?: string;
  /** One per currency column, undefined where the group has no fine known exactly in it. */
  cells: (AmountView | undefined)[];
  /** Fines of the group whose amount is not known exactly (any currency). */
  unknown: number;
}

function amount(style: AmountStyle, total: Total): AmountView {
  return { ...figure(style, total), count: total.count };
}

function totalsRows(
  groups: Map<string, CurrencyTotals>,
  unknown: Map<string, number>,
  currencies: string[],
  styles: ReadonlyMap<string, AmountStyle>,
  label: (key: string) => Omit<TotalsRow, 'key' | 'cells' | 'unknown'>,
): TotalsRow[] {
  return [...groups].map(([key, totals]) => ({
    key,
    ...label(key),
    cells: currencies.map((c) => {
      const total = totals.get(c);
      return total && total.count > 0 ? amount(styles.get(c)!, total) : undefined;
    }),
    unknown: unknown.get(key) ?? 0,
  }));
}

function unknownBy(
  records: readonly FineRecord[],
  keysOf: (r: FineRecord) => readonly string[],
): Map<string, number> {
  return new Map([...groupRecords(records, keysOf)].map(([k, list]) => [k, unknownCount(list)]));
}

/** What every page of the table shows: its choices, its units and the status line. */
interface FinesTable {
  data: {
    count: number;
    filters: object;
    styles: string;
    status: string;
    /** The page sizes offered (pageSizes). */
    sizes: readonly number[];
    src: string;
  };
  /** The same as text, for the fingerprint of a page that shows only some of the fines. */
  key: string;
  /** Every row, made when asked (a page that is not made again needs none). */
  rows(): FineRow[];
}

function finesTable(site: Site, records: readonly FineRecord<Item>[]): FinesTable {
  const styles = fineStyles(records.map((r) => r.fine));
  const currencies = currencyOrder(records);
  const overall = currencyTotals(records);
  const years = [...groupRecords(records, byYear).keys()].reverse();
  const authorities = authorityRows(site, records, currencies, styles);
  const unknown = unknownCount(records);
  const totals = currencies.map((c) => figure(styles.get(c)!, overall.get(c)!).text);
  const data = {
    count: records.length,
    filters: {
      // '_' stands for "none named": no authority id can be written with it.
      authorities: authorities
        .map(({ key, label, title }) => ({ id: key === '' ? '_' : key, label, title }))
        .sort((a, b) => byName(a.title ?? a.label, b.title ?? b.label) || byName(a.id, b.id)),
      years,
      currencies: currencyOrder(records, true).map((code) => ({
        code,
        label: currencyLabel(code),
      })),
    },
    /** Each currency's unit for the script's totals: "EUR 0 2,ISK 6 2" (zeros, decimals). */
    styles: [...styles.values()]
      .map(
        (st) =>
          `${st.currency} ${st.word === 'billion' ? 9 : st.word === 'million' ? 6 : 0} ${st.decimals}`,
      )
      .join(','),
    // As the script words it (assets/fines.js, update), for the view with no filter.
    status:
      `Showing all ${group(BigInt(records.length))} fines` +
      (totals.length ? `, totalling ${list(totals)}` : '') +
      (unknown
        ? `${totals.length ? '; ' : ', '}${unknown} of an amount not known exactly, not in the total`
        : '') +
      '.',
    sizes: pageSizes(records.length),
    src: FINES_TABLE,
  };
  let rows: FineRow[] | undefined;
  return {
    data,
    key: JSON.stringify(data),
    rows: () => (rows ??= records.map((r) => fineRow(site, styles, r))),
  };
}

/** "a", "a and b", "a, b and c". */
function list(parts: readonly string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Page `n` of the table alone at `per` rows a page (not `/fines/`): its fines, and the way back. */
function finesTablePage(site: Site, table: FinesTable, n: number, per: number): PageSpec {
  const pagination = finesPagination(n, per, table.data.count);
  const { pages } = pagination;
  const size = per === FINES_PER_PAGE ? '' : `, ${per} rows a page`;
  return {
    path: finesPagePath(n, per),
    template: 'fines',
    title: `Fines tracker (page ${n} of ${pages}${size})`,
    description: `Fines ${n === pages ? 'up to the oldest' : 'reported'} in ${site.config.title}, newest first: page ${n} of ${pages}${size}.`,
    data: {
      first: false,
      table: { ...table.data, rows: table.rows().slice((n - 1) * per, n * per), pagination },
      home: FINES,
      statistics: '/statistics/',
      n: (count: number) => group(BigInt(count)),
    },
  };
}

/** The totals per authority, ranked by amount: in the most used currency, then the next… */
function authorityRows(
  site: Site,
  records: readonly FineRecord<Item>[],
  currencies: string[],
  styles: ReadonlyMap<string, AmountStyle>,
): TotalsRow[] {
  const groups = groupTotals(records, byAuthority);
  const rows = totalsRows(groups, unknownBy(records, byAuthority), currencies, styles, (key) =>
    authorityLabel(site, key),
  );
  const rank = (row: TotalsRow) => currencies.map((c) => groups.get(row.key)?.get(c));
  return rows.sort((a, b) => {
    const x = rank(a);
    const y = rank(b);
    for (let i = 0; i < currencies.length; i++) {
      const c = larger(x[i], y[i]);
      if (c !== 0) return c;
    }
    return b.unknown - a.unknown || byName(a.title ?? a.label, b.title ?? b.label);
  });
}

/** Larger totals first; a group with none in the currency after every one with some. */
function larger(a: Total | undefined, b: Total | undefined): number {
  const x = a && a.count > 0 ? a : undefined;
  const y = b && b.count > 0 ? b : undefined;
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  const e = Math.max(x.exponent, y.exponent);
  const mx = x.minor * 10n ** BigInt(e - x.exponent);
  const my = y.minor * 10n ** BigInt(e - y.exponent);
  return mx > my ? -1 : mx < my ? 1 : 0;
}

function finesPage(site: Site, records: readonly FineRecord<Item>[], table: FinesTable): PageSpec {
  const currencies = currencyOrder(records);
  const overall = currencyTotals(records);
  const yearTotals = groupTotals(records, byYear);
  const styles = fineStyles(records.map((r) => r.fine));
  const byYearRows = totalsRows(
    yearTotals,
    unknownBy(records, byYear),
    currencies,
    styles,
    (key) => ({ label: key }),
  );
  byYearRows.reverse(); // newest year first, as the table is
  const items = new Set(records.map((r) => r.item));
  const years = records.map((r) => r.item.date.year).sort((a, b) => a - b);
  const unknown = unknownCount(records);
  const exact = records.filter((r) => isExact(r.fine));
  return {
    path: FINES,
    template: 'fines',
    title: 'Fines tracker',
    description: `Every fine reported in ${site.config.title}, with totals per year and authority.`,
    data: {
      first: true,
      count: records.length,
      items: items.size,
      unknown,
      span: records.length > 0 && {
        from: years[0],
        to: years[years.length - 1],
      },
      currencies: currencies.map((code) => ({
        code,
        label: currencyLabel(code),
        unit: styles.get(code)!.unit,
      })),
      overall: currencies.map((c) => ({ currency: c, ...amount(styles.get(c)!, overall.get(c)!) })),
      charts: finesCharts(exact, currencies, styles),
      // The same, drawn for a phone (the page shows one or the other).
      narrowCharts: finesCharts(exact, currencies, styles, NARROW),
      byYear: byYearRows,
      byAuthority: authorityRows(site, records, currencies, styles),
      authorityOrder:
        currencies.length > 1
          ? `by total in ${currencyLabel(currencies[0]!)}, largest first`
          : 'largest total first',
      table: {
        ...table.data,
        rows: table.rows().slice(0, FINES_PER_PAGE),
        pagination: finesPagination(1, FINES_PER_PAGE, records.length),
      },
      csv: '/fines.csv',
      json: '/fines.json',
      statistics: '/statistics/',
      /** A count as the page writes it: "2,922". */
      n: (count: number) => group(BigInt(count)),
    },
  };
}

function byName(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
