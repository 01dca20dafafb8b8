/**
 * The fines tracker: `/fines/` (a table of every fine, totals per year and
 * per authority in each currency, and a chart per currency drawn at build
 * time), and the same data as `/fines.csv` and `/fines.json`.
 *
 * The table is complete and readable without JavaScript; `assets/fines.js`
 * adds sorting and filtering, reading the raw values from `data-` attributes.
 */
import {
  figure,
  fineStyles,
  styledText,
  type AmountStyle,
  type Decimal,
  type Figure,
} from '../domain/amount-style.js';
import { formatDate, isoDate, lastDay } from '../domain/dates.js';
import { isExact, type ItemFine } from '../domain/fine-forms.js';
import { currencyLabel, decimalAmount, group } from '../domain/fines.js';
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
import { finesCharts } from './fines-chart.js';
import { finesCsv, finesJson } from './fines-data.js';
import type { Add, PageSpec } from './index.js';

export { authorityLabel } from './authority-label.js';

/**
 * The three pages show the items with a fine and nothing else (`gazette dev`
 * treats gaining or losing a fine as a move, so the list stays right).
 */
export function finesPages(site: Site, add: Add): void {
  const fined = site.items.filter((item) => item.fines.length > 0);
  add('/fines/', fined, () => finesPage(site));
  add('/fines.csv', fined, () => ({
    path: '/fines.csv',
    template: 'raw',
    title: 'fines',
    data: { text: finesCsv(site, fineRecords(site.items)) },
  }));
  add('/fines.json', fined, () => ({
    path: '/fines.json',
    template: 'raw',
    title: 'fines',
    data: { text: finesJson(site, fineRecords(site.items)) },
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

function finesPage(site: Site): PageSpec {
  const records = fineRecords(site.items);
  const currencies = currencyOrder(records);
  const overall = currencyTotals(records);
  const yearTotals = groupTotals(records, byYear);
  const authorityTotals = groupTotals(records, byAuthority);
  const styles = fineStyles(records.map((r) => r.fine));
  const byYearRows = totalsRows(
    yearTotals,
    unknownBy(records, byYear),
    currencies,
    styles,
    (key) => ({ label: key }),
  );
  byYearRows.reverse(); // newest year first, as the table is
  const authorities = totalsRows(
    authorityTotals,
    unknownBy(records, byAuthority),
    currencies,
    styles,
    (key) => authorityLabel(site, key),
  ).sort((a, b) => byName(a.title ?? a.label, b.title ?? b.label) || byName(a.key, b.key));
  const items = new Set(records.map((r) => r.item));
  const years = records.map((r) => r.item.date.year).sort((a, b) => a - b);
  const unknown = unknownCount(records);
  return {
    path: '/fines/',
    template: 'fines',
    title: 'Fines tracker',
    description: `Every fine reported in ${site.config.title}, with totals per year and authority.`,
    data: {
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
      charts: finesCharts(
        records.filter((r) => isExact(r.fine)),
        currencies,
        styles,
      ),
      byYear: byYearRows,
      byAuthority: authorities,
      rows: records.map((r, n) => fineRow(site, styles, r, n)),
      filters: {
        // '_' stands for "none named": no authority id can be written with it.
        authorities: authorities.map(({ key, label, title }) => ({
          id: key === '' ? '_' : key,
          label,
          title,
        })),
        years: byYearRows.map((y) => y.key),
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
      csv: '/fines.csv',
      json: '/fines.json',
      statistics: '/statistics/',
      /** A count as the page writes it: "2,922". */
      n: (count: number) => group(BigInt(count)),
    },
  };
}

/** One row of the table, with the raw values that sorting and filtering read. */
function fineRow(
  site: Site,
  styles: ReadonlyMap<string, AmountStyle>,
  record: FineRecord<Item>,
  n: number,
) {
  const { item, fine } = record;
  const authorities = item.authorities.map((id) => ({ id, ...authorityLabel(site, id) }));
  const parties = item.parties.join('; ');
  const shown = fineText(styles, fine);
  return {
    n,
    year: String(item.date.year),
    dateIso: isoDate(item.date),
    dateText: formatDate(item.date),
    /** A month-precision date sorts as the month's last day, as everywhere on the site. */
    dateSort: lastDay(item.date),
    parties,
    partySort: parties.toLowerCase(),
    authorities,
    authorityIds: item.authorities.join(' '),
    authoritySort: authorities
      .map((a) => a.label)
      .join(' ')
      .toLowerCase(),
    currency: fine.currency ?? '',
    kind: fine.kind,
    /** The exact amount in the currency's unit ("16740000.00", "300000" for yen); '' when not known. */
    amount: isExact(fine) ? decimalAmount(fine.minor, fine.exponent) : '',
    /**
     * The amount in ten-thousandths of the unit (the most minor digits any
     * currency has), padded to sort as text within a currency; a fine of
     * unknown amount sorts below every known one.
     */
    amountSort: isExact(fine)
      ? String(fine.minor * 10n ** BigInt(4 - fine.exponent)).padStart(28, '0')
      : '',
    display: typeof shown === 'string' ? shown : shown.text,
    amountTitle: typeof shown === 'string' ? undefined : shown.title,
    title: item.title,
    titleSort: item.title.toLowerCase(),
    url: item.url,
  };
}

function byName(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
