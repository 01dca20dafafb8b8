/**
 * Real GDPR enforcement records, converted field for field into a site
 * (test/realdata/convert.ts) and built: gazette refuses only records whose
 * data is itself wrong, and the per-currency totals of the statistics page and
 * fines.json equal totals computed here, independently, from the raw records.
 *
 * The snapshot lives beside the repository (../shared/realdata/, see
 * realdata.test.ts) and is never copied into it; without it this test skips,
 * saying so. By default it takes a slice (every tenth record of each source);
 * GAZETTE_REALDATA=full takes all 5,446 and prints the figures;
 * GAZETTE_REALDATA_KEEP=1 keeps the built site.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSite, page, removeSite, run } from '../helpers.js';
import {
  CMS_FILE,
  Converter,
  HUB_FILE,
  readCms,
  readHub,
  siteFiles,
  type Converted,
} from '../realdata/convert.js';
import { readFileSync } from 'node:fs';

const DIR = join(import.meta.dirname, '../../../shared/realdata/gdpr-enforcement-2024-03');
const present = existsSync(join(DIR, CMS_FILE)) && existsSync(join(DIR, HUB_FILE));
const FULL = process.env.GAZETTE_REALDATA === 'full';
if (!present) console.warn(`skipping the real-data site test: ${DIR} is not there`);

/**
 * What a refusal may be: the record's own data is wrong or missing — never a
 * form gazette ought to read. Each kind by its code and what it says.
 */
const GENUINE: readonly [code: string, message: RegExp, kind: string][] = [
  ['field-required', /has no "date"/, 'no date'],
  ['date-invalid', /"date"/, 'a date that is no date ("Unknown")'],
  ['fine-currency', /has no currency/, 'a fine without its currency'],
  ['fine-ambiguous', /is ambiguous/, 'an amount that reads two ways ("2.000 EUR")'],
  ['url-invalid', /a source/, 'a source address that is not one URL'],
  ['url-unsafe', /a source must be/, 'a source that is not an http(s) address'],
  ['text-control', /U\+/, 'a control character in the text'],
];

function kindOf(d: { code: string; message: string }): string {
  const found = GENUINE.find(([code, message]) => code === d.code && message.test(d.message));
  return found ? found[2] : `NOT A DATA ERROR: ${d.code}: ${d.message}`;
}

/** Amounts are compared in ten-thousandths of a unit: no currency here has more minor digits. */
const SCALE = 4;

/**
 * A raw fine, read here without gazette, as simply as the sources write them:
 * an amount and its currency, a fine not known exactly (and its currency, if
 * stated), no fine at all, or a text this reading cannot take.
 */
type Raw =
  | { kind: 'amount'; currency: string; units: bigint }
  | { kind: 'unknown'; currency: string | undefined }
  | { kind: 'none' }
  | { kind: 'unreadable' };

function units(whole: string, fraction = ''): bigint {
  return BigInt(whole.replace(/,/g, '') + fraction.padEnd(SCALE, '0').slice(0, SCALE));
}

function rawCms(text: string): Raw {
  const t = text.trim();
  if (/^only intention to issue fine$/i.test(t) || t === '') return { kind: 'none' };
  if (/^unknown$/i.test(t)) return { kind: 'unknown', currency: undefined };
  if (/^fine in [a-z]+-digit amount$/i.test(t)) return { kind: 'unknown', currency: 'EUR' };
  if (/^fine amount between EUR [\d,]+ and EUR [\d,]+$/i.test(t))
    return { kind: 'unknown', currency: 'EUR' };
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)$/.exec(t);
  return m ? { kind: 'amount', currency: 'EUR', units: units(m[1]!) } : { kind: 'unreadable' };
}

function rawHub(text: string): Raw {
  const t = text.trim();
  if (t === '') return { kind: 'none' };
  const m = /^(€|£)?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(€|£|[A-Z]{3})?$/.exec(t);
  if (!m || (m[1] && m[4])) return { kind: 'unreadable' };
  const symbol = m[1] ?? m[4];
  const currency = symbol === '€' ? 'EUR' : symbol === '£' ? 'GBP' : symbol;
  // A single point before three digits and no more ("2.000") is where two conventions meet.
  if (currency === undefined || (m[3]?.length === 3 && !m[2]!.includes(',')))
    return { kind: 'unreadable' };
  return { kind: 'amount', currency, units: units(m[2]!, m[3]) };
}

interface Totals {
  amounts: Map<string, { count: number; units: bigint }>;
  unknown: Map<string, number>;
}

function independentTotals(raws: readonly Raw[]): Totals {
  const totals: Totals = { amounts: new Map(), unknown: new Map() };
  for (const raw of raws) {
    if (raw.kind === 'amount') {
      const t = totals.amounts.get(raw.currency) ?? { count: 0, units: 0n };
      t.count += 1;
      t.units += raw.units;
      totals.amounts.set(raw.currency, t);
    } else if (raw.kind === 'unknown') {
      const key = raw.currency ?? '';
      totals.unknown.set(key, (totals.unknown.get(key) ?? 0) + 1);
    }
  }
  return totals;
}

/** "1033001.00" → ten-thousandths. */
function fromDecimal(text: string): bigint {
  const [whole, fraction] = text.split('.') as [string, string?];
  return units(whole, fraction);
}

describe.skipIf(!present)('a site converted from the real GDPR enforcement snapshot', () => {
  let root: string;
  let items: Converted[];
  let raw: Map<string, Raw>;
  const refused = new Map<string, { code: string; message: string }[]>(); // file → problems
  let built: Converted[];

  beforeAll(async () => {
    const converter = new Converter();
    const step = FULL ? 1 : 10;
    const cms = readCms(DIR).filter((_, i) => i % step === 0);
    const hub = readHub(DIR)
      .map((row, i) => ({ row, n: i + 1 }))
      .filter((_, i) => i % step === 0);
    raw = new Map();
    items = [];
    for (const row of cms) {
      const item = converter.cms(row);
      items.push(item);
      raw.set(item.file, rawCms(row[5] ?? ''));
    }
    for (const { row, n } of hub) {
      const item = converter.hub(row, n);
      items.push(item);
      raw.set(item.file, rawHub(row.Fine ?? ''));
    }
    root = makeSite(siteFiles(converter, items));
    // The records run to 2024; the tests' build date is in 2022.
    const check = await run('check', '--root', root, '--future', '--format', 'json');
    const diagnostics = (
      JSON.parse(check.stdout) as { errors: { file: string; code: string; message: string }[] }
    ).errors;
    for (const d of diagnostics) refused.set(d.file, [...(refused.get(d.file) ?? []), d]);
    // Build what gazette accepts: the refused records left out, nothing else.
    for (const file of refused.keys()) rmSync(join(root, file));
    built = items.filter((i) => !refused.has(i.file));
    const build = await run('build', '--root', root, '--future');
    expect(build.stderr).toBe('');
    expect(build.stdout).toContain(`built ${built.length} items`);
  }, 600_000);
  afterAll(() => {
    // GAZETTE_REALDATA_KEEP=1 keeps the site (and its dist/) to look at, and says where.
    if (process.env.GAZETTE_REALDATA_KEEP) console.log(`real-data site kept in ${root}`);
    else if (root) removeSite(root);
  }, 120_000);

  it('refuses only records whose own data is wrong, each with its reason', () => {
    const byKind = new Map<string, number>();
    for (const problems of refused.values())
      for (const kind of new Set(problems.map(kindOf)))
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    const summary = [...byKind]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, n]) => `${kind}: ${n}`)
      .join('; ');
    const bySource = (source: string) => items.filter((i) => i.source === source);
    console.log(
      `real data (${FULL ? 'full' : 'every tenth record'}): ${items.length} records ` +
        `(CMS ${bySource('cms').length}, GDPRhub ${bySource('hub').length}), ` +
        `${built.length} built, ${refused.size} refused: ${summary || 'none'}`,
    );
    expect([...byKind.keys()].filter((kind) => kind.startsWith('NOT A DATA ERROR'))).toEqual([]);
    // Every fine this simple reading could not take is refused, and no fine it took is.
    for (const item of items) {
      const r = raw.get(item.file)!;
      const codes = (refused.get(item.file) ?? []).map((d) => d.code);
      if (r.kind === 'unreadable')
        expect(codes, item.record).toContainEqual(expect.stringMatching(/^fine-/));
      else
        expect(
          codes.filter((c) => c.startsWith('fine-')),
          item.record,
        ).toEqual([]);
    }
  });

  it('adds up every currency as the raw records do, and counts the fines not known exactly apart', () => {
    const expected = independentTotals(built.map((i) => raw.get(i.file)!));
    const stats = page(join(root, 'dist'), 'statistics/index.html');
    const overview = new Map(
      [...stats.querySelectorAll('.stats-overview tbody tr')].map((tr) => {
        const cells = [...tr.querySelectorAll('td')];
        return [
          tr.querySelector('th')!.textContent!.trim(),
          {
            fines: Number(cells[0]!.textContent!.replace(/,/g, '')),
            total: cells[1]!.querySelector('data')?.getAttribute('value'),
            unknown: cells[4]?.querySelector('.fines-none')
              ? 0
              : Number(cells[4]?.textContent?.replace(/,/g, '') ?? 0),
          },
        ];
      }),
    );
    const json = JSON.parse(readFileSync(join(root, 'dist/fines.json'), 'utf8')) as {
      totals: {
        byCurrency: { currency: string; count: number; amount: string; unknown: number }[];
        unknown: number;
      };
    };
    const lines: string[] = [];
    for (const [currency, want] of [...expected.amounts].sort()) {
      const got = json.totals.byCurrency.find((t) => t.currency === currency)!;
      expect(got, currency).toBeDefined();
      expect([currency, got.count, fromDecimal(got.amount)]).toEqual([
        currency,
        want.count,
        want.units,
      ]);
      // The statistics page says the same: its currency label is the code (RMB aside).
      const row = overview.get(currency)!;
      expect(fromDecimal(row.total!), `${currency} on /statistics/`).toBe(want.units);
      expect(row.fines - row.unknown, `${currency} fines known exactly`).toBe(want.count);
      expect(row.unknown, `${currency} not known exactly`).toBe(
        expected.unknown.get(currency) ?? 0,
      );
      lines.push(`${currency} ${got.amount} (${want.count})`);
    }
    expect(json.totals.byCurrency.map((t) => t.currency).sort()).toEqual(
      [...expected.amounts.keys()].sort(),
    );
    const unknown = [...expected.unknown.values()].reduce((a, b) => a + b, 0);
    expect(json.totals.unknown).toBe(unknown);
    console.log(
      `real data totals, equal to the independent sums: ${lines.join(', ')}; ${unknown} not known exactly`,
    );
  });
});
