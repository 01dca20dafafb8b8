import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTHORITIES, BULLETIN, item, makeSite, removeSite, run } from '../helpers.js';

/**
 * What needs an absolute URL is left out of a build without an origin: a
 * sitemap of relative <loc>s is invalid (sitemaps.org), and JSON Feed's
 * home_page_url and feed_url identify the site and the feed. The build says
 * so once, and how to set the address.
 */

let root: string | undefined;
afterEach(() => {
  if (root) removeSite(root);
  root = undefined;
});

function site(config?: string): string {
  return (root = makeSite({
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    'content/items/a.md': item({ title: 'Alpha', authority: 'cac' }),
    ...(config === undefined ? {} : { 'gazette.config.yaml': config }),
  }));
}

const NOTE = 'no --base-url with an origin: sitemap.xml not written; feeds use root-relative links';

describe('a build without an origin', () => {
  it.each([
    ['no baseUrl', undefined, []],
    ['a path only', 'baseUrl: /digest/\n', []],
    ['a path given with --base-url', undefined, ['--base-url', '/digest/']],
  ])(
    '(%s) writes no sitemap, no Sitemap line, no feed URLs, and says so once',
    async (_, config, flags) => {
      const dir = site(config);
      const built = await run('build', '--root', dir, ...flags);
      expect(built.code, built.stderr).toBe(0);
      expect(built.stdout.split(NOTE)).toHaveLength(2);
      expect(built.stdout).toContain('set baseUrl in gazette.config.yaml (or pass --base-url)');
      const out = join(dir, 'dist');
      expect(existsSync(join(out, 'sitemap.xml'))).toBe(false);
      expect(readFileSync(join(out, 'robots.txt'), 'utf8')).not.toMatch(/sitemap/i);
      const feed = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(Object.keys(feed)).not.toContain('home_page_url');
      expect(Object.keys(feed)).not.toContain('feed_url');
      expect(feed.title).toBe('Regulatory Digest');
      const base = flags.length || config ? '/digest/' : '/';
      expect((feed.items as { url: string }[])[0]!.url).toBe(`${base}items/a/`);
      // The Atom feed still links its pages, root-relative.
      expect(readFileSync(join(out, 'feed.xml'), 'utf8')).toContain(`href="${base}items/a/"`);
    },
  );

  it('drops a sitemap an earlier build with an origin wrote', async () => {
    const dir = site();
    expect((await run('build', '--root', dir, '--base-url', 'https://example.org/')).code).toBe(0);
    expect(existsSync(join(dir, 'dist/sitemap.xml'))).toBe(true);
    expect((await run('build', '--root', dir)).code).toBe(0);
    expect(existsSync(join(dir, 'dist/sitemap.xml'))).toBe(false);
  });
});

describe('a build with an origin', () => {
  it('writes the sitemap, names it in robots.txt, gives the feed its URLs, and says nothing', async () => {
    const dir = site('baseUrl: https://example.org/digest/\n');
    const built = await run('build', '--root', dir);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).not.toContain('--base-url');
    const out = join(dir, 'dist');
    expect(readFileSync(join(out, 'sitemap.xml'), 'utf8')).toContain(
      '<loc>https://example.org/digest/items/a/</loc>',
    );
    expect(readFileSync(join(out, 'robots.txt'), 'utf8')).toContain(
      'Sitemap: https://example.org/digest/sitemap.xml',
    );
    const feed = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(feed.home_page_url).toBe('https://example.org/digest/');
    expect(feed.feed_url).toBe('https://example.org/digest/feed.json');
  });
});
