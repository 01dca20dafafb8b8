/**
 * An item known only by its year (`date: 2018`, as 9 % of a real enforcement
 * tracker is): it has its page, its place in listings as the year's last
 * day, its fine in the tracker, and a bulletin only when one is named or a
 * bulletin's period holds the whole year.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHORITIES,
  BULLETIN,
  item,
  finesTableRows,
  makeSite,
  page,
  removeSite,
  run,
} from '../helpers.js';

let root: string;
const out = () => join(root, 'dist');
const read = (path: string) => readFileSync(join(out(), path), 'utf8');

beforeAll(async () => {
  root = makeSite({
    'gazette.config.yaml': 'baseUrl: https://example.org/\n',
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    'content/items/year-only.md': item({
      title: 'A Fine Known Only by Its Year',
      date: '2018',
      authority: 'cac',
      fine: 'EUR 50,000',
    }),
    'content/items/last-day.md': item({ title: 'The Last Day of 2018', date: '2018-12-31' }),
    'content/items/day-before.md': item({ title: 'The Day Before', date: '2018-12-30' }),
    'content/items/december.md': item({ title: 'December 2018', date: '2018-12' }),
    'content/items/next-year.md': item({ title: 'The Next Year', date: '2019-01-01' }),
    'content/items/named-bulletin.md': item({
      title: 'A Year Item Placed in a Bulletin',
      date: '2017',
      bulletin: '2022-02',
    }),
    'content/items/in-january.md': item({ title: 'In the Bulletin', date: '2022-01-10' }),
  });
  const result = await run('build', '--root', root);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
});

afterAll(() => removeSite(root));

describe('an item dated 2018', () => {
  it('has its page, its date shown and machine-readable as the year', () => {
    const doc = page(out(), 'items/year-only/index.html');
    const time = [...doc.querySelectorAll('time')].find((t) => t.textContent === '2018');
    expect(time?.getAttribute('datetime')).toBe('2018');
  });

  it('is listed in its section as the last day of 2018', () => {
    const doc = page(out(), 'enforcement/index.html');
    const titles = [...doc.querySelectorAll('main a[href*="items/"]')]
      .map((a) => a.textContent!.trim())
      .filter((t, i, all) => all.indexOf(t) === i);
    // 2018, 2018-12 and 2018-12-31 end on the same day: ties go by file path.
    const order = [
      'The Next Year',
      'December 2018',
      'The Last Day of 2018',
      'A Fine Known Only by Its Year',
      'The Day Before',
    ];
    expect(titles.filter((t) => order.includes(t))).toEqual(order);
  });

  it('is in no bulletin unless one is named', () => {
    const bulletin = read('bulletins/2022-02/index.html');
    expect(bulletin).not.toContain('A Fine Known Only by Its Year');
    expect(bulletin).toContain('A Year Item Placed in a Bulletin');
    expect(bulletin).toContain('In the Bulletin');
  });

  it('has its fine in the tracker, in 2018, exact', () => {
    const doc = page(out(), 'fines/index.html');
    const row = doc.querySelector('#fines-table tbody tr')!;
    expect(row.querySelector('time')!.getAttribute('datetime')).toBe('2018');
    expect(row.querySelector('time')!.textContent).toBe('2018');
    // The script files it under 2018 and sorts it as the year's last day.
    expect(finesTableRows(out())[0]).toMatchObject({ dateSort: '2018-12-31', amount: '50000.00' });
    const csv = read('fines.csv');
    expect(csv).toContain('2018,2018,');
    const json = JSON.parse(read('data/items.json')) as {
      items: { slug: string; date: string; date_precision: string }[];
    };
    expect(json.items.find((i) => i.slug === 'year-only')).toMatchObject({
      date: '2018',
      date_precision: 'year',
    });
  });

  it('dates its feed entry and sitemap entry by the year’s last day', () => {
    const sitemap = read('sitemap.xml');
    expect(sitemap).toMatch(
      /<loc>https:\/\/example\.org\/items\/year-only\/<\/loc>\s*<lastmod>2018-12-31<\/lastmod>/,
    );
    const feed = read('enforcement/feed.xml');
    expect(feed).toMatch(/items\/year-only\/"\/>\s*<published>2018-12-31T00:00:00Z<\/published>/);
  });
});

describe('a bulletin whose period holds the whole year', () => {
  it('takes the year-only items of that year by default', async () => {
    const site = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2019-01.md':
        '---\ntitle: The Year 2018\ndate: 2019-01-15\ncovers: {from: 2018-01-01, to: 2018-12-31}\n---\nA year in review.\n',
      'content/bulletins/2019-02.md': '---\ndate: 2019-02-15\n---\nJanuary.\n',
      'content/items/in-2018.md': item({ title: 'Known by Its Year', date: '2018' }),
      'content/items/in-2019.md': item({ title: 'Known by Its Year, Later', date: '2019' }),
    });
    try {
      const result = await run('build', '--root', site);
      expect(result.stderr).toBe('');
      const year = readFileSync(join(site, 'dist/bulletins/2019-01/index.html'), 'utf8');
      const january = readFileSync(join(site, 'dist/bulletins/2019-02/index.html'), 'utf8');
      expect(year).toContain('Known by Its Year<');
      expect(year).not.toContain('Known by Its Year, Later');
      // January 2019 does not hold the whole of 2019.
      expect(january).not.toContain('Known by Its Year');
    } finally {
      removeSite(site);
    }
  });
});

describe('a year where a day is needed', () => {
  it('is an error that shows the accepted forms', async () => {
    const bad = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/effective-year.md': item({ date: '2022-01-10', effective: '2023' }),
      'content/items/date-words.md': item({ date: 'sometime in 2018' }),
      'content/items/date-float.md': item({ date: '2018.0' }),
    });
    try {
      const result = await run('check', '--root', bad);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'content/items/effective-year.md:5:12: error[date-invalid]: "effective": "2023" is not a date in a form gazette reads (2022-01-28)\n  hint: write YYYY-MM-DD, e.g. 2022-03-01',
      );
      expect(result.stderr).toContain(
        'content/items/date-words.md:3:7: error[date-invalid]: "date": "sometime in 2018" is not a date in a form gazette reads (2022-01-28, 2022-01 or 2022)\n  hint: write YYYY-MM-DD (2022-01-28), YYYY-MM (2022-01) for "in January 2022", or YYYY (2022) for "in 2022"',
      );
      expect(result.stderr).toContain(
        'content/items/date-float.md:3:7: error[date-invalid]: "date": "2018.0" is not a date in a form gazette reads (2022-01-28, 2022-01 or 2022)',
      );
    } finally {
      removeSite(bad);
    }
  });
});
