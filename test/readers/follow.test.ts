// Following and sharing: every feed the build writes is announced by the page
// it follows (<link rel="alternate"> and its visible "Follow" line), and every
// announced feed exists; canonical links, Open Graph and JSON-LD with an
// origin, none without; titles that say what the page is; the newsletter form.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { AUTHORITIES, BULLETIN, item, makeSite, page, removeSite, run } from '../helpers.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/readers-a');

let tmp: string;
const out = (name: string) => join(tmp, name);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The site path of an output file: `tags/x/feed.xml` → `/tags/x/feed.xml`. */
const sitePath = (root: string, file: string) => `/${relative(root, file).split('\\').join('/')}`;

/** Resolves an href found on the page at site path `from` (`/x/y/`) to a site path. */
const resolve = (from: string, href: string) => posix.normalize(posix.join(from, href));

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'gazette-follow-'));
  for (const [name, args] of [
    ['origin', []],
    ['path', ['--base-url', '/digest/']],
  ] as const) {
    const result = await run('build', '--root', FIXTURE, '--no-cache', '--out', out(name), ...args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }
});
afterAll(() => removeSite(tmp));

describe('feeds and the pages that announce them', () => {
  const root = () => out('origin');
  const feedFiles = () =>
    files(root())
      .map((f) => sitePath(root(), f))
      .filter((p) => /\/(feed\.xml|feed\.json|calendar\.ics)$/.test(p));

  it('writes an Atom feed, a JSON Feed and a calendar beside each section, authority and topic with dates', () => {
    const feeds = feedFiles();
    for (const path of [
      '/feed.xml',
      '/feed.json',
      '/calendar.ics',
      '/legislation/feed.xml',
      '/legislation/feed.json',
      '/legislation/calendar.ics',
      '/authorities/cac/feed.xml',
      '/authorities/cac/feed.json',
      '/authorities/cac/calendar.ics',
      '/tags/cross-border/feed.xml',
      '/tags/cross-border/feed.json',
      '/tags/cross-border/calendar.ics',
    ])
      expect(feeds).toContain(path);
    // No calendar for a listing without effective dates.
    expect(feeds).not.toContain('/enforcement/calendar.ics');
  });

  it('has every feed announced in the head and the Follow line of the page it follows', () => {
    for (const feed of feedFiles()) {
      const base = feed.replace(/[^/]+$/, '');
      const pagePath = base === '/' ? '/' : base;
      const doc = page(root(), `${pagePath.slice(1)}index.html`);
      const alternates = [...doc.querySelectorAll('link[rel="alternate"]')].map((l) =>
        resolve(pagePath, l.getAttribute('href')!),
      );
      expect(alternates, `${pagePath} announces ${feed}`).toContain(feed);
      const follow = [...doc.querySelectorAll('.follow a')].map((a) =>
        resolve(pagePath, a.getAttribute('href')!),
      );
      expect(follow, `${pagePath} shows ${feed}`).toContain(feed);
    }
  });

  it('announces only feeds that exist, each with its type', () => {
    // (Not the 404 page, whose links start from the base path since any address may show it.)
    for (const file of files(root()).filter(
      (f) => f.endsWith('.html') && !f.endsWith('404.html'),
    )) {
      const from = sitePath(root(), file).replace(/index\.html$/, '');
      const doc = page(root(), relative(root(), file));
      for (const link of doc.querySelectorAll('link[rel="alternate"]')) {
        const target = resolve(
          from.endsWith('/') ? from : posix.dirname(from),
          link.getAttribute('href')!,
        );
        expect(existsSync(join(root(), target)), `${from} → ${target}`).toBe(true);
        const type = link.getAttribute('type');
        expect(type).toBe(
          target.endsWith('.xml')
            ? 'application/atom+xml'
            : target.endsWith('.json')
              ? 'application/feed+json'
              : 'text/calendar',
        );
      }
    }
  });

  it('names a listing feed after its listing', () => {
    const atom = readFileSync(join(root(), 'tags/cross-border/feed.xml'), 'utf8');
    expect(atom).toMatch(/<title>Readers(&#39;|')s? Digest A: cross border \(topic\)<\/title>/);
    const json = JSON.parse(readFileSync(join(root(), 'authorities/cac/feed.json'), 'utf8'));
    expect(json.home_page_url).toBe('https://example.org/digest/authorities/cac/');
    expect(json.feed_url).toBe('https://example.org/digest/authorities/cac/feed.json');
  });
});

describe('canonical links, Open Graph and JSON-LD', () => {
  it('an item is a NewsArticle, with its canonical address and publication date', () => {
    const doc = page(out('origin'), 'items/bank-fine/index.html');
    const meta = (property: string) =>
      doc.querySelector(`meta[property="${property}"]`)?.getAttribute('content');
    expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(
      'https://example.org/digest/items/bank-fine/',
    );
    expect(meta('og:type')).toBe('article');
    expect(meta('og:url')).toBe('https://example.org/digest/items/bank-fine/');
    expect(meta('og:title')).toBe(doc.querySelector('h1')!.textContent);
    expect(meta('og:description')).toBeTruthy();
    expect(meta('article:published_time')).toMatch(/^2022-01-\d\d$/);
    expect(doc.querySelector('meta[name="twitter:card"]')!.getAttribute('content')).toBe('summary');
    const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: doc.querySelector('h1')!.textContent,
      url: 'https://example.org/digest/items/bank-fine/',
      publisher: { '@type': 'Organization', name: "Readers' Digest A" },
    });
  });

  it('a bulletin is a CollectionPage of its items; the home page names the site and its search', () => {
    const bulletin = page(out('origin'), 'bulletins/2022-02/index.html');
    const ld = JSON.parse(
      bulletin.querySelector('script[type="application/ld+json"]')!.textContent!,
    );
    expect(ld['@type']).toBe('CollectionPage');
    expect(ld.mainEntity.itemListElement.length).toBeGreaterThan(1);
    expect(ld.mainEntity.itemListElement[0].url).toMatch(
      /^https:\/\/example\.org\/digest\/items\//,
    );
    const home = page(out('origin'), 'index.html');
    const site = JSON.parse(home.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(site['@type']).toBe('WebSite');
    expect(site.potentialAction.target).toBe(
      'https://example.org/digest/search/?q={search_term_string}',
    );
  });

  it('without an origin, no canonical link, Open Graph or JSON-LD (they need absolute addresses)', () => {
    for (const path of [
      'index.html',
      'items/bank-fine/index.html',
      'bulletins/2022-02/index.html',
    ]) {
      const doc = page(out('path'), path);
      expect(doc.querySelector('link[rel="canonical"]'), path).toBeNull();
      expect(doc.querySelector('meta[property]'), path).toBeNull();
      expect(doc.querySelector('script[type="application/ld+json"]'), path).toBeNull();
    }
    // The 404 page, served at any address, is nobody's canonical page.
    expect(page(out('origin'), '404.html').querySelector('link[rel="canonical"]')).toBeNull();
  });

  it('titles say what the page is', () => {
    const title = (path: string) => page(out('origin'), path).querySelector('title')!.textContent;
    expect(title('index.html')).toBe("Readers' Digest A — February 2022 bulletin");
    expect(title('bulletins/2022-02/index.html')).toBe(
      "February 2022 bulletin — Readers' Digest A",
    );
    expect(title('authorities/cac/index.html')).toBe(
      "Cyberspace Administration of China (CAC) — Readers' Digest A",
    );
  });

  it('robots.txt ends with a newline', () => {
    for (const name of ['origin', 'path']) {
      const text = readFileSync(join(out(name), 'robots.txt'), 'utf8');
      expect(text.endsWith('\n'), name).toBe(true);
      expect(text.endsWith('\n\n'), name).toBe(false);
    }
  });

  it('an e-mail edition built without an origin says it is not ready to send', () => {
    const warning = (name: string) =>
      page(out(name), 'bulletins/2022-02/email.html').querySelector('.warning');
    expect(warning('origin')).toBeNull();
    expect(warning('path')!.textContent).toContain('--base-url');
    expect(readFileSync(join(out('path'), 'bulletins/2022-02/email.txt'), 'utf8')).toMatch(
      /^NOT READY TO SEND: /,
    );
    expect(readFileSync(join(out('origin'), 'bulletins/2022-02/email.txt'), 'utf8')).not.toContain(
      'NOT READY',
    );
  });
});

describe('the newsletter form (config newsletter)', () => {
  it('reads action, label and field, with defaults', () => {
    const { config, diagnostics } = parseConfig(
      'newsletter:\n  action: https://lists.example.org/subscribe\n',
    );
    expect(diagnostics).toEqual([]);
    expect(config.newsletter).toEqual({
      action: 'https://lists.example.org/subscribe',
      label: 'Get each bulletin by e-mail',
      field: 'email',
    });
    expect(parseConfig('title: X\n').config.newsletter).toBeUndefined();
  });

  const bad: [string, string, string][] = [
    ['no action', 'newsletter:\n  label: Hi\n', 'field-required'],
    ['not a map', 'newsletter: https://x.org/\n', 'config-invalid'],
    ['a javascript: action', 'newsletter:\n  action: "javascript:alert(1)"\n', 'config-invalid'],
    ['a relative action', 'newsletter:\n  action: /subscribe\n', 'config-invalid'],
    ['an unknown key', 'newsletter:\n  action: https://x.org/\n  methd: post\n', 'field-unknown'],
    [
      'a field name with a space',
      'newsletter:\n  action: https://x.org/\n  field: e mail\n',
      'config-invalid',
    ],
  ];
  it.each(bad)('refuses %s', (_, text, code) => {
    const { diagnostics } = parseConfig(text);
    expect(diagnostics.map((d) => d.code)).toContain(code);
  });

  it('shows the form on the home page and each bulletin, posting where the config says', async () => {
    const root = makeSite({
      'gazette.config.yaml':
        'title: Letters\nnewsletter:\n  action: https://lists.example.org/subscribe?list=1\n  label: The monthly letter\n  field: EMAIL\n',
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/a.md': item({ title: 'A fine' }),
    });
    try {
      const result = await run('build', '--root', root, '--out', join(root, 'out'));
      expect(result.code).toBe(0);
      for (const path of ['index.html', 'bulletins/2022-02/index.html']) {
        const form = page(join(root, 'out'), path).querySelector('form.newsletter')!;
        expect(form.getAttribute('action')).toBe('https://lists.example.org/subscribe?list=1');
        expect(form.getAttribute('method')).toBe('post');
        expect(form.querySelector('h2')!.textContent).toBe('The monthly letter');
        const input = form.querySelector('input')!;
        expect(input.getAttribute('name')).toBe('EMAIL');
        expect(input.getAttribute('type')).toBe('email');
        expect(form.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
      }
      expect(
        page(join(root, 'out'), 'items/a/index.html').querySelector('form.newsletter'),
      ).toBeNull();
    } finally {
      removeSite(root);
    }
  });
});
