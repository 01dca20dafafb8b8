// The quality gates over a list of finished builds: HTML validity (all builds
// in one Nu HTML Checker run), internal links, feeds and sitemap, and in
// Chromium: axe-core and a clean page load (no console errors, no failed
// requests) on a sample of pages of every kind. Returns figures and failures;
// printing is report.mjs's job.
import { AXE_VERSION, VIEWPORTS, checkA11y } from './a11y.mjs';
import { launchBrowser } from './browser.mjs';
import { checkFeeds } from './feeds.mjs';
import { checkHtml } from './html.mjs';
import { checkLinks } from './links.mjs';
import { pickPages } from './pages.mjs';
import { htmlExemption } from './policy.mjs';
import { serve } from './server.mjs';

/**
 * @typedef {{label: string, out: string, siteUrl: string, browser?: boolean}} Build
 *   siteUrl: the public address it was built for (its path is the base path);
 *   browser: whether axe and the load check visit it
 * @typedef {{check: string, build: string, page: string, where?: string, message: string, detail?: string[]}} Failure
 */

/**
 * @param {Build[]} builds
 * @param {{allPages?: boolean, viewports?: typeof VIEWPORTS, log?: (line: string) => void}} [options]
 */
export async function runGates(
  builds,
  { allPages = false, viewports = VIEWPORTS, log = () => {} } = {},
) {
  /** @type {Failure[]} */
  const failures = [];
  const figures = { html: null, links: [], feeds: [], a11y: [] };
  const timings = {};
  const timed = async (name, fn) => {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = (performance.now() - started) / 1000;
    }
  };

  // The JVM runs beside the rest: started first, awaited last.
  const htmlRun = timed('html', () => checkHtml(builds.map((b) => b.out)));
  htmlRun.catch(() => {}); // handled below

  await timed('links', () => {
    for (const build of builds) {
      const result = checkLinks(build.out, basePathOf(build));
      figures.links.push({
        build: build.label,
        pages: result.pages,
        links: result.links,
        broken: result.broken.length,
      });
      for (const b of result.broken) {
        failures.push({
          check: 'link',
          build: build.label,
          page: b.page,
          message: `href="${b.href}": ${b.reason}`,
          detail: [b.element],
        });
      }
    }
  });

  await timed('feeds', () => {
    for (const build of builds) {
      const result = checkFeeds(build.out, build.siteUrl);
      figures.feeds.push({ build: build.label, files: result.files, errors: result.errors.length });
      for (const e of result.errors)
        failures.push({ check: 'feed', build: build.label, page: e.file, message: e.message });
    }
  });

  const visited = builds.filter((b) => b.browser);
  if (visited.length > 0) {
    await timed('browser', async () => {
      const browser = await launchBrowser();
      try {
        for (const build of visited) {
          const server = await serve(build.out, basePathOf(build));
          try {
            const pages = pickPages(build.out, { all: allPages }).map((p) => ({
              ...p,
              url: server.url + p.path,
            }));
            log(`  axe: ${build.label}: ${pages.length} pages × ${viewports.length} viewports …`);
            const t = performance.now();
            const result = await checkA11y(browser, pages, { viewports });
            const seconds = (performance.now() - t) / 1000;
            figures.a11y.push({
              build: build.label,
              pages,
              viewports: viewports.map((v) => v.name),
              seconds,
              ...result,
            });
            for (const v of result.violations) {
              failures.push({
                check: 'axe',
                build: build.label,
                page: v.page,
                where: `@${v.viewport}`,
                message: `${v.rule} (${v.impact}): ${v.help}`,
                detail: [
                  `element: ${v.target}`,
                  `html: ${v.html}`,
                  ...v.summary
                    .split('\n')
                    .filter(Boolean)
                    .map((l) => `  ${l.trim()}`),
                  v.helpUrl,
                ],
              });
            }
            for (const p of result.loadProblems) {
              failures.push({
                check: 'load',
                build: build.label,
                page: p.page,
                where: `@${p.viewport}`,
                message: p.problem,
              });
            }
          } finally {
            await server.close();
          }
        }
      } finally {
        await browser.close();
      }
    });
  }

  const html = await htmlRun;
  const exempted = new Map();
  const errors = html.errors.filter((e) => {
    const exemption = htmlExemption(e.page, e.message);
    if (exemption) exempted.set(exemption.why, (exempted.get(exemption.why) ?? 0) + 1);
    return !exemption;
  });
  figures.html = {
    pages: html.files,
    stylesheets: html.css,
    errors: errors.length,
    exempted: [...exempted],
  };
  for (const e of errors) {
    const build = builds.find((b) => b.out === e.dir)?.label ?? '';
    failures.push({
      check: 'html',
      build,
      page: e.page,
      where: `${e.line}:${e.column}`,
      message: e.message,
      detail: e.extract ? [e.extract] : [],
    });
  }
  return { figures, failures, timings, axeVersion: AXE_VERSION };
}

export function basePathOf(build) {
  return new URL(build.siteUrl).pathname;
}
