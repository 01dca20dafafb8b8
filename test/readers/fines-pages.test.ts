/**
 * The tracker's table in pages, read as a reader without JavaScript would: 130
 * fines at 50 rows a page on /fines/ and /fines/page/N/, and at 25 and 100 on
 * /fines/per/25/… and /fines/per/100/…, with links between them; the totals by
 * authority ranked by amount; the free-text filter's sectors and legal bases
 * in /fines/table.json. A site of a few fines has one page and no choice of size.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHORITIES,
  BULLETIN,
  finesTableRows,
  item,
  makeSite,
  page,
  removeSite,
  run,
} from '../helpers.js';

const COUNT = 130;

/** Fine `i` (0 newest): a day each, so the table's order is known; cac fines the most, in total. */
function fineItem(i: number): string {
  const day = new Date(Date.UTC(2022, 0, 1) - i * 86_400_000).toISOString().slice(0, 10);
  const authority = i % 3 === 0 ? 'cac' : i % 3 === 1 ? 'pboc-shanghai' : 'bole-court';
  return item({
    title: `Fine number ${i}`,
    date: day,
    authority,
    party: `Party ${i} Co., Ltd.`,
    fine: `RMB ${authority === 'cac' ? 1000 + i : 10 + i}`,
    sector: i === 7 ? '[Banking, Credit reporting]' : undefined,
    legal_basis: i === 7 ? '"Art. 6(1)(f) GDPR"' : undefined,
  });
}

async function build(files: Record<string, string>): Promise<{ root: string; out: string }> {
  const root = makeSite({
    'gazette.config.yaml': 'baseUrl: https://example.org/\n',
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    ...files,
  });
  const out = join(root, 'dist');
  const result = await run('build', '--root', root, '--no-cache', '--out', out);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return { root, out };
}

describe('the tracker of 130 fines, in pages', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < COUNT; i++) files[`content/items/fine-${i}.md`] = fineItem(i);
    ({ root, out } = await build(files));
  });
  afterAll(() => removeSite(root));

  const rows = (path: string) =>
    [...page(out, path).querySelectorAll('#fines-table tbody tr')].map(
      (tr) => tr.querySelector('td.fines-party')!.textContent,
    );
  const parties = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, k) => `Party ${from + k} Co., Ltd.`);

  it('shows 50 rows a page, newest first, on /fines/ and /fines/page/2/ and 3/, and no page 4', () => {
    expect(rows('fines/index.html')).toEqual(parties(0, 50));
    expect(rows('fines/page/2/index.html')).toEqual(parties(50, 100));
    expect(rows('fines/page/3/index.html')).toEqual(parties(100, 130));
    expect(existsSync(join(out, 'fines/page/4'))).toBe(false);
    expect(existsSync(join(out, 'fines/page/1'))).toBe(false);
  });

  it('has the same table at 25 and at 100 rows a page, and no second copy at 50', () => {
    expect(rows('fines/per/25/index.html')).toEqual(parties(0, 25));
    expect(rows('fines/per/25/page/6/index.html')).toEqual(parties(125, 130));
    expect(existsSync(join(out, 'fines/per/25/page/7'))).toBe(false);
    expect(rows('fines/per/100/index.html')).toEqual(parties(0, 100));
    expect(rows('fines/per/100/page/2/index.html')).toEqual(parties(100, 130));
    expect(existsSync(join(out, 'fines/per/100/page/3'))).toBe(false);
    expect(existsSync(join(out, 'fines/per/50'))).toBe(false);
    // Only /fines/ is in the sitemap: the other pages are its table cut otherwise.
    expect(readFileSync(join(out, 'sitemap.xml'), 'utf8')).not.toMatch(/fines\/(page|per)\//);
  });

  it('links each page to the previous, the next and the nearby ones, the current marked', () => {
    const doc = page(out, 'fines/page/2/index.html');
    const nav = doc.getElementById('fines-pages')!;
    expect(nav.hasAttribute('hidden')).toBe(false);
    expect(nav.querySelector('a[rel="prev"]')!.getAttribute('href')).toBe('../../../fines/');
    expect(nav.querySelector('a[rel="next"]')!.getAttribute('href')).toBe('../../../fines/page/3/');
    expect(nav.querySelector('[aria-current="page"]')!.textContent).toBe('2');
    expect([...nav.querySelectorAll('ol a')].map((a) => a.textContent)).toEqual(['1', '3']);
    expect(doc.getElementById('fines-status')!.textContent).toContain('Page 2 of 3: fines 51–100.');
    expect(doc.querySelector('title')!.textContent).toContain('Fines tracker (page 2 of 3)');
    // The totals and charts are on the first page only.
    expect(doc.getElementById('fines-by-authority')).toBeNull();
    const last = page(out, 'fines/per/25/page/6/index.html').getElementById('fines-pages')!;
    expect(last.querySelector('a[rel="next"]')).toBeNull();
    expect([...last.querySelectorAll('ol li')].map((li) => li.textContent)).toEqual([
      '1',
      '…',
      '4',
      '5',
      '6',
    ]);
  });

  it('offers 25, 50 and 100 rows a page as links, each to the page that holds the same first fine', () => {
    const sizes = (path: string) =>
      [...page(out, path).querySelectorAll('#fines-per a')].map((a) => [
        a.textContent,
        a.getAttribute('href'),
        a.getAttribute('aria-current'),
      ]);
    // Fines 101–130: page 5 at 25 rows, page 2 at 100.
    expect(sizes('fines/page/3/index.html')).toEqual([
      ['25', '../../../fines/per/25/page/5/', null],
      ['50', '../../../fines/page/3/', 'true'],
      ['100', '../../../fines/per/100/page/2/', null],
    ]);
    expect(sizes('fines/index.html')).toEqual([
      ['25', '../fines/per/25/', null],
      ['50', '../fines/', 'true'],
      ['100', '../fines/per/100/', null],
    ]);
    const doc = page(out, 'fines/per/100/index.html');
    expect(doc.getElementById('fines-table')!.getAttribute('data-per-page')).toBe('100');
    expect(doc.querySelector('title')!.textContent).toContain('(page 1 of 2, 100 rows a page)');
  });

  it('ranks the totals by authority by amount, largest first, without the script', () => {
    const doc = page(out, 'fines/index.html');
    const table = doc.getElementById('fines-by-authority')!;
    const ranked = [...table.querySelectorAll('tbody tr')].map((tr) => [
      tr.querySelector('th')!.textContent,
      tr.querySelector('data')!.getAttribute('value'),
    ]);
    // cac: 44 fines of 1000 + i (i = 0, 3, … 129); Bole: 10 + i for i = 2, 5, … 128;
    // Shanghai: 10 + i for i = 1, 4, … 127. Not the order by name.
    expect(ranked).toEqual([
      ['CAC', '46838.00'],
      ["People's Court of Bole", '3225.00'],
      ["Shanghai Branch of the People's Bank of China", '3182.00'],
    ]);
    const amountHead = table.querySelectorAll('thead th')[1]!;
    expect(amountHead.getAttribute('aria-sort')).toBe('descending');
    expect(table.querySelector('caption')!.textContent).toBe(
      'Totals by authority, largest total first',
    );
  });

  it('gives the script every row, with the sectors and legal bases the free-text filter reads', () => {
    const all = finesTableRows(out);
    expect(all).toHaveLength(COUNT);
    expect(all.map((r) => r.parties)).toEqual(parties(0, COUNT));
    expect(all[7]!.about).toBe('Banking; Credit reporting; Art. 6(1)(f) GDPR');
    expect(all[8]!.about).toBe('');
  });

  it('gives the script each row’s rank in the order of each column, worked out at build time', () => {
    const { ranks } = JSON.parse(readFileSync(join(out, 'fines/table.json'), 'utf8')) as {
      ranks: Record<string, number[]>;
    };
    expect(Object.keys(ranks).sort()).toEqual(['amount', 'authority', 'date', 'item', 'party']);
    // Newest first in the table: the last row is the oldest date.
    expect(ranks.date![0]).toBe(COUNT - 1);
    expect(ranks.date![COUNT - 1]).toBe(0);
    // Numbers in names in their order: Party 2 before Party 10 before Party 100.
    expect(ranks.party![2]).toBeLessThan(ranks.party![10]!);
    expect(ranks.party![10]).toBeLessThan(ranks.party![100]!);
    // RMB 1,129 (cac, i = 129) is the largest; RMB 11 (i = 1) the smallest.
    expect(ranks.amount![129]).toBe(Math.max(...ranks.amount!));
    expect(ranks.amount![1]).toBe(0);
    // Equal values share a rank: three authorities, three ranks.
    expect(new Set(ranks.authority)).toEqual(new Set([0, 1, 2]));
  });
});

describe('the tracker of a few fines', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`content/items/fine-${i}.md`] = fineItem(i);
    ({ root, out } = await build(files));
  });
  afterAll(() => removeSite(root));

  it('is one page, with no other pages, no pages to link and no choice of size', () => {
    const doc = page(out, 'fines/index.html');
    expect(doc.querySelectorAll('#fines-table tbody tr')).toHaveLength(20);
    expect(doc.getElementById('fines-pages')!.hasAttribute('hidden')).toBe(true);
    expect(doc.getElementById('fines-per')).toBeNull();
    expect(existsSync(join(out, 'fines/page'))).toBe(false);
    expect(existsSync(join(out, 'fines/per'))).toBe(false);
    expect(doc.getElementById('fines-status')!.textContent).not.toContain('Page');
  });
});
