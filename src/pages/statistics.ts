/**
 * `/statistics/`: enforcement statistics per currency — and within each, per
 * year, authority and sector — with the number of fines and cases, total,
 * median and largest fine, the ten largest, and the fines of an amount not
 * known exactly counted apart. Every amount of a currency in one style (see
 * domain/amount-style), exact in its `<data value>`.
 *
 * The page shows every item with a fine, and nothing else of the content:
 * those items are its inputs.
 */
import {
  amountStyle,
  figure,
  fineStyles,
  styleKey,
  type AmountStyle,
  type Decimal,
} from '../domain/amount-style.js';
import { formatDate, isoDate } from '../domain/dates.js';
import { slugify } from '../domain/slugs.js';
import { isExact } from '../domain/fine-forms.js';
import { currencyLabel, group } from '../domain/fines.js';
import { figures, topFines, bySector, type Figures } from '../domain/statistics.js';
import {
  byAuthority,
  byYear,
  compareText,
  currencyOrder,
  currencyTotals,
  fineRecords,
  groupRecords,
  unknownCount,
  zero,
  type FineRecord,
} from '../domain/totals.js';
import type { Item, Site } from '../model.js';
import { authorityLabel } from './authority-label.js';
import { chart, type FinesChart } from './fines-chart.js';
import type { Add, PageSpec } from './index.js';
import { countChart } from './statistics-chart.js';

export const STATISTICS = '/statistics/';

export function statisticsPages(site: Site, add: Add): void {
  const fined = site.items.filter((item) => item.fines.length > 0);
  add(STATISTICS, fined, () => statisticsPage(site));
}

/**
 * What an authority's page shows of its fines: the total of each currency, in
 * the site's style for it (as the statistics write it), and how many are of
 * an amount not known exactly; undefined when it has no fine. `key` is what
 * the page shows beyond its items' digests: the styles.
 */
export function authorityFines(
  items: readonly Item[],
  id: string,
  styles: ReadonlyMap<string, AmountStyle>,
) {
  const records = fineRecords(items);
  if (records.length === 0) return undefined;
  const totals = currencyTotals(records);
  const used = [...totals.keys()].map((c) => styles.get(c)!);
  return {
    inputs: [...new Set(records.map((r) => r.item))],
    key: used.map(styleKey).join(' '),
    data: {
      count: records.length,
      unknown: unknownCount(records),
      totals: [...totals].map(([currency, total]) => ({
        ...figure(styles.get(currency)!, total),
        count: total.count,
        url: `${STATISTICS}#${rowAnchor(currency, 'authority', id)}`,
      })),
      statistics: STATISTICS,
    },
  };
}

/** The anchor of a currency's section, and of a row in one of its tables. */
export const currencyAnchor = (currency: string) => `stats-${currency.toLowerCase()}`;
export const rowAnchor = (currency: string, table: string, key: string) =>
  `${currencyAnchor(currency)}-${table}-${key === '' ? '_' : key}`;

type Dimension = 'year' | 'authority' | 'sector';

interface Row {
  key: string;
  figures: Figures;
}

function statisticsPage(site: Site): PageSpec {
  const records = fineRecords(site.items);
  const currencies = currencyOrder(records, true);
  const groups: Record<Dimension, Map<string, FineRecord<Item>[]>> = {
    year: groupRecords(records, byYear),
    authority: groupRecords(records, byAuthority),
    sector: groupRecords(records, bySector),
  };
  const styles = fineStyles(records.map((r) => r.fine));
  const sections = currencies.map((currency) =>
    currencySection(
      site,
      records,
      groups,
      currency,
      // A currency that only fines of unknown amount name shows no amount.
      styles.get(currency) ?? amountStyle(currency, 0, []),
    ),
  );
  const years = [...groups.year].map(([year, list]) => ({
    year,
    known: list.filter((r) => isExact(r.fine)).length,
    unknown: list.filter((r) => !isExact(r.fine)).length,
  }));
  const unknown = records.filter((r) => !isExact(r.fine));
  const span = years.length > 0 && { from: years[0]!.year, to: years[years.length - 1]!.year };
  return {
    path: STATISTICS,
    template: 'statistics',
    title: 'Statistics',
    description: `Enforcement statistics of ${site.config.title}: fines per year, authority, sector and currency.`,
    data: {
      count: records.length,
      cases: new Set(records.map((r) => r.item)).size,
      unknown: unknown.length,
      span,
      currencies: sections.map((s) => s.overview),
      sections: sections.map((s) => s.view),
      chart: countChart(fillYears(years)),
      unknownKinds: unknownKinds(unknown, currencies),
      tracker: '/fines/',
      /** A count as the page writes it: "2,922". */
      n: (count: number) => group(BigInt(count)),
    },
  };
}

/** Every year from the first to the last, a year without fines as zero. */
function fillYears(years: { year: string; known: number; unknown: number }[]) {
  if (years.length === 0) return [];
  const have = new Map(years.map((y) => [y.year, y]));
  const out = [];
  for (let y = Number(years[0]!.year); y <= Number(years[years.length - 1]!.year); y++) {
    const key = String(y).padStart(4, '0');
    out.push(have.get(key) ?? { year: key, known: 0, unknown: 0 });
  }
  return out;
}

function currencySection(
  site: Site,
  records: readonly FineRecord<Item>[],
  groups: Record<Dimension, Map<string, FineRecord<Item>[]>>,
  currency: string,
  style: AmountStyle,
) {
  const exponent = exponentIn(records, currency);
  const all = figures(records, currency, exponent);
  const rows = (dimension: Dimension): Row[] =>
    [...groups[dimension]]
      .map(([key, list]) => ({ key, figures: figures(list, currency, exponent) }))
      .filter((r) => r.figures.fines > 0);
  const byYearRows = rows('year').reverse();
  const ranked = (list: Row[], name: (key: string) => string) =>
    list.sort(
      (a, b) =>
        (a.figures.total > b.figures.total ? -1 : a.figures.total < b.figures.total ? 1 : 0) ||
        b.figures.fines - a.figures.fines ||
        compareText(name(a.key).toLowerCase(), name(b.key).toLowerCase()),
    );
  const authorityName = (key: string) => {
    const l = authorityLabel(site, key);
    return l.title ?? l.label;
  };
  const byAuthorityRows = ranked(rows('authority'), authorityName);
  const bySectorRows = ranked(rows('sector'), (key) => key);
  const top = topFines(records, currency);
  const label = currencyLabel(currency);
  const table = (dimension: Dimension, list: Row[], name: (key: string) => LabelView) => {
    // Years and authority ids are names already; a sector is editors' text: its slug, once.
    const used = new Set<string>();
    return list.map((r) => {
      let key = dimension === 'sector' ? slugify(r.key) || (r.key === '' ? '' : 'sector') : r.key;
      const base = key;
      for (let i = 2; used.has(key); i++) key = `${base}-${i}`;
      used.add(key);
      return {
        key: r.key,
        id: rowAnchor(currency, dimension, key),
        ...name(r.key),
        ...view(style, r.figures),
      };
    });
  };
  return {
    overview: {
      code: currency,
      label,
      id: currencyAnchor(currency),
      ...view(style, all),
      unit: style.unit,
    },
    view: {
      code: currency,
      label,
      id: currencyAnchor(currency),
      unit: style.unit,
      all: view(style, all),
      chart: yearChart(currency, style, byYearRows),
      byYear: table('year', byYearRows, (key) => ({ label: key })),
      byAuthority: table('authority', byAuthorityRows, (key) => authorityLabel(site, key)),
      bySector: table('sector', bySectorRows, (key) => ({
        label: key === '' ? 'Not stated' : key,
      })),
      top: top.map((r, i) => ({
        rank: i + 1,
        date: formatDate(r.item.date),
        dateIso: isoDate(r.item.date),
        parties: r.item.parties.join('; '),
        authorities: r.item.authorities.map((id) => ({ id, ...authorityLabel(site, id) })),
        amount: figure(style, decimalOf(r)),
        title: r.item.title,
        url: r.item.url,
      })),
    },
  };
}

interface LabelView {
  label: string;
  title?: string;
  url?: string;
}

/** The figures as cells: counts as they are, amounts in the currency's style. */
function view(style: AmountStyle, f: Figures) {
  const known = (minor: bigint | undefined, exponent = f.exponent) =>
    minor === undefined ? undefined : figure(style, { minor, exponent });
  return {
    fines: f.fines,
    cases: f.cases,
    known: f.known,
    unknown: f.unknown,
    total: f.known > 0 ? known(f.total) : undefined,
    median: f.median && figure(style, f.median),
    largest: known(f.largest),
  };
}

function decimalOf(record: FineRecord): Decimal {
  const fine = record.fine;
  return isExact(fine)
    ? { minor: fine.minor, exponent: fine.exponent }
    : { minor: 0n, exponent: 0 };
}

function exponentIn(records: readonly FineRecord[], currency: string): number {
  for (const { fine } of records)
    if (fine.currency === currency && (fine.kind === 'exact' || fine.kind === 'range'))
      return fine.exponent;
  return zero().exponent;
}

/** The chart of a currency's totals per year, when its fines span two years or more. */
function yearChart(currency: string, style: AmountStyle, rows: Row[]): FinesChart | undefined {
  const known = rows.filter((r) => r.figures.known > 0).map((r) => Number(r.key));
  if (known.length === 0) return undefined;
  const first = Math.min(...known);
  const last = Math.max(...known);
  if (first === last) return undefined;
  const byKey = new Map(rows.map((r) => [r.key, r.figures]));
  const keys: string[] = [];
  for (let y = first; y <= last; y++) keys.push(String(y).padStart(4, '0'));
  const values = keys.map((key) => {
    const f = byKey.get(key);
    return f && f.known > 0
      ? { count: f.known, minor: f.total, exponent: f.exponent, unknown: f.unknown }
      : zero();
  });
  const made = chart(currency, style, 'year', keys, values, `${currencyAnchor(currency)}-chart`);
  return { ...made, desc: made.desc.replace('The table of totals by year', 'The table by year') };
}

/** How many fines of each kind of unknown amount, per currency (and with none stated). */
function unknownKinds(unknown: readonly FineRecord[], currencies: readonly string[]) {
  const rows = [...currencies, ''].map((currency) => {
    const mine = unknown.filter((r) => (r.fine.currency ?? '') === currency);
    const count = (kind: string) => mine.filter((r) => r.fine.kind === kind).length;
    return {
      currency,
      label: currency === '' ? 'Currency not stated' : currencyLabel(currency),
      undisclosed: count('undisclosed'),
      described: count('described'),
      range: count('range'),
      all: mine.length,
    };
  });
  return rows.filter((r) => r.all > 0);
}
