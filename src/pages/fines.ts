/**
 * The fines tracker: `/fines/` (a table of every fine, totals per year and
 * per authority in each currency, and a chart per currency drawn at build
 * time), and the same data as `/fines.csv` and `/fines.json`.
 *
 * The table is complete and readable without JavaScript; `assets/fines.js`
 * adds sorting and filtering, reading the raw values from `data-` attributes.
 */
import { formatDate, isoDate, lastDay } from '../domain/dates.js';
import { currencyLabel, decimalAmount } from '../domain/fines.js';
import {
  byAuthority,
  byYear,
  currencyOrder,
  currencyTotals,
  fineRecords,
  formatTotal,
  groupTotals,
  type CurrencyTotals,
  totalAmount,
  type FineRecord,
  type Total,
} from '../domain/totals.js';
import type { Item, Site } from '../model.js';
import { finesCharts } from './fines-chart.js';
import { finesCsv, finesJson } from './fines-data.js';
import type { Add, PageSpec } from './index.js';

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

/** An amount as a cell shows it: the house style, the exact decimal, how many fines. */
export interface AmountView {
  display: string;
  exact: string;
  count: number;
}

export interface TotalsRow {
  /** The group's key: a year, or an authority id ('' for none named). */
  key: string;
  label: string;
  title?: string;
  url?: string;
  /** One per currency column, undefined where the group has no fine in it. */
  cells: (AmountView | undefined)[];
}

function amount(currency: string, total: Total): AmountView {
  return {
    display: formatTotal(total, currency),
    exact: totalAmount(total),
    count: total.count,
  };
}

function totalsRows(
  groups: Map<string, CurrencyTotals>,
  currencies: string[],
  label: (key: string) => Omit<TotalsRow, 'key' | 'cells'>,
): TotalsRow[] {
  return [...groups].map(([key, totals]) => ({
    key,
    ...label(key),
    cells: currencies.map((c) => {
      const total = totals.get(c);
      return total && amount(c, total);
    }),
  }));
}

/** An authority as the tracker names it: abbreviation (or name), full name, page. */
export function authorityLabel(site: Site, id: string) {
  if (id === '') return { label: 'None named' };
  const a = site.authorities.get(id)!;
  return { label: a.abbr ?? a.name, title: a.name, url: `/authorities/${id}/` };
}

function finesPage(site: Site): PageSpec {
  const records = fineRecords(site.items);
  const currencies = currencyOrder(records);
  const overall = currencyTotals(records);
  const byYearRows = totalsRows(groupTotals(records, byYear), currencies, (key) => ({
    label: key,
  }));
  byYearRows.reverse(); // newest year first, as the table is
  const authorities = totalsRows(groupTotals(records, byAuthority), currencies, (key) =>
    authorityLabel(site, key),
  ).sort((a, b) => byName(a.title ?? a.label, b.title ?? b.label) || byName(a.key, b.key));
  const items = new Set(records.map((r) => r.item));
  const years = records.map((r) => r.item.date.year).sort((a, b) => a - b);
  return {
    path: '/fines/',
    template: 'fines',
    title: 'Fines tracker',
    description: `Every fine reported in ${site.config.title}, with totals per year and authority.`,
    data: {
      count: records.length,
      items: items.size,
      span: records.length > 0 && {
        from: years[0],
        to: years[years.length - 1],
      },
      currencies: currencies.map((code) => ({ code, label: currencyLabel(code) })),
      overall: currencies.map((c) => ({ currency: c, ...amount(c, overall.get(c)!) })),
      charts: finesCharts(records, currencies),
      byYear: byYearRows,
      byAuthority: authorities,
      rows: records.map((r, n) => fineRow(site, r, n)),
      filters: {
        // '_' stands for "none named": no authority id can be written with it.
        authorities: authorities.map(({ key, label, title }) => ({
          id: key === '' ? '_' : key,
          label,
          title,
        })),
        years: byYearRows.map((y) => y.key),
      },
      csv: '/fines.csv',
      json: '/fines.json',
    },
  };
}

/** One row of the table, with the raw values that sorting and filtering read. */
function fineRow(site: Site, record: FineRecord<Item>, n: number) {
  const { item, fine } = record;
  const authorities = item.authorities.map((id) => ({ id, ...authorityLabel(site, id) }));
  const parties = item.parties.join('; ');
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
    currency: fine.currency,
    /** The exact amount in the currency's unit ("16740000.00", "300000" for yen). */
    amount: decimalAmount(fine.minor, fine.exponent),
    /**
     * The amount in ten-thousandths of the unit (the most minor digits any
     * currency has), padded to sort as text within a currency.
     */
    amountSort: String(fine.minor * 10n ** BigInt(4 - fine.exponent)).padStart(28, '0'),
    display: fine.display,
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
