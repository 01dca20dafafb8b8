import { describe, expect, it } from 'vitest';
import { appendSourceRefs, fillRefs, NoteCounter, refPlaceholder } from '../../src/domain/notes.js';
import { compareItems } from '../../src/domain/ordering.js';
import { isSlug, slugFromPath, slugify } from '../../src/domain/slugs.js';
import { didYouMean, nearest } from '../../src/domain/suggest.js';
import { absoluteUrl, isSafeUrl, parseBaseUrl, relativeUrl } from '../../src/domain/urls.js';
import { decodeEntities } from '../../src/pages/html.js';

describe('ordering', () => {
  const at = (file: string, date: string, weight = 0) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number?];
    return { file, weight, date: day === undefined ? { year, month } : { year, month, day } };
  };
  it('orders by weight, then newest first, then path', () => {
    const items = [
      at('b.md', '2022-01-04'),
      at('a.md', '2022-01-04'),
      at('c.md', '2022-01-28'),
      at('d.md', '2022-01'),
      at('e.md', '2021-12-01', -1),
    ];
    expect(items.sort(compareItems).map((i) => i.file)).toEqual([
      'e.md',
      'd.md',
      'c.md',
      'a.md',
      'b.md',
    ]);
  });
});

describe('notes', () => {
  it('numbers inline notes from the first number of the item', () => {
    const html = `<p>A${refPlaceholder(0, 0)} B${refPlaceholder(1, 0)} A again${refPlaceholder(0, 1)}</p>`;
    const filled = fillRefs(html, 5);
    expect(filled).toContain('href="#note-5" id="ref-5"');
    expect(filled).toContain('href="#note-6" id="ref-6"');
    expect(filled).toContain('href="#note-5" id="ref-5-2"');
  });
  it('puts source references at the end of the last paragraph', () => {
    expect(appendSourceRefs('<p>One.</p>\n<p>Two.</p>\n', 3, 2)).toMatch(
      /<p>Two\.<sup[^>]*><a href="#note-3"[^>]*>3<\/a><\/sup><sup[^>]*><a href="#note-4"[^>]*>4<\/a><\/sup><\/p>\n$/,
    );
  });
  it('adds a paragraph when the body ends with a list', () => {
    expect(appendSourceRefs('<ul>\n<li>x</li>\n</ul>\n', 1, 1)).toMatch(
      /<\/ul>\n<p class="source-refs"><sup/,
    );
  });
  it('hands out consecutive numbers', () => {
    const counter = new NoteCounter();
    expect([counter.take(2), counter.take(0), counter.take(1), counter.total]).toEqual([
      1, 3, 3, 3,
    ]);
  });
});

describe('slugs', () => {
  it.each([
    ['content/items/2022/01/cac-deep-synthesis.md', 'cac-deep-synthesis'],
    ['content/items/CAC Deep_Synthesis.md', 'cac-deep-synthesis'],
    ['content/items/Café über.md', 'cafe-uber'],
  ])('%s → %s', (path, slug) => expect(slugFromPath(path)).toBe(slug));
  it('accepts only lowercase words joined by hyphens', () => {
    expect(isSlug('a-b-1')).toBe(true);
    for (const bad of ['../x', 'a/b', 'A', 'a--b', '-a', 'a.b', ''])
      expect(isSlug(bad)).toBe(false);
  });
  it('slugifies titles', () =>
    expect(slugify('  Bank of East Asia: RMB 16.74m ')).toBe('bank-of-east-asia-rmb-16-74m'));
});

describe('suggestions', () => {
  const fields = ['title', 'date', 'category', 'authority', 'party', 'fine'];
  it.each([
    ['autority', 'authority'],
    ['titel', 'title'],
    ['catgory', 'category'],
    ['fines', 'fine'],
  ])('%s → %s', (typo, match) => expect(nearest(typo, fields)).toBe(match));
  it('suggests nothing for something unrelated, and lists what is known', () => {
    expect(nearest('zzzzzz', fields)).toBeUndefined();
    expect(didYouMean('zzzzzz', ['b', 'a'], 'sections')).toBe('known sections: "a", "b"');
  });
});

describe('urls', () => {
  it.each([
    ['/', '/items/a/', 'items/a/'],
    ['/items/a/', '/items/b/', '../../items/b/'],
    ['/items/a/', '/', '../../'],
    ['/items/a/', '/bulletins/2022-02/#a', '../../bulletins/2022-02/#a'],
    ['/legislation/page/2/', '/legislation/', '../../../legislation/'],
    ['/items/a/', '/items/a/', '../../items/a/'],
    ['/', '/', './'],
    ['/', '/#top', './#top'],
    ['/', '/assets/style.css', 'assets/style.css'],
    ['/sitemap.xml', '/items/a/', 'items/a/'],
  ])('from %s to %s is %s', (from, to, link) => expect(relativeUrl(from, to)).toBe(link));

  it('refuses unsafe schemes, however written', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:x',
      ' java\tscript:x',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
    ]) {
      expect(isSafeUrl(bad)).toBe(false);
    }
    for (const good of ['https://x.org', 'http://x.org/a?b#c', 'mailto:a@b.c', '/x', '#n', 'x/y']) {
      expect(isSafeUrl(good)).toBe(true);
    }
  });

  it('parses base URLs', () => {
    const base = parseBaseUrl('https://example.org/digest')!;
    expect(base).toEqual({ origin: 'https://example.org', path: '/digest/' });
    expect(absoluteUrl(base, '/items/a/')).toBe('https://example.org/digest/items/a/');
    expect(parseBaseUrl('/digest/')).toEqual({ origin: '', path: '/digest/' });
    expect(parseBaseUrl('not a url')).toBeUndefined();
  });
});

describe('lookups keyed by text from content', () => {
  it('decode only the entities they know, never an object property', () => {
    expect(decodeEntities('&constructor; &toString; &__proto__; &amp; &#x41;')).toBe(
      '&constructor; &toString; &__proto__; & A',
    );
  });
});
