// The pages render cleanly in Chromium: this repository's own site, one page of
// every kind (the ones npm run screenshots shoots), at phone and desktop width,
// with no console error, no uncaught exception and no failed request.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchBrowser, openPage } from '../../scripts/verify/browser.mjs';
import { pickPages } from '../../scripts/verify/pages.mjs';
import { serve } from '../../scripts/verify/server.mjs';
import { breakCopy, remove, repo, skipReason } from './site.mjs';

const skip = skipReason(hasChromium(), `Chromium (${CHROMIUM})`);

let work;
let out;
let browser;

beforeAll(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'gazette-render-'));
  out = join(work, 'out');
  const build = spawnSync(
    process.execPath,
    [
      join(repo, 'bin/gazette.js'),
      'build',
      '--root',
      repo,
      '--out',
      out,
      '--base-url',
      'https://example.org/digest/',
    ],
    { encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (work) remove(work);
});

/** Loads each page at each width; returns "page @width: problem" lines. */
async function render(dir, pages, widths) {
  const server = await serve(dir, '/digest/');
  const found = [];
  try {
    for (const width of widths) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      try {
        for (const page of pages) {
          const { page: tab, problems } = await openPage(context, server.url + page.path, page);
          // Past 'load': whatever runs on the page has run (scripts only enhance).
          await tab.waitForLoadState('networkidle');
          found.push(...problems.map((p) => `${page.name} @${width}: ${p}`));
          await tab.close();
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await server.close();
  }
  return found;
}

describe.skipIf(skip)(`pages render without console errors ${skip}`, () => {
  it('every kind of page, at 390 and 1280 px', async () => {
    const pages = pickPages(out);
    const kinds = new Set(pages.map((p) => p.kind));
    for (const kind of ['home', 'bulletin', 'item', 'section', 'authority', 'tag', '404']) {
      expect(kinds).toContain(kind);
    }
    expect(await render(out, pages, [390, 1280])).toEqual([]);
  });

  it('reports a script error, a console error and a missing image', async () => {
    const broken = breakCopy(out, join(work, 'broken'), {
      'index.html':
        '<img src="missing.png" alt="x"><script>console.error("logged"); throw new Error("boom")</script>',
    });
    const problems = await render(broken, [{ name: 'home', path: '' }], [390]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^home @390: http:\/\/127\.0\.0\.1:\d+\/digest\/missing\.png: HTTP 404$/,
        ),
        expect.stringMatching(/^home @390: console error: logged \(http:/),
        'home @390: uncaught exception: boom',
      ]),
    );
  });
});
