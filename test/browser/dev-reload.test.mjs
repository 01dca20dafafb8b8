// gazette dev in a real browser: an open page reloads by itself after an edit,
// shows a content error over the page, and clears it once the file is fixed.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../../scripts/verify/browser.mjs';
import { repo, skipReason } from './site.mjs';

const skip = skipReason(hasChromium(), 'Chromium (/usr/bin/chromium)');

const item = (title, category = 'enforcement') =>
  `---\ntitle: ${title}\ndate: 2022-01-10\ncategory: ${category}\n---\nThe body of ${title}.\n`;

let root;
let dev;
let port;
let browser;

beforeAll(async () => {
  if (skip) return;
  root = mkdtempSync(join(tmpdir(), 'gazette-dev-browser-'));
  const files = {
    'content/bulletins/2022-02.md': '---\ndate: 2022-02-17\n---\nIntro.\n',
    'content/items/alpha.md': item('Alpha first version'),
    'content/items/beta.md': item('Beta stays', 'courts'),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  dev = spawn(
    process.execPath,
    [join(repo, 'bin/gazette.js'), 'dev', '--root', root, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  port = await new Promise((resolve, reject) => {
    let out = '';
    dev.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    dev.once('exit', (code) => reject(new Error(`gazette dev exited ${code}: ${out}`)));
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  // The folder goes once the server has exited: until then it may still write there.
  if (dev && dev.exitCode === null && dev.signalCode === null) {
    const exited = new Promise((resolve) => dev.once('exit', resolve));
    dev.kill('SIGTERM');
    await exited;
  }
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(skip)('gazette dev in Chromium', () => {
  it('reloads an open page after its item is edited, and only that page', async () => {
    const page = await browser.newPage();
    const other = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/items/alpha/`);
    await other.goto(`http://127.0.0.1:${port}/items/beta/`);
    await expect.poll(() => page.evaluate(() => document.readyState)).toBe('complete');
    // Marks that survive only as long as no reload happens.
    await page.evaluate(() => (window.__mark = 'before'));
    await other.evaluate(() => (window.__mark = 'before'));
    await page.waitForTimeout(300); // the EventSource connects

    writeFileSync(join(root, 'content/items/alpha.md'), item('Alpha second version'));
    await page.waitForFunction(
      () => document.querySelector('h1')?.textContent === 'Alpha second version',
      null,
      {
        timeout: 10_000,
      },
    );
    expect(await page.evaluate(() => window.__mark)).toBeUndefined();
    expect(await other.evaluate(() => window.__mark)).toBe('before');
    await page.close();
    await other.close();
  });

  it('shows a content error over the page, keeps the last good page, and clears it when fixed', async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/items/alpha/`);
    await page.waitForTimeout(300);

    writeFileSync(
      join(root, 'content/items/alpha.md'),
      '---\ntitle: Alpha\ndate: 2022-02-30\ncategory: enforcement\n---\nx\n',
    );
    const overlay = page.locator('#gazette-errors');
    await overlay.waitFor({ timeout: 10_000 });
    expect(await overlay.textContent()).toContain(
      'content/items/alpha.md:3:7: error[date-invalid]',
    );
    expect(await page.locator('h1').textContent()).toBe('Alpha second version');

    writeFileSync(join(root, 'content/items/alpha.md'), item('Alpha third version'));
    await page.waitForFunction(
      () => document.querySelector('h1')?.textContent === 'Alpha third version',
      null,
      {
        timeout: 10_000,
      },
    );
    await expect.poll(() => page.locator('#gazette-errors').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
