import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absoluteLinks } from '../../src/pages/feeds-content.js';
import { page, removeSite, run } from '../helpers.js';

/** A site whose items, fines, corrections and effective dates are known. */
const FIXTURE = join(import.meta.dirname, '../fixtures/readers-a');
const ORIGIN = 'https://example.org/digest/';

let tmp: string;
const out = (name: string) => join(tmp, name);
const read = (name: string, path: string) => readFileSync(join(out(name), path), 'utf8');

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'gazette-feeds-'));
  for (const [name, extra] of [
    ['a', []],
    ['b', []],
    ['root', ['--base-url', '/']],
  ] as const) {
    const result = await run(
      'build',
      '--root',
      FIXTURE,
      '--no-cache',
      '--out',
      out(name),
      ...extra,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }
});

afterAll(() => removeSite(tmp));

// Numeric character references (Eta writes `'` as `&#39;`) are XML; fast-xml-parser
// decodes them only with htmlEntities, so `atom()` also refuses any HTML-only entity.
const parser = new XMLParser({
  htmlEntities: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
});

interface AtomLink {
  '@rel': string;
  '@href': string;
  '@type'?: string;
}
interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  published: string;
  link: AtomLink[];
  category: { '@term': string; '@label': string }[];
  summary?: string;
  content: { '#text': string; '@type': string };
}
interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  link: AtomLink[];
  author: { name: string };
  entry?: AtomEntry[];
}

/** Parses an Atom file after checking it is well-formed XML. */
function atom(name: string, path: string): AtomFeed {
  const text = read(name, path);
  expect(XMLValidator.validate(text)).toBe(true);
  expect(text.match(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)[^;\s]*;?/gi)).toBeNull();
  const doc = parser.parse(text) as { feed: AtomFeed & { '@xmlns': string } };
  expect(doc.feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  return doc.feed;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const slugOf = (entry: AtomEntry) => /\/items\/([^/]+)\/$/.exec(entry.link[0]!['@href'])![1];

describe('/feed.xml (Atom 1.0)', () => {
  it('has every element RFC 4287 requires, with absolute addresses', () => {
    const feed = atom('a', 'feed.xml');
    expect(feed.id).toBe(`${ORIGIN}feed.xml`);
    expect(feed.title).toBe("Readers' Digest A");
    expect(feed.updated).toMatch(RFC3339);
    expect(feed.author.name).toBe("Readers' Digest A");
    const rel = (rel: string) => feed.link.find((l) => l['@rel'] === rel)?.['@href'];
    expect(rel('self')).toBe(`${ORIGIN}feed.xml`);
    expect(rel('alternate')).toBe(ORIGIN);
    for (const entry of feed.entry!) {
      expect(entry.id).toMatch(/^https:\/\/example\.org\/digest\/items\/[a-z0-9-]+\/$/);
      expect(entry.title).toBeTruthy();
      expect(entry.updated).toMatch(RFC3339);
      expect(entry.published).toMatch(RFC3339);
      expect(entry.link[0]!['@href']).toBe(entry.id);
      expect(entry.content['@type']).toBe('html');
      expect(entry.content['#text']).toContain('<p>');
    }
    expect(new Set(feed.entry!.map((e) => e.id)).size).toBe(feed.entry!.length);
  });

  it('lists the published items newest first, drafts left out', () => {
    const feed = atom('a', 'feed.xml');
    expect(feed.entry!.map(slugOf)).toEqual([
      'court-case', // "January 2022" sorts as January 31
      'data-export-rules',
      'bank-fine',
      'algorithm-provisions',
      'review-measures',
      'old-law',
    ]);
  });

  it('dates the feed and each entry from the content, corrections included', () => {
    const feed = atom('a', 'feed.xml');
    const bank = feed.entry!.find((e) => slugOf(e) === 'bank-fine')!;
    expect(bank.published).toBe('2022-01-10T00:00:00Z');
    expect(bank.updated).toBe('2022-02-01T00:00:00Z');
    const content = parseHTML(`<div>${bank.content['#text']}</div>`).document;
    expect(content.querySelector('p')!.textContent).toBe(
      'Corrected February 1, 2022: The fine was first given as RMB 1.674 million.',
    );
    // The newest change anywhere in the feed is that correction.
    expect(feed.updated).toBe('2022-02-01T00:00:00Z');
  });

  it('keeps titles exact through the XML escaping', () => {
    const feed = atom('a', 'feed.xml');
    const entry = feed.entry!.find((e) => slugOf(e) === 'data-export-rules')!;
    expect(entry.title).toBe('Rules on Data; Export, Security & <Review> \\ Part 1');
    expect(entry.category.map((c) => c['@term'])).toEqual(['legislation', 'cac', 'cross-border']);
  });

  it('carries the full body with notes numbered as on the item page, every link absolute', () => {
    const feed = atom('a', 'feed.xml');
    const entry = feed.entry!.find((e) => slugOf(e) === 'data-export-rules')!;
    const html = parseHTML(`<div>${entry.content['#text']}</div>`).document;
    const refs = [...html.querySelectorAll('.note-ref a')];
    expect(refs.map((a) => a.textContent)).toEqual(['1', '2']);
    expect(refs.map((a) => a.getAttribute('href'))).toEqual([
      `${ORIGIN}items/data-export-rules/#note-1`,
      `${ORIGIN}items/data-export-rules/#note-2`,
    ]);
    const notes = [...html.querySelectorAll('ol li')].map((li) => li.textContent);
    expect(notes[0]).toBe('Announced at a press conference.');
    expect(html.querySelector('a.source-link')!.getAttribute('href')).toBe(
      'https://example.org/cac/notice?id=1&lang=en',
    );
    const hrefs = [...html.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
    expect(hrefs).toContain(`${ORIGIN}items/review-measures/`);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    // The same numbering as the item's own page.
    const itemPage = page(out('a'), 'items/data-export-rules/index.html');
    expect([...itemPage.querySelectorAll('.note-ref a')].map((a) => a.textContent)).toEqual([
      '1',
      '2',
    ]);
  });
});

describe('section and authority feeds', () => {
  it('one per section, holding only that section', () => {
    const feed = atom('a', 'legislation/feed.xml');
    expect(feed.id).toBe(`${ORIGIN}legislation/feed.xml`);
    expect(feed.title).toBe("Readers' Digest A: Legislation");
    expect(feed.link.find((l) => l['@rel'] === 'alternate')!['@href']).toBe(
      `${ORIGIN}legislation/`,
    );
    expect(feed.entry!.map(slugOf)).toEqual([
      'data-export-rules',
      'algorithm-provisions',
      'review-measures',
      'old-law',
    ]);
    expect(atom('a', 'courts/feed.xml').entry!.map(slugOf)).toEqual(['court-case']);
  });

  it('one per authority, an authority without items included', () => {
    const feed = atom('a', 'authorities/pboc-shanghai/feed.xml');
    expect(feed.title).toBe("Readers' Digest A: Shanghai Branch of the People's Bank of China");
    expect(feed.entry!.map(slugOf)).toEqual(['bank-fine']);
    const empty = atom('a', 'authorities/npc/feed.xml');
    expect(empty.entry).toBeUndefined();
    expect(empty.title).toBe("Readers' Digest A: National People's Congress (NPC)");
    // Never updated: the epoch, so that it depends on nothing else in the site.
    expect(empty.updated).toBe('1970-01-01T00:00:00Z');
  });
});

describe('/feed.json (JSON Feed 1.1)', () => {
  it('has the required fields and the same ids as the Atom feed', () => {
    const feed = JSON.parse(read('a', 'feed.json')) as {
      version: string;
      title: string;
      home_page_url: string;
      feed_url: string;
      items: { id: string; url: string; title: string; content_html: string }[];
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe("Readers' Digest A");
    expect(feed.home_page_url).toBe(ORIGIN);
    expect(feed.feed_url).toBe(`${ORIGIN}feed.json`);
    expect(feed.items.map((i) => i.id)).toEqual(atom('a', 'feed.xml').entry!.map((e) => e.id));
    for (const item of feed.items) {
      expect(item.url).toBe(item.id);
      expect(item.content_html).toContain('<p>');
    }
  });
});

describe('feeds in page heads and without an origin', () => {
  it('announces the feeds in every HTML page head', () => {
    for (const path of ['index.html', 'items/bank-fine/index.html', 'calendar/index.html']) {
      const links = [...page(out('a'), path).querySelectorAll('link[rel="alternate"]')];
      const byType = new Map(links.map((l) => [l.getAttribute('type'), l.getAttribute('href')]));
      const base = path.split('/').length - 1;
      expect(byType.get('application/atom+xml')).toBe(`${'../'.repeat(base)}feed.xml`);
      expect(byType.get('application/feed+json')).toBe(`${'../'.repeat(base)}feed.json`);
    }
  });

  it('keeps ids absolute IRIs (urn:uuid) and links root-relative when baseUrl has no origin', () => {
    const feed = atom('root', 'feed.xml');
    expect(feed.id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(feed.link.find((l) => l['@rel'] === 'self')!['@href']).toBe('/feed.xml');
    const ids = feed.entry!.map((e) => e.id);
    expect(ids.every((id) => id.startsWith('urn:uuid:'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(feed.entry![0]!.link[0]!['@href']).toBe('/items/court-case/');
  });

  it('writes byte-identical feeds on every build', () => {
    for (const path of [
      'feed.xml',
      'feed.json',
      'legislation/feed.xml',
      'authorities/cac/feed.xml',
    ]) {
      expect(read('b', path)).toBe(read('a', path));
    }
  });
});

describe('absoluteLinks', () => {
  const cases: [string, string, string][] = [
    ['<a href="#note-1">', 'https://x.org/items/a/', '<a href="https://x.org/items/a/#note-1">'],
    ['<a href="../b/">', 'https://x.org/items/a/', '<a href="https://x.org/items/b/">'],
    [
      '<a href="https://y.org/?a=1&amp;b=2">',
      'https://x.org/',
      '<a href="https://y.org/?a=1&amp;b=2">',
    ],
    ['<a href="mailto:a@b.org">', 'https://x.org/', '<a href="mailto:a@b.org">'],
    ['<a href="../b/?q=1&amp;r=2">', '/items/a/', '<a href="/items/b/?q=1&amp;r=2">'],
    [
      '<img src="pic.png" alt="">',
      'https://x.org/items/a/',
      '<img src="https://x.org/items/a/pic.png" alt="">',
    ],
  ];
  it.each(cases)('%s from %s', (html, base, expected) => {
    expect(absoluteLinks(html, base)).toBe(expected);
  });
  it('sends fragments to the page that holds them', () => {
    expect(absoluteLinks('<a href="#note-3">', 'https://x.org/items/a/', 'https://x.org/b/')).toBe(
      '<a href="https://x.org/b/#note-3">',
    );
  });
});
