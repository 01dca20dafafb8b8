import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertFilled } from '../../src/markdown/index.js';
import { sourceHtml } from '../../src/pages/view.js';

describe('sourceHtml', () => {
  const base = { title: undefined, url: undefined, publisher: undefined, date: undefined };
  it('writes publisher, title and date as one sentence', () => {
    expect(
      sourceHtml({
        ...base,
        title: 'Notice',
        publisher: 'CAC',
        date: { year: 2022, month: 1, day: 5 },
      }),
    ).toBe('CAC, <cite>Notice</cite>, <time datetime="2022-01-05">January 5, 2022</time>.');
  });
  it('links the title when there is a URL, and escapes everything', () => {
    expect(sourceHtml({ ...base, title: 'A <b> & "c"', url: 'https://x.org/?a=1&b=2' })).toBe(
      '<a href="https://x.org/?a=1&amp;b=2" class="source-link">A &lt;b&gt; &amp; &quot;c&quot;</a>.',
    );
  });
  it('does not double a full stop the title already has', () => {
    expect(sourceHtml({ ...base, title: 'Decision on X Co., Ltd.' })).toBe(
      '<cite>Decision on X Co., Ltd.</cite>',
    );
  });
  it('shows a bare URL as its own text', () => {
    expect(sourceHtml({ ...base, url: 'https://x.org/a' })).toBe(
      '<a href="https://x.org/a" class="source-link">https://x.org/a</a>.',
    );
  });
});

describe('links between site pages inside a body', () => {
  it('resolve from the item page and are rewritten for each page that shows the body', async () => {
    const { makeSite, removeSite, run, page, item, BULLETIN } = await import('../helpers.js');
    const root = makeSite({
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/a.md': item(
        { title: 'A' },
        'See [item b](../b/) and [the bulletin](/bulletins/2022-02/#b).\n',
      ),
      'content/items/b.md': item({ title: 'B' }),
    });
    try {
      expect(
        (await run('build', '--root', root, '--base-url', 'https://example.org/digest/')).code,
      ).toBe(0);
      const hrefs = (path: string) =>
        [...page(join(root, 'dist'), path).querySelectorAll('.prose a')].map((a) =>
          a.getAttribute('href'),
        );
      expect(hrefs('items/a/index.html')).toEqual(['../../items/b/', '../../bulletins/2022-02/#b']);
      expect(hrefs('bulletins/2022-02/index.html')).toContain('../../items/b/');
      expect(hrefs('index.html')).toContain('items/b/');
      const feed = readFileSync(join(root, 'dist/feed.xml'), 'utf8');
      expect(feed).toContain('https://example.org/digest/items/b/');
      const json = readFileSync(join(root, 'dist/feed.json'), 'utf8');
      expect(json).toContain('https://example.org/digest/items/b/');
      const email = readFileSync(join(root, 'dist/bulletins/2022-02/email.html'), 'utf8');
      expect(email).toContain('href="https://example.org/digest/items/b/"');
      // No page holds a placeholder, filled or stripped (XML cannot hold U+0000).
      for (const file of readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' })) {
        if (!/\.(html|xml|json|txt)$/.test(file)) continue;
        const text = readFileSync(join(root, 'dist', file), 'utf8');
        expect(() => assertFilled(text, file)).not.toThrow();
        expect(text, file).not.toMatch(/\u0000|link:\//);
      }
    } finally {
      removeSite(root);
    }
  });
});
