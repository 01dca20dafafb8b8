// Accessibility: axe-core's source injected into each page, axe.run with its
// default rule set (WCAG 2.x A/AA and best practices) and the WCAG 2.2 A/AA
// rules axe leaves off by default (target-size), at each viewport.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openPage } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_VERSION = require('axe-core/package.json').version;

/** Phone and desktop in the light scheme, and a phone in the dark one (the theme has both). */
export const VIEWPORTS = [
  { name: '390', width: 390, height: 844, colorScheme: 'light' },
  { name: '1280', width: 1280, height: 900, colorScheme: 'light' },
  { name: '390-dark', width: 390, height: 844, colorScheme: 'dark' },
];

/**
 * @param {import('playwright-core').Browser} browser
 * @param {{name: string, url: string, expectStatus?: number, rulesOff?: string[]}[]} pages
 * @param {{viewports?: typeof VIEWPORTS}} [options]
 */
export async function checkA11y(browser, pages, { viewports = VIEWPORTS } = {}) {
  const violations = [];
  const loadProblems = [];
  const rules = new Set();
  let runs = 0;
  const incomplete = new Set();
  // One browser context per viewport, run side by side (Chromium renders in
  // its own processes, so this uses both cores); pages in order within each.
  await Promise.all(
    viewports.map(async (viewport) => {
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        colorScheme: viewport.colorScheme,
        reducedMotion: 'reduce',
      });
      try {
        for (const target of pages) {
          const { page, problems } = await openPage(context, target.url, target);
          try {
            for (const problem of problems) {
              loadProblems.push({ page: target.name, viewport: viewport.name, problem });
            }
            const result = await runAxe(page, target.rulesOff ?? []);
            runs++;
            for (const group of ['passes', 'violations', 'incomplete', 'inapplicable']) {
              for (const rule of result[group]) rules.add(rule.id);
            }
            for (const r of result.incomplete) incomplete.add(r.id);
            for (const v of result.violations) {
              for (const node of v.nodes) {
                violations.push({
                  page: target.name,
                  viewport: viewport.name,
                  rule: v.id,
                  impact: node.impact ?? v.impact ?? '',
                  help: v.help,
                  helpUrl: v.helpUrl,
                  target: node.target.map(String).join(' '),
                  html: node.html,
                  summary: node.failureSummary ?? '',
                });
              }
            }
          } finally {
            await page.close();
          }
        }
      } finally {
        await context.close();
      }
    }),
  );
  const order = (v) => `${v.page}\u0000${v.viewport}\u0000${v.rule}\u0000${v.target}`;
  violations.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return {
    runs,
    rules: [...rules].sort(),
    incomplete: [...incomplete].sort(),
    violations,
    loadProblems,
  };
}

/** WCAG 2.2's tags in axe: its rules for 2.2 are off by default. */
export const WCAG22_TAGS = ['wcag22a', 'wcag22aa'];

/** Injects axe-core (unless present) and runs it over the whole document. */
export async function runAxe(page, rulesOff = []) {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    ({ rulesOff, tags }) => {
      // @ts-ignore: axe is injected above
      const axe = window.axe;
      const rules = {};
      for (const rule of axe.getRules(tags)) rules[rule.ruleId] = { enabled: true };
      for (const id of rulesOff) rules[id] = { enabled: false };
      return axe.run(document, { resultTypes: ['violations', 'incomplete'], rules });
    },
    { rulesOff, tags: WCAG22_TAGS },
  );
}
