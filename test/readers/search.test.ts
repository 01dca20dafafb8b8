import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import MiniSearch, { type SearchResult } from 'minisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/api.js';
import { refPlaceholder } from '../../src/domain/notes.js';
import {
  INDEX_OPTIONS,
  plainText,
  processTerm,
  searchDoc,
  STOP_WORDS,
  tokenize,
  type SearchDoc,
} from '../../src/pages/search-index.js';
import { serializeIndex } from '../../src/pages/search-serialize.js';
import { page, removeSite, run, type HtmlDocument } from '../helpers.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/readers-b');

describe('tokenize and processTerm: how the index and the browser read words', () => {
  const cases: [string, string[]][] = [
    ['Bank of East Asia', ['bank', 'east', 'asia']],
    ['cross-border, "data" (export)', ['cross', 'border', 'data', 'export']],
    ['RMB 16.74 million', ['rmb', '16', '74', 'million']],
    ['Commission nationale … des libertés', ['commission', 'nationale', 'des', 'libertes']],
    ['ZÜRICH Straße', ['zurich', 'straße']],
    ['数据出境 rules', ['数', '据', '出', '境', 'rules']],
    ['PIPL第六十六条', ['pipl', '第', '六', '十', '六', '条']],
    ['The law is in force', ['law', 'force']],
  ];
  it.each(cases)('%j', (text, words) => {
    expect(tokenize(text).map(processTerm).filter(Boolean)).toEqual(words);
  });
  it('drops stop words only', () => {
    for (const word of STOP_WORDS) expect(processTerm(word)).toBeNull();
    expect(processTerm('fine')).toBe('fine');
  });
});

describe('plainText', () => {
  it('strips tags and note placeholders, and decodes entities', () => {
    expect(
      plainText(`<p>A &amp; B${refPlaceholder(0, 0)} said &quot;no&quot;.</p>\n<p>Next</p>`),
    ).toBe('A & B said "no". Next');
  });
  it('keeps punctuation beside inline markup, and blocks apart', () => {
    expect(
      plainText(
        '<p>The <em>Rules</em>, <a href="x">here</a>.</p><ul><li>one</li><li>two</li></ul>',
      ),
    ).toBe('The Rules, here. one two');
  });
});

describe('serializeIndex writes what MiniSearch itself would', () => {
  const options = { ...INDEX_OPTIONS, tokenize, processTerm };
  /** MiniSearch's own serialization, and ours read back by MiniSearch and written again. */
  function both(docs: SearchDoc[]) {
    const reference = new MiniSearch<SearchDoc>(options);
    reference.addAll(docs);
    const ours = MiniSearch.loadJSON(JSON.stringify(serializeIndex(docs)), options);
    return [JSON.parse(JSON.stringify(reference)), JSON.parse(JSON.stringify(ours))];
  }
  const doc = (u: string, fields: Partial<SearchDoc>): SearchDoc => ({
    u,
    title: '',
    t: '',
    body: '',
    authorities: '',
    parties: '',
    tags: '',
    s: 'enforcement',
    a: [],
    d: 'January 1, 2022',
    x: '',
    ...fields,
  });

  it('for hand-made documents: repeats, stop words only, empty fields, accents, CJK', () => {
    const [reference, ours] = both([
      doc('/items/a/', { title: 'Fine fine FINE', body: 'the of and', t: 'A' }),
      doc('/items/b/', { title: 'Zürich', parties: 'Société Générale', tags: 'cross-border' }),
      doc('/items/c/', { title: '数据出境安全评估办法 rules', body: 'Rules, rules; more rules.' }),
      doc('/items/d/', {}),
    ]);
    expect(ours).toEqual(reference);
  });

  it('for every item of the fixture site', async () => {
    const { site } = await check({ root: FIXTURE, cacheDir: false });
    const [reference, ours] = both(site!.items.map((item) => searchDoc(site!, item)));
    expect(ours).toEqual(reference);
    expect(ours.index.length).toBeGreaterThan(100);
  });
});

describe('the search index of a built site', () => {
  let out: string;
  let manifest: {
    options: { idField: string; fields: string[]; storeFields: string[] };
    search: { boost: Record<string, number>; combineWith: 'AND' | 'OR' };
    token: string;
    stopWords: string[];
    sections: { id: string; title: string }[];
    authorities: Record<string, { label: string; name: string }>;
    shards: { year: number; url: string; count: number }[];
  };
  let doc: HtmlDocument;
  const read = (path: string) => readFileSync(join(out, path), 'utf8');

  beforeAll(async () => {
    out = join(mkdtempSync(join(tmpdir(), 'gazette-search-')), 'out');
    const result = await run('build', '--root', FIXTURE, '--no-cache', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    manifest = JSON.parse(read('search/index.json'));
    doc = page(out, 'search/index.html');
  });
  afterAll(() => removeSite(join(out, '..')));

  /**
   * Loads every shard as the browser does: with the library the site ships
   * and only what the manifest says (token pattern, stop words, options).
   */
  function browserSearch(Library: typeof MiniSearch) {
    const token = new RegExp(manifest.token, 'gu');
    const stop = new Set(manifest.stopWords);
    const options = {
      ...manifest.options,
      tokenize: (text: string) => text.match(token) ?? [],
      processTerm: (term: string) => {
        const word = term.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
        return word === '' || stop.has(word) ? null : word;
      },
    };
    const shards = manifest.shards.map((s) => Library.loadJSON(read(`search/${s.url}`), options));
    return (query: string, filter: (r: SearchResult) => boolean = () => true) =>
      shards
        .flatMap((index, shard) =>
          index
            .search(query, {
              boost: manifest.search.boost,
              combineWith: manifest.search.combineWith,
              prefix: (_term: string, i: number, terms: string[]) => i === terms.length - 1,
              filter,
            })
            .map((r, rank) => ({ ...r, shard, rank })),
        )
        .sort((a, b) => b.score - a.score || a.shard - b.shard || a.rank - b.rank);
  }

  it('writes one shard per year, newest first, listed in the manifest', () => {
    expect(manifest.shards).toEqual([
      { year: 2022, url: '2022.json', text: '2022.text.json', count: 6 },
      { year: 2021, url: '2021.json', text: '2021.text.json', count: 2 },
      { year: 2019, url: '2019.json', text: '2019.text.json', count: 1 },
    ]);
    const files = readdirSync(join(out, 'search')).sort();
    expect(files).toEqual([
      '2019.json',
      '2019.text.json',
      '2021.json',
      '2021.text.json',
      '2022.json',
      '2022.text.json',
      'index.html',
      'index.json',
      'minisearch.js',
    ]);
    expect(manifest.sections.map((s) => s.id)).toEqual(['legislation', 'enforcement', 'courts']);
    expect(manifest.authorities.cnil).toEqual({
      label: 'CNIL',
      name: "Commission nationale de l'informatique et des libertés",
    });
  });

  const queries: [string, string, string][] = [
    ['a word of the title, as a prefix', 'cooki', '/items/cnil-fine/'],
    ['a party', 'alibaba', '/items/alibaba-antitrust/'],
    ['an authority, without its accent', 'libertes', '/items/cnil-fine/'],
    ['an authority by abbreviation', 'ftc', '/items/ftc-fine/'],
    ['a word of the body only', 'mercator', '/items/export-measures/'],
    ['a footnote', 'zettabyte', '/items/export-measures/'],
    ['the original-language title', '数据出境', '/items/export-measures/'],
    ['a tag', 'antitrust', '/items/alibaba-antitrust/'],
    ['every word must match', 'credit information manager', '/items/bank-two-fines/'],
  ];
  it.each(queries)('finds %s first: %j', (_, query, url) => {
    const search = browserSearch(MiniSearch);
    expect(search(query)[0]?.id).toBe(url);
  });

  it('answers with the copy of MiniSearch the site ships, and keeps what a result shows', () => {
    const library = read('search/minisearch.js');
    expect(library.startsWith('/*! MiniSearch 7.')).toBe(true);
    // Minified (the package's UMD build is 86 KB).
    expect(library.length).toBeLessThan(30_000);
    const context: { MiniSearch?: typeof MiniSearch } = {};
    runInNewContext(library, context);
    const search = browserSearch(context.MiniSearch!);
    const [first] = search('cookie');
    expect(first).toMatchObject({
      id: '/items/cnil-fine/',
      t: 'French Regulator Fines a Search Engine over Cookie Refusal',
      s: 'enforcement',
      a: ['cnil'],
      d: 'January 6, 2022',
    });
    expect(first!.terms).toEqual(expect.arrayContaining(['cookie', 'cookies']));
    // The texts snippets are cut from: beside the index, in the index's order.
    const texts = JSON.parse(read('search/2022.text.json')) as string[];
    const shard = JSON.parse(read('search/2022.json')) as { documentIds: Record<string, string> };
    const place = Object.entries(shard.documentIds).find(([, u]) => u === '/items/cnil-fine/')![0];
    expect(texts[Number(place)]).toMatch(
      /^Refusing cookies took several clicks while accepting them took one, the regulator found\./,
    );
    expect(texts).toHaveLength(6);
  });

  it('filters by section and by authority', () => {
    const search = browserSearch(MiniSearch);
    const ids = (query: string, filter: (r: SearchResult) => boolean) =>
      search(query, filter).map((r) => r.id);
    expect(ids('regulators', () => true)).toEqual(['/items/joint-fine/']);
    expect(ids('court', (r) => r.s === 'courts')).toEqual(['/items/minors-court/']);
    expect(ids('court', (r) => r.s === 'enforcement')).toEqual([]);
    expect(ids('market regulation', (r) => r.a.includes('samr')).sort()).toEqual([
      '/items/alibaba-antitrust/',
      '/items/joint-fine/',
    ]);
  });

  it('offers a labelled search form that explains itself and links to listings without JavaScript', () => {
    const form = doc.querySelector('form[role="search"]')!;
    expect(form.getAttribute('data-index')).toBe('../search/index.json');
    expect(form.getAttribute('data-root')).toBe('../');
    for (const control of form.querySelectorAll('input, select')) {
      expect(doc.querySelector(`label[for="${control.id}"]`)).not.toBeNull();
    }
    expect([...form.querySelectorAll('#search-section option')].map((o) => o.textContent)).toEqual([
      'All sections',
      'Legislation',
      'Enforcement Cases',
      'Courts Litigation',
    ]);
    expect(doc.querySelector('noscript')!.textContent).toContain('Searching needs JavaScript');
    const browse = [...doc.querySelectorAll('.search-browse a')].map((a) => a.getAttribute('href'));
    expect(browse).toEqual(
      expect.arrayContaining([
        '../enforcement/',
        '../authorities/cnil/',
        '../tags/',
        '../bulletins/',
      ]),
    );
    // An authority with no items is not offered.
    expect(browse).not.toContain('../authorities/unused/');
    const scripts = [...doc.querySelectorAll('script')].map((s) => [
      s.getAttribute('src'),
      s.hasAttribute('defer'),
    ]);
    expect(scripts).toEqual([
      [null, false],
      ['../search/minisearch.js', true],
      ['../assets/search.js', true],
    ]);
    // The manifest is in the page too, as it is in index.json: the first shard is asked for at once.
    const inPage = doc.querySelector('script#search-manifest')!;
    expect(inPage.getAttribute('type')).toBe('application/json');
    expect(JSON.parse(inPage.textContent!)).toEqual(manifest);
    // A sort control, kept in the address like the filters.
    expect(
      [...form.querySelectorAll('#search-sort option')].map((o) => o.getAttribute('value')),
    ).toEqual(['', 'newest']);
    // Without JavaScript the listings offer every topic too.
    expect(browse).toEqual(expect.arrayContaining(['../tags/cookies/']));
    expect(read('sitemap.xml')).toContain('<loc>https://example.org/digest/search/</loc>');
  });

  it('is byte-identical from one build to the next', async () => {
    const again = join(out, '..', 'again');
    const result = await run('build', '--root', FIXTURE, '--no-cache', '--out', again);
    expect(result.code).toBe(0);
    for (const file of [
      'search/index.json',
      'search/2022.json',
      'search/index.html',
      'fines/index.html',
      'fines.csv',
      'fines.json',
    ]) {
      expect(readFileSync(join(again, file), 'utf8'), file).toBe(read(file));
    }
  });
});
