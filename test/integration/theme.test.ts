import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTHORITIES, BULLETIN, item, makeSite, page, removeSite, run } from '../helpers.js';

/**
 * The README's theme example, as it is written there: a site with its own
 * templates/partials/footer.eta gets that footer on every page, and keeps
 * every other built-in template.
 */

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The fenced block right after `<!-- theme-example: PATH -->`, and PATH. */
function example(): { path: string; text: string } {
  const marker = /<!-- theme-example: (\S+) -->\n```\w*\n([\s\S]*?)```\n/.exec(README);
  if (!marker) throw new Error('README.md has no theme example');
  return { path: marker[1]!, text: marker[2]! };
}

const BUILT_IN_TEMPLATES = readdirSync(new URL('../../templates/partials/', import.meta.url));

let root: string | undefined;
afterEach(() => {
  if (root) removeSite(root);
  root = undefined;
});

describe('the README’s theme override', () => {
  it('names a built-in template, and replaces it on every page', async () => {
    const { path, text } = example();
    expect(path).toBe('templates/partials/footer.eta');
    expect(BUILT_IN_TEMPLATES).toContain('footer.eta');
    root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/a.md': item({ title: 'Alpha', authority: 'cac' }),
      [path]: text,
    });
    const built = await run('build', '--root', root, '--base-url', 'https://example.org/digest/');
    expect(built.code, built.stderr).toBe(0);
    const pages: [string, string][] = [
      ['dist/index.html', 'feed.xml'],
      ['dist/items/a/index.html', '../../feed.xml'],
      ['dist/authorities/cac/index.html', '../../feed.xml'],
      ['dist/404.html', '/digest/feed.xml'],
    ];
    for (const [file, feed] of pages) {
      const doc = page(root, file);
      const footer = doc.querySelector('footer.colophon');
      expect(footer?.textContent, file).toContain(
        'Regulatory Digest is edited by the Data Protection Desk',
      );
      expect(footer?.querySelector('a[href^="mailto:"]')?.getAttribute('href')).toBe(
        'mailto:desk@example.org',
      );
      expect(footer?.querySelector('a')?.textContent).toBe('desk@example.org');
      expect(
        [...footer!.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        file,
      ).toContain(feed);
      // The built-in footer is gone; the rest of the built-in theme is not.
      expect(doc.body.textContent, file).not.toContain('Open data (JSON)');
      expect(doc.querySelectorAll('footer'), file).toHaveLength(1);
      expect(doc.querySelector('header.masthead .brand')?.textContent, file).toBe(
        'Regulatory Digest',
      );
      expect(doc.querySelector('link[rel="stylesheet"]'), file).not.toBeNull();
    }
  });

  it('is checked like content: a broken override is an error naming its file', async () => {
    const { path, text } = example();
    root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/a.md': item(),
      [path]: text.replace('%>', ''),
    });
    const checked = await run('check', '--root', root);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(path);
    expect(checked.stderr).toContain('template');
  });

  it('leaves the built-in footer to a site that does not override it', async () => {
    root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/a.md': item(),
    });
    expect((await run('build', '--root', root)).code).toBe(0);
    const footer = page(root, 'dist/items/a/index.html').querySelector('footer.colophon');
    expect(footer?.textContent).toContain('Open data (JSON)');
    expect(footer?.querySelector('a')?.getAttribute('href')).toBe('../../');
  });
});
