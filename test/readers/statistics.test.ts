/**
 * /statistics/ of a fixture site with fines in three currencies, one of them
 * historic (HRK), an undisclosed fine, a description, a range and a date
 * known only by its year: every number asserted exactly, read from the HTML.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevSession } from '../../src/dev/session.js';
import { finesTableRows, page, removeSite, run, type HtmlDocument } from '../helpers.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/statistics');
const NBSP = '\u00a0';

let work: string;
let out: string;
let doc: HtmlDocument;
const read = (path: string) => readFileSync(join(out, path), 'utf8');
/** The text as a reader sees it: white space collapsed, no-break spaces kept (the house style). */
const text = (el: { textContent: string | null } | null | undefined) =>
  (el?.textContent ?? '').replace(/[ \t\r\n]+/g, ' ').trim();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'gazette-statistics-'));
  cpSync(FIXTURE, join(work, 'site'), { recursive: true });
  out = join(work, 'out');
  const result = await run('build', '--root', join(work, 'site'), '--out', out);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  doc = page(out, 'statistics/index.html');
});
afterAll(() => removeSite(work));

/**
 * A table as rows of cells: a count as its text, an amount as
 * `exact|shown` (its data value and its text), nothing as ''.
 */
function table(selector: string): string[][] {
  const el = doc.querySelector(selector);
  expect(el, selector).not.toBeNull();
  return [...el!.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((cell) => {
      const data = cell.querySelector('data');
      if (data) return `${data.getAttribute('value')}|${text(data)}`;
      return cell.querySelector('.fines-none') ? '' : text(cell);
    }),
  );
}

describe('/statistics/', () => {
  it('counts every fine and case, and the fines not known exactly apart', () => {
    expect(text(doc.querySelector('.lede'))).toBe(
      '12 fines in 11 cases, from 2019 to 2022, in 3 currencies. 4 of them are of an amount not known exactly: counted apart, never as zero. Amounts in different currencies are never added together.',
    );
  });

  it('gives each currency its fines, cases, total, median and largest, each in its unit', () => {
    expect(table('.stats-overview')).toEqual([
      // EUR in full: its smallest fine is under a million. The median of
      // 3,000, 10,000, 20,001 and 1,000,000 is the mean of the middle two,
      // 15,000.50, written rounded half up in whole euros like every EUR figure.
      ['EUR', '7', '1033001.00|1,033,001', '15000.50|15,001', '1000000.00|1,000,000', '3'],
      // GBP in millions: even its smallest fine is over a million.
      [
        'GBP',
        '2',
        `11952800.00|11.95${NBSP}million`,
        `5976400.00|5.98${NBSP}million`,
        `7552800.00|7.55${NBSP}million`,
        '',
      ],
      // HRK, withdrawn in 2023, with lipa: the median falls on half a lipa, exact in its data.
      ['HRK', '2', '159375.51|159,375.51', '79687.755|79,687.76', '150000.51|150,000.51', ''],
    ]);
    const eur = doc.getElementById('stats-eur')!;
    expect(
      [...eur.querySelectorAll('.stats-figures div')].map((d) => [
        text(d.querySelector('dt')),
        text(d.querySelector('dd')),
      ]),
    ).toEqual([
      ['Fines', '7'],
      ['Cases', '6'],
      ['Total', `EUR${NBSP}1,033,001`],
      ['Median', `EUR${NBSP}15,001`],
      ['Largest', `EUR${NBSP}1,000,000`],
      ['Not known exactly', '3'],
    ]);
    expect(eur.querySelector('.stats-figures data')!.getAttribute('title')).toBe('EUR 1,033,001');
  });

  it('per year, a date known only by its year counted in its year', () => {
    expect(table('#stats-eur-by-year')).toEqual([
      // 2021: the telecom's EUR 1,000,000 (dated "2021") and the clinic's EUR 3,000;
      // the clinic's undisclosed second fine and the shop's range apart.
      ['2021', '4', '1003000.00|1,003,000', '501500.00|501,500', '1000000.00|1,000,000', '2'],
      ['2020', '2', '30001.00|30,001', '15000.50|15,001', '20001.00|20,001', ''],
      // 2019: only a fine described in words: no total, not zero.
      ['2019', '1', '', '', '', '1'],
    ]);
    expect(table('#stats-hrk-by-year')).toEqual([
      ['2021', '1', '150000.51|150,000.51', '150000.51|150,000.51', '150000.51|150,000.51'],
      ['2020', '1', '9375.00|9,375.00', '9375.00|9,375.00', '9375.00|9,375.00'],
    ]);
  });

  it('per authority and per sector, largest total first', () => {
    expect(table('#stats-eur-by-authority')).toEqual([
      ['CNIL', '3', '1000000.00|1,000,000', '1000000.00|1,000,000', '1000000.00|1,000,000', '2'],
      ['aepd', '4', '33001.00|33,001', '10000.00|10,000', '20001.00|20,001', '1'],
    ]);
    const aepd = doc.querySelector('#stats-eur-authority-aepd a')!;
    expect(aepd.getAttribute('title')).toBe('Spanish Data Protection Authority');
    expect(table('#stats-eur-by-sector')).toEqual([
      // A fine of an item in two sectors counts in full in each.
      ['Media', '1', '1000000.00|1,000,000', '1000000.00|1,000,000', '1000000.00|1,000,000', ''],
      ['Telecoms', '1', '1000000.00|1,000,000', '1000000.00|1,000,000', '1000000.00|1,000,000', ''],
      ['Finance', '2', '30001.00|30,001', '15000.50|15,001', '20001.00|20,001', ''],
      ['Health', '2', '3000.00|3,000', '3000.00|3,000', '3000.00|3,000', '1'],
      ['Not stated', '2', '', '', '', '2'],
    ]);
    expect(table('#stats-gbp-by-sector').map((r) => r[0])).toEqual(['Retail', 'Media']);
    // A sector is editors' text: its row is named by its slug.
    expect(
      [...doc.querySelectorAll('#stats-eur-by-sector tbody tr')].map((tr) => tr.getAttribute('id')),
    ).toEqual([
      'stats-eur-sector-media',
      'stats-eur-sector-telecoms',
      'stats-eur-sector-finance',
      'stats-eur-sector-health',
      'stats-eur-sector-_',
    ]);
  });

  it('lists the largest fines of each currency', () => {
    // Ranked by amount, the amount beside the rank (a phone shows it without scrolling).
    expect(table('#stats-eur-top')).toEqual([
      ['1', '1000000.00|1,000,000', 'Telecom SA', 'CNIL', '2021'],
      ['2', '20001.00|20,001', 'Bank B', 'aepd', 'July 1, 2020'],
      ['3', '10000.00|10,000', 'Bank A', 'aepd', 'March 10, 2020'],
      ['4', '3000.00|3,000', 'Clinic SL; The director', 'aepd', 'March 2021'],
    ]);
    expect(table('#stats-gbp-top').map((r) => r[1])).toEqual([
      '7552800.00|7.55',
      '4400000.00|4.40',
    ]);
    expect(text(doc.querySelector('#stats-gbp-top caption'))).toBe(
      `The 2 largest fines · amounts in GBP million`,
    );
  });

  it('counts the fines not known exactly by kind and currency', () => {
    expect(table('#stats-unknown-kinds')).toEqual([
      ['EUR', '1', '1', '1', '3'],
      ['Currency not stated', '1', '0', '0', '1'],
    ]);
  });

  it('draws accessible charts: fines per year in all currencies, and each currency per year', () => {
    const count = doc.querySelector('#stats-chart-count-title')!.closest('svg')!;
    expect(count.getAttribute('role')).toBe('img');
    expect([...count.querySelectorAll('rect title')].map((t) => t.textContent)).toEqual([
      '2019: 0 fines of an amount known exactly',
      '2019: 1 fine of an amount not known exactly',
      '2020: 3 fines of an amount known exactly',
      '2020: 1 fine of an amount not known exactly',
      '2021: 4 fines of an amount known exactly',
      '2021: 2 fines of an amount not known exactly',
      '2022: 1 fine of an amount known exactly',
      '2022: 0 fines of an amount not known exactly',
    ]);
    expect(text(count.querySelector('desc'))).toContain(
      'Every year: 2019, 1 (1 not known exactly); 2020, 4 (1 not known exactly); 2021, 6 (2 not known exactly); 2022, 1 (0 not known exactly).',
    );
    const eur = doc.querySelector('#stats-eur-chart-title')!.closest('svg')!;
    expect([...eur.querySelectorAll('rect title')].map((t) => t.textContent)).toEqual([
      `2020: EUR${NBSP}30,001 (2 fines)`,
      `2021: EUR${NBSP}1,003,000 (2 fines)`,
    ]);
    // Its figures as its tables write them.
    expect([...eur.querySelectorAll('.chart-value')].map((t) => t.textContent)).toEqual([
      '30,001',
      '1,003,000',
    ]);
    expect(doc.querySelector('#stats-gbp-chart-title')).not.toBeNull();
  });

  it('is linked from the tracker, the authority pages and the sitemap', () => {
    const tracker = page(out, 'fines/index.html');
    expect(tracker.querySelector('a[href="../statistics/"]')).not.toBeNull();
    const aepd = page(out, 'authorities/aepd/index.html');
    const fines = aepd.querySelector('.authority-fines')!;
    expect(text(fines)).toBe(
      `Fines: EUR${NBSP}33,001 in 3 fines; 2 fines of an amount not known exactly. Statistics`,
    );
    expect(fines.querySelector('data')!.getAttribute('value')).toBe('33001.00');
    expect(fines.querySelector('a')!.getAttribute('href')).toBe(
      '../../statistics/#stats-eur-authority-aepd',
    );
    expect(
      page(out, 'authorities/azop/index.html').querySelector('.authority-fines data')!.textContent,
    ).toBe(`HRK${NBSP}159,375.51`);
    // CNIL's page, with a law among its items, counts its fines only.
    expect(text(page(out, 'authorities/cnil/index.html').querySelector('.authority-fines'))).toBe(
      `Fines: EUR${NBSP}1,000,000 in 1 fine; 2 fines of an amount not known exactly. Statistics`,
    );
    expect(read('sitemap.xml')).toContain('<loc>https://example.org/digest/statistics/</loc>');
  });

  it('names an authority whose name ends in its abbreviation with it once', () => {
    const aepd = page(out, 'authorities/aepd/index.html');
    expect(text(aepd.querySelector('h1'))).toBe('Spanish Data Protection Authority (aepd)');
    const registry = page(out, 'authorities/index.html');
    const entry = [...registry.querySelectorAll('.registry li')].find((li) =>
      text(li).startsWith('Spanish'),
    )!;
    expect(text(entry.querySelector('a'))).toBe('Spanish Data Protection Authority');
    expect(text(entry.querySelector('abbr'))).toBe('aepd');
    const item = page(out, 'items/bank-a/index.html');
    expect(text(item.querySelector('.meta .authority dd'))).toBe(
      'Spanish Data Protection Authority (aepd)',
    );
    expect(read('authorities/aepd/feed.xml')).not.toContain('(aepd) (aepd)');
    expect(read('statistics/index.html')).not.toContain('(aepd) (aepd)');
  });
});

describe('the tracker and the data with fines not known exactly', () => {
  it('lists them as written, counts them apart, and never adds them', () => {
    const tracker = page(out, 'fines/index.html');
    expect(text(tracker.querySelector('.lede'))).toContain(
      '4 fines of an amount not known exactly (undisclosed, described or a range) are counted apart, never as zero.',
    );
    // The script's rows (table.json) are the page's, in its order.
    const at = finesTableRows(out).findIndex((r) => r.kind === 'range');
    expect(finesTableRows(out)[at]).toMatchObject({ amount: '', currency: 'EUR' });
    const range = tracker.querySelectorAll('#fines-table tbody tr')[at]!;
    expect(range.querySelector('td.fines-amount')!.className).toContain('fines-unknown');
    expect(text(range.querySelectorAll('td')[3])).toBe(`EUR${NBSP}50–800`);
    const heads = [...tracker.querySelectorAll('#fines-by-year thead th')].map(text);
    expect(heads).toEqual([
      'Year',
      'Total (EUR)',
      'Total (GBP million)',
      'Total (HRK)',
      'Amount not known',
    ]);
    expect(
      [...tracker.querySelectorAll('#fines-by-year tfoot td')].map(
        (td) => td.querySelector('data')?.getAttribute('value') ?? text(td),
      ),
    ).toEqual(['1033001.00', '11952800.00', '159375.51', '4']);

    const json = JSON.parse(read('fines.json'));
    expect(json.totals.byCurrency).toEqual([
      { currency: 'EUR', count: 4, amount: '1033001.00', unknown: 3 },
      { currency: 'GBP', count: 2, amount: '11952800.00', unknown: 0 },
      { currency: 'HRK', count: 2, amount: '159375.51', unknown: 0 },
    ]);
    expect(json.totals.unknown).toBe(4);
    const undisclosed = json.fines.find(
      (f: { kind: string; currency: string | null }) =>
        f.kind === 'undisclosed' && f.currency === null,
    );
    expect(undisclosed).toMatchObject({
      amount: null,
      currency: null,
      display: 'undisclosed amount',
    });

    const rows = parse(read('fines.csv'), { columns: true, record_delimiter: '\r\n' }) as Record<
      string,
      string
    >[];
    expect(
      rows
        .filter((r) => r.amount_kind !== 'exact')
        .map((r) => [r.amount_kind, r.currency, r.amount, r.amount_min, r.amount_max, r.display]),
    ).toEqual([
      ['range', 'EUR', '', '50.00', '800.00', 'EUR 50–800'],
      ['undisclosed', 'EUR', '', '', '', 'undisclosed amount in EUR'],
      ['undisclosed', '', '', '', '', 'undisclosed amount'],
      ['described', 'EUR', '', '', '', 'Fine in five-digit amount'],
    ]);
    const items = JSON.parse(read('data/items.json')).items as { slug: string; fines: unknown[] }[];
    expect(items.find((i) => i.slug === 'shop-range')!.fines).toEqual([
      {
        amount: null,
        currency: 'EUR',
        display: 'EUR 50–800',
        kind: 'range',
        min: '50.00',
        max: '800.00',
      },
    ]);
  });
});

describe('under gazette dev, the statistics follow edits as a full build would', () => {
  const FILES = [
    'statistics/index.html',
    'authorities/aepd/index.html',
    'authorities/ico/index.html',
  ];

  it('a changed amount, a fine that changes the unit of its currency, a fine removed', async () => {
    const root = join(work, 'site');
    const session = new DevSession({ root });
    await session.start();
    const edit = async (file: string, from: string, to: string, name: string) => {
      const path = join(root, file);
      writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
      expect((await session.update([file])).diagnostics).toEqual([]);
      const full = join(work, name);
      expect((await run('build', '--root', root, '--out', full)).code).toBe(0);
      const snapshot = session.snapshot();
      for (const f of FILES)
        expect(String(snapshot.get(f)), f).toBe(readFileSync(join(full, f), 'utf8'));
    };
    await edit('content/items/2020/bank-a.md', 'EUR 10,000', 'EUR 12,000', 'one');
    expect(String(session.get('statistics/index.html'))).toContain('value="1035001.00"');
    // A GBP fine under a million writes every GBP figure in full, on the ICO's page too.
    await edit('content/items/2022/ico-two.md', '£4.4 million', '£440,000', 'two');
    expect(String(session.get('authorities/ico/index.html'))).toContain(`GBP${NBSP}7,992,800`);
    await edit(
      'content/items/2021/telecom.md',
      'fine: {amount: 1000000, currency: EUR}\n',
      '',
      'three',
    );
    expect(String(session.get('statistics/index.html'))).not.toContain('Telecom SA');
  });
});
