/**
 * The fines tracker's data for people who analyse it: `/fines.csv` (RFC 4180:
 * a header row, CRLF line ends, fields quoted where they must be) and
 * `/fines.json`. Amounts are exact decimal strings ("16740000.00"), never
 * floating-point numbers; totals are per currency. A text cell a spreadsheet
 * would run as a formula is written with a leading `'` (see `csvText`).
 */
import { isoDate } from '../domain/dates.js';
import {
  byAuthority,
  byYear,
  currencyOrder,
  currencyTotals,
  groupTotals,
  unknownCount,
  totalAmount,
  type CurrencyTotals,
  type FineRecord,
} from '../domain/totals.js';
import { fineData } from '../domain/fine-forms.js';
import { absoluteUrl } from '../domain/urls.js';
import type { Item, Site } from '../model.js';

export const CSV_COLUMNS = [
  'date',
  'year',
  'parties',
  'authority_ids',
  'authorities',
  'currency',
  'amount',
  'display',
  'title',
  'url',
  'amount_kind',
  'amount_min',
  'amount_max',
] as const;

/** The columns the build writes itself (dates, codes, amounts): data, never prefixed. */
const DATA_COLUMNS: ReadonlySet<string> = new Set([
  'date',
  'year',
  'currency',
  'amount',
  'amount_kind',
  'amount_min',
  'amount_max',
]);

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180 §2.6–2.7). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A field of editors' text (a party, a title): when it starts with a character
 * that makes a spreadsheet read it as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`,
 * tab, CR), it is written with a leading `'`, which makes it text (OWASP, "CSV
 * Injection"); then quoted as any field.
 */
export function csvText(value: string): string {
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A record of CSV_COLUMNS: text columns neutralised, data columns as they are. */
function csvRecord(values: readonly string[]): string {
  const fields = values.map((value, i) =>
    DATA_COLUMNS.has(CSV_COLUMNS[i]!) ? csvField(value) : csvText(value),
  );
  return `${fields.join(',')}\r\n`;
}

export function finesCsv(site: Site, records: readonly FineRecord<Item>[]): string {
  const lines = [csvLine(CSV_COLUMNS)];
  for (const { item, fine } of records) {
    const data = fineData(fine);
    lines.push(
      csvRecord([
        isoDate(item.date),
        String(item.date.year),
        item.parties.join('; '),
        item.authorities.join('; '),
        item.authorities.map((id) => site.authorities.get(id)!.name).join('; '),
        data.currency ?? '',
        data.amount ?? '',
        fine.display,
        item.title,
        absoluteUrl(site.config.baseUrl, item.url),
        data.kind,
        'min' in data ? data.min : '',
        'max' in data ? data.max : '',
      ]),
    );
  }
  return lines.join('');
}

function totalsJson(totals: CurrencyTotals) {
  return [...totals].map(([currency, t]) => ({
    currency,
    count: t.count,
    amount: totalAmount(t),
    unknown: t.unknown,
  }));
}

export function finesJson(site: Site, records: readonly FineRecord<Item>[]): string {
  const authorityIds = [...new Set(records.flatMap((r) => r.item.authorities))].sort();
  const value = {
    title: `${site.config.title}: fines`,
    note: 'Amounts are exact decimal strings in the currency unit; totals are per currency, never across currencies. A fine two authorities imposed together counts in full in each authority total. A fine whose amount is not known exactly (kind undisclosed, described or range) has amount null and is counted apart ("unknown"), never as zero; count is the number of fines a total adds up.',
    currencies: currencyOrder(records),
    authorities: Object.fromEntries(
      authorityIds.map((id) => {
        const a = site.authorities.get(id)!;
        return [id, a.abbr ? { name: a.name, abbr: a.abbr } : { name: a.name }];
      }),
    ),
    fines: records.map(({ item, fine }) => {
      const { amount, currency, display, ...rest } = fineData(fine);
      return {
        date: isoDate(item.date),
        parties: item.parties,
        authorities: item.authorities,
        currency,
        amount,
        display,
        title: item.title,
        url: absoluteUrl(site.config.baseUrl, item.url),
        ...rest,
      };
    }),
    totals: {
      byCurrency: totalsJson(currencyTotals(records)),
      unknown: unknownCount(records),
      byYear: [...groupTotals(records, byYear)].map(([year, totals]) => ({
        year: Number(year),
        totals: totalsJson(totals),
      })),
      byAuthority: [...groupTotals(records, byAuthority)].map(([id, totals]) => ({
        authority: id === '' ? null : id,
        totals: totalsJson(totals),
      })),
    },
  };
  return `${JSON.stringify(value, null, 1)}\n`;
}
