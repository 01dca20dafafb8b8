// The fines tracker and search in a real browser (Debian's chromium driven by
// playwright-core): sort and filter the table with the state in the address,
// type a query and see the expected item first. Skipped when there is no
// /usr/bin/chromium.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSite, run } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const FIXTURE = join(import.meta.dirname, '../fixtures/readers-b');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
};

/** Serves a built site at `/digest/`, as its baseUrl says. */
function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith('/digest/')) return void res.writeHead(404).end();
    path = normalize(path.slice('/digest'.length));
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = readFileSync(join(root, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(!existsSync(CHROMIUM))('fines tracker and search in Chromium', () => {
  let work: string;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  const errors: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'gazette-readers-b-'));
    const [result, launched] = await Promise.all([
      run('build', '--root', FIXTURE, '--out', join(work, 'out')),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      }),
    ]);
    browser = launched;
    expect(result.code).toBe(0);
    server = await serve(join(work, 'out'));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/digest/`;
    page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (work) removeSite(work);
  });

  // Amounts are written with no-break spaces; compared here as plain text.
  const visible = async (column: number) =>
    (
      await page
        .locator(`#fines-table tbody tr:not([hidden]) td:nth-child(${column})`)
        .allTextContents()
    ).map((text) => text.replace(/\u00a0/g, ' '));
  const query = () => new URL(page.url()).searchParams.toString();
  /** The status line as text: its figures are written with no-break spaces. */
  const status = async () =>
    ((await page.locator('#fines-status').textContent()) ?? '').replace(/\u00a0/g, ' ');

  it('sorts the table by a column, both ways, keeping the order in the address', async () => {
    await page.goto(`${base}fines/`);
    await expect
      .poll(status)
      // In the page's own unit for each currency, as its tables write them.
      .toBe(
        'Showing all 8 fines, totalling RMB 26,271,590,000, EUR 150.00 million and USD 150.00 million.',
      );
    expect(await page.locator('#fines-filter').isVisible()).toBe(true);
    const amount = page.locator('th[data-key="amount"]');
    // The first sort fetches the rows (table.json), then sorts them.
    await amount.getByRole('button').click();
    await expect.poll(() => amount.getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('th[data-key="date"]').getAttribute('aria-sort')).toBeNull();
    // Within each currency, largest first; the currencies keep the page's order.
    expect(await visible(4)).toEqual([
      // The page's one unit for each currency: RMB in full, EUR and USD in millions.
      'RMB 18,228,000,000',
      'RMB 8,026,000,000',
      'RMB 16,740,000',
      'RMB 500,000',
      'RMB 300,000',
      'RMB 50,000',
      'EUR 150.00 million',
      'USD 150.00 million',
    ]);
    expect(query()).toBe('sort=amount&order=desc');
    await amount.getByRole('button').click();
    expect(await amount.getAttribute('aria-sort')).toBe('ascending');
    expect((await visible(4))[0]).toBe('RMB 50,000');
    await page.locator('th[data-key="party"]').getByRole('button').click();
    expect((await visible(2)).slice(0, 3)).toEqual([
      'Alibaba Group Holding Limited',
      'Bank of East Asia (China) Co., Ltd.; Mr. Li',
      'Bank of East Asia (China) Co., Ltd.; Mr. Li',
    ]);
    expect(query()).toBe('sort=party&order=asc');
  });

  it('filters by authority, year, currency and amount, and a reload keeps the view', async () => {
    await page.goto(`${base}fines/`);
    await page.selectOption('#fines-authority', 'samr');
    await expect.poll(status).toBe('Showing 2 of 8 fines, totalling RMB 18,228,500,000.');
    expect(query()).toBe('authority=samr');
    await page.selectOption('#fines-authority', '');
    await page.selectOption('#fines-year', '2022');
    await page.fill('#fines-max', '1m');
    expect(await visible(4)).toEqual(['RMB 50,000', 'RMB 300,000']);
    expect(query()).toBe('year=2022&max=1m');

    await page.goto(
      `${base}fines/?authority=cac&currency=CNY&min=1%2C000%2C000&sort=date&order=asc`,
    );
    expect(await page.locator('#fines-authority').inputValue()).toBe('cac');
    expect(await page.locator('#fines-min').inputValue()).toBe('1,000,000');
    expect(await visible(5)).toEqual(['Ride-Hailing Platform Fined After Cybersecurity Review']);
    expect(await page.locator('th[data-key="date"]').getAttribute('aria-sort')).toBe('ascending');

    await page.goto(`${base}fines/?min=lots`);
    expect(await page.locator('#fines-min').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#fines-status').textContent()).toContain('could not be read');
  });

  it('filters by free text on the party, every word, and by it with the rest', async () => {
    await page.goto(`${base}fines/`);
    await page.fill('#fines-q', 'east asia');
    await expect.poll(status).toBe('Showing 2 of 8 fines, totalling RMB 16,790,000.');
    expect(await visible(2)).toEqual([
      'Bank of East Asia (China) Co., Ltd.; Mr. Li',
      'Bank of East Asia (China) Co., Ltd.; Mr. Li',
    ]);
    expect(query()).toBe('q=east+asia');
    await page.fill('#fines-q', 'east nowhere');
    await expect.poll(status).toBe('Showing 0 of 8 fines.');
    await page.goto(`${base}fines/?q=GOOGLE`);
    await expect.poll(() => visible(2)).toEqual(['Google LLC']);
    expect(await page.locator('#fines-q').inputValue()).toBe('GOOGLE');
  });

  it('sorts the totals by authority by any column, ranked by amount until then', async () => {
    await page.goto(`${base}fines/`);
    const table = page.locator('#fines-by-authority');
    const names = () => table.locator('tbody th').allTextContents();
    const ranked = await names();
    expect(ranked.slice(0, 2)).toEqual(['SAMR', 'CAC']);
    await table.locator('thead th').first().getByRole('button').click();
    expect(await names()).toEqual([...ranked].sort((a, b) => a.localeCompare(b, 'en')));
    expect(await table.locator('thead th').first().getAttribute('aria-sort')).toBe('ascending');
    expect(await table.locator('.fines-order').textContent()).toBe(', by name, A to Z');
    const rmb = table.locator('thead th').nth(1);
    await rmb.getByRole('button').click();
    expect(await names()).toEqual(ranked);
    expect(await rmb.getAttribute('aria-sort')).toBe('descending');
    await rmb.getByRole('button').click();
    // Smallest first; an authority with no fine in RMB comes first, as the smallest.
    expect((await names()).at(-1)).toBe('SAMR');
  });

  it('says so when the rows cannot be fetched, and leaves the table as the page has it', async () => {
    await page.route('**/fines/table.json', (route) => route.fulfill({ status: 500, body: '' }));
    await page.goto(`${base}fines/`);
    await page.locator('th[data-key="amount"]').getByRole('button').click();
    await expect.poll(status).toContain('could not be loaded');
    expect(await page.locator('#fines-table tbody tr').count()).toBe(8);
    expect(await page.locator('th[data-key="date"]').getAttribute('aria-sort')).toBe('descending');
    await page.unroute('**/fines/table.json');
  });

  it('searches as you type, best match first, with the matches marked', async () => {
    await page.goto(`${base}search/`);
    await page.locator('#search-q').pressSequentially('cooki');
    const first = page.locator('#search-results li').first();
    await expect.poll(() => first.locator('a').getAttribute('href')).toBe('../items/cnil-fine/');
    expect(await first.locator('mark').allTextContents()).toEqual(['Cookie', 'cookies']);
    await expect
      .poll(() => page.locator('#search-status').textContent())
      .toBe('1 item matches “cooki”.');
    expect(query()).toBe('q=cooki');
  });

  it('filters by section and authority, from a shared address too', async () => {
    await page.goto(`${base}search/?q=market+regulation&authority=samr`);
    await expect
      .poll(() =>
        page
          .locator('#search-results li a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      )
      .toEqual(['../items/alibaba-antitrust/', '../items/joint-fine/']);
    await page.selectOption('#search-section', 'courts');
    await expect
      .poll(() => page.locator('#search-status').textContent())
      .toBe('No items match “market regulation”.');
    await page.fill('#search-q', '数据');
    await page.selectOption('#search-section', '');
    await page.selectOption('#search-authority', '');
    await expect
      .poll(() => page.locator('#search-results li a').first().textContent())
      .toBe('Security Assessment Measures for Outbound Data Transfers');
    expect(errors).toEqual([]);
  });
});
