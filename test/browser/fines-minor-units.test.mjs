// The fines tracker's script with currencies whose minor unit is not a
// hundredth: yen (none), dinars (three digits). Its totals and amount filter
// must keep each currency's own digits. Skipped without /usr/bin/chromium.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { item, makeSite, removeSite, run } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('fines tracker totals in minor units', () => {
  let root, server, browser, page, base;
  const errors = [];

  beforeAll(async () => {
    root = makeSite({
      'data/authorities.yaml': 'cac:\n  name: Cyberspace Administration of China\n',
      'content/bulletins/2022-02.md': '---\ndate: 2022-02-17\ncovers: 2022-01\n---\nBrief.\n',
      'content/items/yen-a.md': item({ title: 'Yen A', date: '2022-01-03', fine: 'JPY 300,000' }),
      'content/items/yen-b.md': item({
        title: 'Yen B',
        date: '2022-01-04',
        fine: 'JPY 1.5 million',
      }),
      'content/items/dinar-a.md': item({
        title: 'Dinar A',
        date: '2022-01-05',
        fine: 'KWD 1,234.567',
      }),
      'content/items/dinar-b.md': item({
        title: 'Dinar B',
        date: '2022-01-06',
        fine: 'KWD 0.5000',
      }),
    });
    const result = await run('build', '--root', root);
    expect(result.code).toBe(0);
    const out = join(root, 'dist');
    server = createServer((req, res) => {
      let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      if (path.endsWith('/')) path += 'index.html';
      try {
        const type = path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
        res.writeHead(200, { 'content-type': type }).end(readFileSync(join(out, path)));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (root) removeSite(root);
  });

  // Figures are written with no-break spaces, in the page's one unit for each currency.
  const status = async () =>
    ((await page.locator('#fines-status').textContent()) ?? '').replace(/\u00a0/g, ' ');

  it('adds each currency in its own minor units', async () => {
    await page.goto(`${base}fines/`);
    await expect
      .poll(status)
      .toBe('Showing all 4 fines, totalling JPY 1,800,000 and KWD 1,235.067.');
    expect(errors).toEqual([]);
  });

  it('filters by amount across currencies of different digits', async () => {
    await page.goto(`${base}fines/?min=1000`);
    await expect
      .poll(status)
      .toBe('Showing 3 of 4 fines, totalling JPY 1,800,000 and KWD 1,234.567.');
    await page.goto(`${base}fines/?max=1`);
    await expect.poll(status).toBe('Showing 1 of 4 fines, totalling KWD 0.500.');
    expect(errors).toEqual([]);
  });

  it('takes a sort from the address only when it names a column', async () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      await page.goto(`${base}fines/?sort=${name}`);
      await expect
        .poll(() => page.locator('#fines-table .fines-order').textContent())
        .toBe(', by date, newest first');
    }
    expect(errors).toEqual([]);
  });
});
