// Reading the site in Chromium, at 390 and 1280 px: search on a generated
// 2,000-item site (every result within reach, newest first, snippets around
// the match, the index fetched only once the reader turns to the form, and
// "Loading the index…" until it has come); and on this repository's site the
// menu, the folded contents, a note shown in place and the first story within
// the first screen of a phone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAxe } from '../../scripts/verify/a11y.mjs';
import { CHROMIUM, hasChromium, launchBrowser, openPage } from '../../scripts/verify/browser.mjs';
import { serve } from '../../scripts/verify/server.mjs';
import { remove, repo, skipReason } from './site.mjs';

const skip = skipReason(hasChromium(), `Chromium (${CHROMIUM})`);
const BASE = 'https://example.org/digest/';
const WIDTHS = [390, 1280];

let work;
let browser;
let big; // the 2,000-item site, served
let own; // this repository's site, served

function cli(args) {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

beforeAll(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'gazette-readers-'));
  cli([join(repo, 'scripts/gen-site.mjs'), '--items', '2000', '--out', join(work, 'big')]);
  for (const [root, out] of [
    [join(work, 'big'), join(work, 'big-out')],
    [repo, join(work, 'own-out')],
  ]) {
    cli([
      join(repo, 'bin/gazette.js'),
      'build',
      '--root',
      root,
      '--out',
      out,
      '--base-url',
      BASE,
      '--no-cache',
    ]);
  }
  [big, own, browser] = await Promise.all([
    serve(join(work, 'big-out'), '/digest/'),
    serve(join(work, 'own-out'), '/digest/'),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await big?.close();
  await own?.close();
  if (work) remove(work);
});

async function open(server, path, width, options = {}) {
  const context = await browser.newContext({
    viewport: { width, height: 844 },
    reducedMotion: 'reduce',
    ...options,
  });
  const { page, problems } = await openPage(context, server.url + path);
  return { context, page, problems };
}

const status = (page) => page.textContent('#search-status');

/** Waits until every year of the index has come. */
const allLoaded = (page) =>
  page.waitForFunction(
    () => {
      const text = document.getElementById('search-status').textContent;
      return /match/.test(text) && !/Still loading/.test(text);
    },
    null,
    { timeout: 60_000 },
  );

/** "January 5, 2003", "January 2003", "2003" → the last day it stands for, as a number. */
function dateKey(text) {
  const d = new Date(`${text} UTC`);
  if (/^\d{4}$/.test(text)) return Date.UTC(Number(text), 11, 31);
  if (!/\d,/.test(text)) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
  return d.getTime();
}

describe.skipIf(skip)(`search on a 2,000-item site ${skip}`, () => {
  it.each(WIDTHS)(
    'reaches a result beyond the 50th and sorts newest first, at %i px',
    async (width) => {
      const { context, page, problems } = await open(big, 'search/', width);
      try {
        await page.click('#search-q');
        await page.keyboard.type('cybersecurity review');
        await allLoaded(page);
        const total = Number(
          (await status(page)).match(/^([\d,]+) items match/)[1].replace(/,/g, ''),
        );
        expect(total).toBeGreaterThan(100);
        expect(await page.locator('#search-results > li').count()).toBe(50);
        // Snippets are cut around the match, the words marked.
        const snippets = await page
          .locator('#search-results .search-snippet')
          .evaluateAll((ps) => ps.slice(0, 10).map((p) => p.querySelectorAll('mark').length));
        expect(snippets.filter((n) => n > 0).length).toBeGreaterThan(5);
        // "Show more" adds the next 50, and the focus goes to the first of them.
        await page.click('#search-more');
        expect(await page.locator('#search-results > li').count()).toBe(100);
        const focused = await page.evaluate(() => {
          const li = document.activeElement.closest('li');
          return [...li.parentElement.children].indexOf(li);
        });
        expect(focused).toBe(50);
        expect(await status(page)).toContain('showing 100');
        // Newest first: kept in the address; dates never increase down the list.
        await page.selectOption('#search-sort', 'newest');
        expect(new URL(page.url()).searchParams.get('sort')).toBe('newest');
        const dates = await page
          .locator('#search-results .item-facts')
          .evaluateAll((ps) => ps.map((p) => p.textContent.split(' · ')[0]));
        expect(dates.length).toBe(100); // as many as were shown
        const keys = dates.map(dateKey);
        for (let i = 1; i < keys.length; i++) expect(keys[i]).toBeLessThanOrEqual(keys[i - 1]);
        // The address opens the same search.
        await page.reload();
        await allLoaded(page);
        expect(await page.inputValue('#search-q')).toBe('cybersecurity review');
        expect(await page.inputValue('#search-sort')).toBe('newest');
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('fetches nothing of the index before the reader turns to the form, and says it is loading', async () => {
    const { context, page, problems } = await open(big, 'search/', 390);
    try {
      const asked = [];
      page.on('request', (r) => {
        if (/\/search\/\d{4}(\.text)?\.json$/.test(r.url())) asked.push(r.url());
      });
      // Hold the newest year back for a moment, as a slow line would.
      let release;
      const held = new Promise((r) => (release = r));
      await page.route(/\/search\/2004\.json$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.waitForTimeout(1000);
      expect(asked).toEqual([]);
      expect(await status(page)).toBe('');
      await page.focus('#search-q');
      await page.keyboard.type('fine');
      await page.waitForTimeout(300);
      expect(asked.length).toBeGreaterThan(0);
      expect(await status(page)).toBe('Loading the index…');
      expect(await page.getAttribute('#search-status', 'role')).toBe('status');
      release();
      await page.waitForFunction(() =>
        /match/.test(document.getElementById('search-status').textContent),
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('without JavaScript, says so and offers the listings instead of a form that cannot answer', async () => {
    const { context, page } = await open(big, 'search/', 390, { javaScriptEnabled: false });
    try {
      expect(await page.isVisible('#search-form')).toBe(false);
      expect(await page.isVisible('.search-nojs')).toBe(true);
      for (const path of ['legislation/', 'authorities/cac/', 'tags/']) {
        expect(await page.locator(`.search-browse a[href$="${path}"]`).count()).toBeGreaterThan(0);
      }
    } finally {
      await context.close();
    }
  });
});

/** axe's violations (WCAG 2.2 rules included), as `rule: element` lines. */
async function violations(page) {
  const result = await runAxe(page);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe.skipIf(skip)(`what scripts add is accessible too ${skip}`, () => {
  it.each(WIDTHS)(
    'search results, "Show more", an open note and an open menu, at %i px',
    async (width) => {
      const search = await open(big, 'search/?q=privacy', width);
      try {
        await allLoaded(search.page);
        await search.page.click('#search-more');
        expect(await violations(search.page)).toEqual([]);
      } finally {
        await search.context.close();
      }
      const home = await open(own, '', width);
      try {
        await home.page.locator('.note-ref a').first().click();
        expect(await violations(home.page)).toEqual([]);
        await home.page.keyboard.press('Escape');
        if (width < 1000) {
          await home.page.click('.menu > summary');
          expect(await violations(home.page)).toEqual([]);
        }
      } finally {
        await home.context.close();
      }
    },
  );
});

describe.skipIf(skip)(`reading a bulletin ${skip}`, () => {
  it('on a phone: the first story starts within the first screen; the contents fold; the menu opens', async () => {
    const { context, page, problems } = await open(own, '', 390);
    try {
      const y = await page.evaluate(
        () => document.querySelector('.entry h3').getBoundingClientRect().top + scrollY,
      );
      expect(y).toBeLessThan(844);
      expect(await page.getAttribute('#contents', 'open')).toBeNull();
      expect(await page.isVisible('.menu nav a')).toBe(false);
      await page.click('.menu > summary');
      expect(await page.isVisible('.menu nav a')).toBe(true);
      // Each entry's facts on one line of text, not a stack of labels.
      expect(await page.locator('.entry dl').count()).toBe(0);
      expect(await page.locator('.entry .dateline').count()).toBe(14);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('on a desktop: the navigation is one row and the contents are open', async () => {
    const { context, page } = await open(own, '', 1280);
    try {
      expect(await page.isVisible('.menu > summary')).toBe(false);
      const tops = await page
        .locator('.menu nav li')
        .evaluateAll((lis) => [
          ...new Set(lis.map((li) => Math.round(li.getBoundingClientRect().top))),
        ]);
      expect(tops).toHaveLength(1);
      expect(await page.getAttribute('#contents', 'open')).not.toBeNull();
    } finally {
      await context.close();
    }
  });

  it.each(WIDTHS)(
    'shows a note where its number stands, at %i px, and Escape returns',
    async (width) => {
      const { context, page, problems } = await open(own, '', width);
      try {
        const ref = page.locator('.note-ref a').first();
        await ref.scrollIntoViewIfNeeded();
        const before = await page.evaluate(() => scrollY);
        await ref.click();
        const pop = page.locator('.note-pop');
        await expect.poll(() => pop.isVisible()).toBe(true);
        expect(await pop.textContent()).toContain('Note 1');
        expect(await page.evaluate(() => scrollY)).toBe(before); // no jump to the end of the page
        const box = await pop.boundingBox();
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        await page.keyboard.press('Escape');
        await expect.poll(() => pop.isVisible()).toBe(false);
        expect(await page.evaluate(() => document.activeElement.getAttribute('href'))).toBe(
          '#note-1',
        );
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
