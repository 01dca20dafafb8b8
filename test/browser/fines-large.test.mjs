// The fines tracker of a generated site of 9,000 items (2,100 fines) in
// Chromium: on a 390 px phone each fine is a card inside the screen, its
// amount on the first line; sorting by amount and filtering by free text on a
// CPU slowed 4× (Emulation.setCPUThrottlingRate) are measured and printed. The
// issue's aim is 100 ms; the bound asserted here is far looser, so that a busy
// machine cannot fail it. Skipped without /usr/bin/chromium.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSite } from '../../scripts/gen-site.mjs';
import { hasChromium, launchBrowser } from '../../scripts/verify/browser.mjs';
import { serve } from '../../scripts/verify/server.mjs';
import { repo } from './site.mjs';

const RUNS = 7;
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const round = (ms) => Math.round(ms * 10) / 10;

describe.skipIf(!hasChromium())('the fines tracker with 2,100 fines', () => {
  let work, out, server, browser, rows;
  const errors = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'gazette-fines-large-'));
    generateSite({ items: 9000, out: join(work, 'site') });
    out = join(work, 'out');
    const build = spawnSync(
      process.execPath,
      [join(repo, 'bin/gazette.js'), 'build', '--root', join(work, 'site'), '--out', out],
      { encoding: 'utf8' },
    );
    expect(build.status, build.stderr).toBe(0);
    rows = JSON.parse(readFileSync(join(out, 'fines/table.json'), 'utf8')).rows;
    server = await serve(out);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function open(width) {
    const page = await browser.newPage({ viewport: { width, height: 844 } });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}fines/`);
    return page;
  }

  it('has at least 2,000 fines', () => {
    expect(rows.length).toBeGreaterThanOrEqual(2000);
  });

  it('shows each fine as a card inside a 390 px screen, the amount its first line', async () => {
    const page = await open(390);
    const cards = await page.evaluate(() =>
      [...document.querySelectorAll('#fines-table tbody tr')].map((tr) => {
        const box = tr.getBoundingClientRect();
        const amount = tr.querySelector('.fines-amount').getBoundingClientRect();
        const others = [...tr.cells].filter((td) => !td.classList.contains('fines-amount'));
        return {
          right: box.right,
          left: box.left,
          height: box.height,
          amountFirst:
            amount.top - box.top < 16 &&
            others.every((td) => td.getBoundingClientRect().top >= amount.bottom - 1),
          bold: Number(getComputedStyle(tr.querySelector('.fines-amount')).fontWeight) >= 600,
        };
      }),
    );
    expect(cards).toHaveLength(50);
    for (const card of cards) {
      expect(card.left).toBeGreaterThanOrEqual(0);
      expect(card.right).toBeLessThanOrEqual(390);
      expect(card.amountFirst).toBe(true);
      expect(card.bold).toBe(true);
    }
    const figures = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      elements: document.getElementsByTagName('*').length,
      brand: document.querySelector('.brand').getBoundingClientRect().left,
      heading: document.querySelector('main h1').getBoundingClientRect().left,
    }));
    expect(figures.scrollWidth).toBeLessThanOrEqual(390);
    expect(figures.heading).toBe(figures.brand);
    const heights = cards.map((c) => c.height);
    console.log(
      `fines tracker at 390 px: cards ${Math.round(Math.min(...heights))}–${Math.round(Math.max(...heights))} px tall (median ${Math.round(median(heights))}); ` +
        `/fines/ ${statSync(join(out, 'fines/index.html')).size} bytes, ${figures.elements} elements; ` +
        `table.json ${statSync(join(out, 'fines/table.json')).size} bytes`,
    );
    await page.close();
  });

  it('lines the page up with the masthead at 1280 px', async () => {
    const page = await open(1280);
    const edges = await page.evaluate(() => ({
      brand: document.querySelector('.brand').getBoundingClientRect().left,
      heading: document.querySelector('main h1').getBoundingClientRect().left,
      table: document.getElementById('fines-table').getBoundingClientRect().left,
    }));
    expect(edges.heading).toBe(edges.brand);
    expect(edges.table).toBe(edges.brand);
    await page.close();
  });

  it('pages the sorted view with the script, its size and page in the address', async () => {
    const page = await open(1280);
    const status = () => page.locator('#fines-status').textContent();
    const count = () => page.locator('#fines-table tbody tr').count();
    const all = rows.length.toLocaleString('en');
    await page.locator('th[data-key="party"] button').click();
    await expect.poll(status).toContain(`Page 1 of 42: fines 1–50.`);
    await page.locator('#fines-per a[data-per="100"]').click();
    await expect.poll(count).toBe(100);
    expect(await status()).toContain(`Showing all ${all} fines`);
    expect(await status()).toContain('Page 1 of 21: fines 1–100.');
    await page.locator('#fines-pages a[rel="next"]').click();
    await expect.poll(status).toContain('Page 2 of 21: fines 101–200.');
    expect(new URL(page.url()).search).toBe('?sort=party&order=asc&per=100&page=2');
    // A–Z by party, across the pages: the page's first follows the last of the one before.
    const parties = rows
      .map((r) => r[4])
      .sort(new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare);
    expect(await page.locator('#fines-table tbody td.fines-party').first().textContent()).toBe(
      parties[100],
    );
    expect(await page.locator('#fines-per a[aria-current]').textContent()).toBe('100');
    // The address is the view: a reload shows it again.
    await page.reload();
    await expect.poll(status).toContain('Page 2 of 21: fines 101–200.');
    expect(await count()).toBe(100);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sorts by amount and filters by free text quickly on a CPU slowed 4×', async () => {
    const page = await open(390);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    // The rows arrive at the first use of the form; timed, then every action on them.
    const loaded = await page.evaluate(async () => {
      const start = performance.now();
      document.getElementById('fines-q').focus();
      const response = await fetch(document.getElementById('fines-table').dataset.src);
      await response.json();
      return performance.now() - start;
    });
    /** Runs `act` in the page and times it to the end of the layout it causes. */
    const time = (act) =>
      page.evaluate(async (source) => {
        const start = performance.now();
        new Function(source)();
        // The script answers in a promise's callback, queued before this one.
        await null;
        await null;
        void document.body.offsetHeight;
        return performance.now() - start;
      }, act);
    const click = (key) => `document.querySelector('th[data-key="${key}"] button').click()`;
    // The script's own fetch, begun at the focus, is over once a sort is drawn.
    await page.evaluate(click('amount'));
    await expect
      .poll(() => page.locator('th[data-key="amount"]').getAttribute('aria-sort'))
      .toBe('descending');
    // The first sort by a column works out its order once (by name: the slowest).
    const firstByParty = await time(click('party'));
    const clickAmount = click('amount');
    const sorts = [];
    for (let k = 0; k < RUNS; k++) sorts.push(await time(clickAmount));
    // After an odd number of clicks: largest first, as table.json says.
    const largest = rows.reduce((a, b) =>
      BigInt(b[8].replace('.', '')) > BigInt(a[8].replace('.', '')) ? b : a,
    );
    expect(
      (await page.locator('#fines-table tbody td.fines-amount').first().textContent()).replace(
        /\u00a0/g,
        ' ',
      ),
    ).toBe(largest[9].replace(/\u00a0/g, ' '));
    const words = ['media', 'media tech', 'payment', 'co', 'shanghai media', ''];
    const filters = [];
    for (let k = 0; k < RUNS; k++) {
      const word = words[k % words.length];
      filters.push(
        await time(
          `const q = document.getElementById('fines-q'); q.value = ${JSON.stringify(word)}; q.dispatchEvent(new Event('input', { bubbles: true }));`,
        ),
      );
    }
    await page.fill('#fines-q', 'media tech');
    const matching = rows.filter((r) =>
      ['media', 'tech'].every((w) => `${r[4]}\n${r[13]}`.toLowerCase().includes(w)),
    ).length;
    await expect
      .poll(() => page.locator('#fines-status').textContent())
      .toMatch(
        new RegExp(
          `^Showing ${matching.toLocaleString('en')} of ${rows.length.toLocaleString('en')} fines`,
        ),
      );
    console.log(
      `fines tracker, ${rows.length} fines, CPU 4× slower: table.json fetched and read in ${Math.round(loaded)} ms; ` +
        `first sort by party ${round(firstByParty)} ms; sort by amount ${sorts.map(round).join(', ')} ms (median ${round(median(sorts))}); ` +
        `free-text filter ${filters.map(round).join(', ')} ms (median ${round(median(filters))})`,
    );
    // Far above the 100 ms aimed at: a regression to sorting the DOM would cross it.
    expect(median(sorts)).toBeLessThan(1000);
    expect(median(filters)).toBeLessThan(1000);
    expect(errors).toEqual([]);
    await page.close();
  });
});
