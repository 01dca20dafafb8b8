// The gates fail when they should (issue 5, "Done when"): a tiny site is built,
// a copy of it gets a broken link, an invalid element and an unlabeled form
// control, and each check must report exactly those, with page and element.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y } from '../../scripts/verify/a11y.mjs';
import { CHROMIUM, hasChromium, launchBrowser } from '../../scripts/verify/browser.mjs';
import { checkFeeds } from '../../scripts/verify/feeds.mjs';
import { checkHtml } from '../../scripts/verify/html.mjs';
import { checkLinks } from '../../scripts/verify/links.mjs';
import { serve } from '../../scripts/verify/server.mjs';
import { breakCopy, buildTinySite, hasJava, remove, repo, skipReason } from './site.mjs';

const noJava = skipReason(hasJava, 'java (for the Nu HTML Checker)');
const noBrowser = skipReason(hasChromium(), `Chromium (${CHROMIUM})`);
const SITE = 'https://example.org/';

const BROKEN_LINK = '<p><a href="../no-such-page/">gone</a> <a href="#no-such-note">note</a></p>';
const INVALID_ELEMENT = '<ul class="injected"><div>not a list item</div></ul>';
const UNLABELED_INPUT = '<form action="."><input type="text" name="q"></form>';

let site;
let broken;

/**
 * What `after` reports that `before` did not. The tiny site is built with the
 * working tree's templates, so a real problem in them shows up in both and is
 * verify's to report; these tests are about the injected faults being found.
 */
function added(after, before, key = (x) => JSON.stringify(x)) {
  const seen = new Set(before.map(key));
  return after.filter((x) => !seen.has(key(x)));
}

beforeAll(() => {
  site = buildTinySite(SITE);
  broken = breakCopy(site.out, join(site.work, 'broken'), {
    'items/bank-fine/index.html': BROKEN_LINK,
    'bulletins/2022-02/index.html': INVALID_ELEMENT,
    'index.html': UNLABELED_INPUT,
  });
});

afterAll(() => {
  if (site) remove(site.work);
});

describe('links', () => {
  it('reports a missing page and a missing #fragment with page and element', () => {
    const before = checkLinks(site.out, '/');
    const after = checkLinks(broken, '/');
    expect(before.pages).toBeGreaterThan(5);
    expect(added(after.broken, before.broken)).toEqual([
      {
        page: 'items/bank-fine/index.html',
        href: '../no-such-page/',
        reason: 'no file items/no-such-page/index.html',
        element: '<a href="../no-such-page/">gone',
      },
      {
        page: 'items/bank-fine/index.html',
        href: '#no-such-note',
        reason: 'no id "no-such-note" in items/bank-fine/index.html',
        element: '<a href="#no-such-note">note',
      },
    ]);
  });

  it('checks a sub-path build against its base path', () => {
    const digest = buildTinySite('https://example.org/digest/');
    try {
      const key = (b) => `${b.page} ${b.href} ${b.reason}`;
      const atRoot = checkLinks(site.out, '/').broken.map(key);
      expect(checkLinks(digest.out, '/digest/').broken.map(key)).toEqual(atRoot);
      // The 404 page's absolute links name /digest/: checked as if served at /, they leave the site.
      expect(checkLinks(digest.out, '/').broken.map((b) => b.page)).toContain('404.html');
    } finally {
      remove(digest.work);
    }
  });
});

describe('feeds and sitemap', () => {
  it('reports a relative <loc> and a URL that names no page', () => {
    const sitemap = join(broken, 'sitemap.xml');
    const text = readFileSync(sitemap, 'utf8');
    const before = checkFeeds(site.out, SITE).errors;
    writeFileSync(
      sitemap,
      text.replace(
        '</urlset>',
        '<url><loc>/relative/</loc></url><url><loc>https://example.org/gone/</loc></url></urlset>',
      ),
    );
    expect(added(checkFeeds(broken, SITE).errors, before)).toEqual([
      { file: 'sitemap.xml', message: '<loc>/relative/</loc>: not an absolute http(s) URL' },
      {
        file: 'sitemap.xml',
        message:
          '<loc>https://example.org/gone/</loc>: names no file of the build (gone/index.html)',
      },
    ]);
    writeFileSync(sitemap, text.replace('</urlset>', '<url>'));
    expect(checkFeeds(broken, SITE).errors[0]?.message).toMatch(/^not well-formed XML/);
    writeFileSync(sitemap, text);
  });
});

describe.skipIf(noJava)(`HTML validity ${noJava}`, () => {
  it('reports the invalid element on its page, and nothing on the intact build', async () => {
    const result = await checkHtml([site.out, broken]);
    expect(result.files).toBeGreaterThan(10);
    const cleanErrors = result.errors.filter((e) => e.dir === site.out);
    const key = (e) => `${e.page} ${e.message}`;
    const added = result.errors
      .filter((e) => e.dir === broken)
      .filter((e) => !cleanErrors.some((c) => key(c) === key(e)));
    expect(added.map((e) => [e.page, e.message])).toEqual([
      [
        'bulletins/2022-02/index.html',
        'Element “div” not allowed as child of element “ul” in this context. (Suppressing further errors from this subtree.)',
      ],
    ]);
    expect(added[0]?.extract).toContain('<div>not a');
    expect(added[0]?.line).toBeGreaterThan(1);
  });
});

describe.skipIf(noBrowser)(`accessibility ${noBrowser}`, () => {
  it('reports the unlabeled input on its page at every viewport, with its element', async () => {
    const browser = await launchBrowser();
    const clean = await serve(site.out, '/');
    const bad = await serve(broken, '/');
    try {
      const viewports = [
        { name: '390', width: 390, height: 844, colorScheme: 'light' },
        { name: '1280', width: 1280, height: 900, colorScheme: 'light' },
      ];
      const before = await checkA11y(browser, [{ name: 'home', url: clean.url }], { viewports });
      const after = await checkA11y(browser, [{ name: 'home', url: bad.url }], { viewports });
      expect(before.rules).toContain('label');
      const label = added(
        after.violations,
        before.violations,
        (v) => `${v.viewport} ${v.rule} ${v.html}`,
      ).filter((v) => v.rule === 'label');
      expect(label.map((v) => [v.page, v.viewport, v.target, v.html])).toEqual([
        ['home', '1280', 'input', '<input type="text" name="q">'],
        ['home', '390', 'input', '<input type="text" name="q">'],
      ]);
      expect(label[0]?.impact).toBe('critical');
    } finally {
      await Promise.all([clean.close(), bad.close(), browser.close()]);
    }
  });
});

describe.skipIf(noJava || noBrowser)(`npm run verify -- --dir ${noJava || noBrowser}`, () => {
  it('exits 1 and names the page and element of each injected fault', () => {
    const result = spawnSync(
      process.execPath,
      [join(repo, 'scripts/verify.mjs'), '--dir', broken, '--base-url', SITE],
      { encoding: 'utf8' },
    );
    const out = result.stdout;
    expect(result.stderr).toBe('');
    expect(result.status, out).toBe(1);
    expect(out).toMatch(
      /✗ \[html\] Element “div” not allowed as child of element “ul”.*\n.*\n\s+at .*bulletins\/2022-02\/index\.html \d+:\d+/,
    );
    expect(out).toMatch(
      /✗ \[link\] href="\.\.\/no-such-page\/": no file items\/no-such-page\/index\.html\n\s+<a href="\.\.\/no-such-page\/">gone\n\s+at .*items\/bank-fine\/index\.html/,
    );
    expect(out).toMatch(/✗ \[link\] href="#no-such-note"/);
    expect(out).toMatch(
      /✗ \[axe\] label \(critical\): Form elements must have labels\n\s+element: input\n\s+html: <input type="text" name="q">/,
    );
    expect(out).toMatch(/at .*\(home\) @390/);
    // The injected faults are counted (the tiny site itself may add its own).
    expect(out).toMatch(
      /verify: FAILED — HTML \(Nu HTML Checker\): \d+; internal links: 2; accessibility \(axe-core\): \d+/,
    );
  });
});
