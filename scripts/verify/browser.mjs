// Debian's headless Chromium driven by playwright-core (which never downloads
// a browser of its own). CHROMIUM=/path overrides the executable.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function hasChromium() {
  return existsSync(CHROMIUM);
}

export async function launchBrowser() {
  if (!hasChromium()) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM=/path`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Opens `url` in a new page of `context` and records what went wrong while it
 * loaded: console errors, uncaught exceptions and failed or 4xx/5xx requests
 * (except the document's own status when `expectStatus` says it is wanted).
 * @returns {Promise<{page: import('playwright-core').Page, problems: string[]}>}
 */
export async function openPage(context, url, { expectStatus = 200 } = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // Chromium logs the document's own 404 as a console error: wanted on the 404 page.
    if (expectStatus === 404 && /status of 404/.test(text) && msg.location().url === url) return;
    if (isAutoFavicon(msg.location().url)) return;
    problems.push(`console error: ${text}${where(msg.location())}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on('requestfailed', (req) =>
    problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`),
  );
  page.on('response', (res) => {
    const status = res.status();
    const isDocument =
      res.request().isNavigationRequest() && res.request().frame() === page.mainFrame();
    if (isDocument) {
      if (status !== expectStatus && !(status >= 300 && status < 400)) {
        problems.push(`document status ${status}, expected ${expectStatus}`);
      }
    } else if (status >= 400 && !isAutoFavicon(res.url())) {
      problems.push(`${res.url()}: HTTP ${status}`);
    }
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

/**
 * Chromium asks the origin's root for /favicon.ico by itself when a page names
 * no icon; under a sub-path that is another site's address, not the page's.
 */
function isAutoFavicon(url) {
  return typeof url === 'string' && /^https?:\/\/[^/]+\/favicon\.ico$/.test(url);
}

function where(location) {
  return location?.url ? ` (${location.url}:${location.lineNumber + 1})` : '';
}
