/**
 * Every distinct fine text and date in a snapshot of real GDPR enforcement
 * records (../shared/realdata/gdpr-enforcement-2024-03/: the CMS Enforcement
 * Tracker, fines in EUR, and GDPRhub, fines in their own currencies). The
 * data is a test fixture only: read where it lies, never copied here. Each
 * text must be read to what an independent, deliberately simple reading
 * gives, or refused with a reason; the counts are printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/domain/dates.js';
import { decimalAmount, parseFineText } from '../../src/domain/fines.js';

const DIR = join(import.meta.dirname, '../../../shared/realdata/gdpr-enforcement-2024-03');
const CMS = join(DIR, 'enforcementtracker_full_download.json');
const HUB = join(DIR, 'gdprhub-eu_full_download.csv');
const present = existsSync(CMS) && existsSync(HUB);
if (!present) console.warn(`skipping the real-data tests: ${DIR} is not there`);

/**
 * The plainest reading, in the English convention only: digits grouped by
 * commas or not, an optional decimal point, a code or € / £ before or after.
 * "USD 1234.5" → "USD 1234.5"; undefined for anything else.
 */
function simpleReading(text: string, currency?: string): string | undefined {
  const m = /^(€|£|[A-Z]{3})?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(€|£|[A-Z]{3})?$/.exec(text);
  if (!m || (m[1] && m[4])) return undefined;
  const symbol = m[1] ?? m[4];
  const code = symbol === '€' ? 'EUR' : symbol === '£' ? 'GBP' : (symbol ?? currency);
  if (code === undefined) return undefined;
  const whole = m[2]!.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  return `${code} ${fraction ? `${whole}.${fraction}` : whole}`;
}

/** Our reading in the same form, or the refusal's code. */
function ourReading(text: string, currency?: string): { read?: string; refused?: string } {
  const r = parseFineText(text, currency);
  if (!r.ok) {
    expect(r.reason.length, `a reason for refusing "${text}"`).toBeGreaterThan(0);
    expect(r.hint.length, `a hint for refusing "${text}"`).toBeGreaterThan(0);
    return { refused: r.code };
  }
  const [whole, fraction = ''] = decimalAmount(r.fine.minor, r.fine.exponent).split('.');
  const digits = fraction.replace(/0+$/, '');
  return { read: `${r.fine.currency} ${digits ? `${whole}.${digits}` : whole}` };
}

function check(texts: Set<string>, currency?: string) {
  const counts = { read: 0, refused: new Map<string, number>() };
  for (const text of [...texts].sort()) {
    const simple = simpleReading(text, currency);
    const ours = ourReading(text, currency);
    if (ours.read !== undefined) {
      expect(ours.read, `"${text}" read as the simple reading does`).toBe(simple);
      counts.read += 1;
    } else {
      counts.refused.set(ours.refused!, (counts.refused.get(ours.refused!) ?? 0) + 1);
    }
  }
  return counts;
}

function summary(name: string, total: number, counts: ReturnType<typeof check>): string {
  const refused = [...counts.refused].map(([code, n]) => `${code} ${n}`).join(', ');
  return `${name}: ${total} distinct fine texts, ${counts.read} read, refused: ${refused}`;
}

describe.skipIf(!present)('the real GDPR enforcement snapshot', () => {
  it('CMS tracker: every fine text (EUR) is read as written or refused with a reason', () => {
    const rows = (JSON.parse(readFileSync(CMS, 'utf8')) as { data: string[][] }).data;
    const texts = new Set(rows.map((r) => r[5]!));
    const counts = check(texts, 'EUR');
    console.log(summary('CMS', texts.size, counts));
    expect(ourReading('4,800', 'EUR')).toEqual({ read: 'EUR 4800' });
    expect(counts.read).toBeGreaterThan(texts.size - 20);
  });

  it('GDPRhub: every fine text is read as written or refused with a reason', () => {
    const rows = parse(readFileSync(HUB), { columns: true, bom: true, relax_quotes: true }) as {
      Fine: string;
    }[];
    const texts = new Set(rows.map((r) => r.Fine).filter((f) => f !== ''));
    const counts = check(texts);
    console.log(summary('GDPRhub', texts.size, counts));
    // The Greek authority's two thousand, once published as EUR 2.
    expect(ourReading('2.000 EUR')).toEqual({ refused: 'fine-ambiguous' });
    // Croatian kuna, legal tender until 2023.
    expect(ourReading('9375.00 HRK')).toEqual({ read: 'HRK 9375' });
  });

  it('CMS tracker: every date shape is read, a year as a year, or refused with the forms', () => {
    const rows = (JSON.parse(readFileSync(CMS, 'utf8')) as { data: string[][] }).data;
    const shapes = new Map<string, number>();
    for (const row of rows) {
      const text = row[4]!;
      const r = parseDate(text, 'year');
      const shape = r.ok
        ? r.date.day !== undefined
          ? 'day'
          : r.date.month !== undefined
            ? 'month'
            : 'year'
        : 'refused';
      if (!r.ok) expect(r.reason).toContain('2022-01-28');
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    }
    console.log(`CMS dates: ${[...shapes].map(([s, n]) => `${s} ${n}`).join(', ')}`);
    expect(shapes.get('year')).toBeGreaterThan(150);
  });
});
