#!/usr/bin/env node
// npm run screenshots [-- --root DIR --out DIR]
//
// Builds a site (this repository's by default) into a temporary folder, serves
// it on 127.0.0.1 and writes, for reviewers, into screenshots/:
//   <kind>-390.png, <kind>-1280.png   one page of each kind, full length, phone and desktop
//   <kind>-390-dark.png               home and bulletin in the dark scheme
//   bulletin-print.png, bulletin.pdf  the latest bulletin as it prints (A4)
// Fails (exit 1) if a page logs a console error, throws, or a request fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchBrowser, openPage } from './verify/browser.mjs';
import { pickPages } from './verify/pages.mjs';
import { serve } from './verify/server.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    root: { type: 'string', default: repo },
    out: { type: 'string', default: join(repo, 'screenshots') },
    'base-url': { type: 'string', default: 'https://example.org/' },
  },
});
const say = (line) => process.stdout.write(`${line}\n`);

const work = mkdtempSync(join(tmpdir(), 'gazette-screenshots-'));
const site = join(work, 'site');
const build = spawnSync(
  process.execPath,
  [
    join(repo, 'bin/gazette.js'),
    'build',
    '--root',
    resolve(args.root),
    '--out',
    site,
    '--base-url',
    args['base-url'],
  ],
  { encoding: 'utf8' },
);
if (build.status !== 0) {
  process.stderr.write(
    `screenshots: the build failed (run npm run compile first?):\n${build.stdout}${build.stderr}`,
  );
  process.exit(2);
}
mkdirSync(args.out, { recursive: true });

// One page of each kind: the first the sampler lists (home first).
const byKind = new Map();
for (const page of pickPages(site)) if (!byKind.has(page.kind)) byKind.set(page.kind, page);
const fileName = (kind) => kind.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

const server = await serve(site, new URL(args['base-url']).pathname);
const browser = await launchBrowser();
const problems = [];
const written = [];
async function shoot(page, name, viewport, { colorScheme = 'light', print = false } = {}) {
  const context = await browser.newContext({
    viewport: { width: viewport, height: 900 },
    colorScheme,
    reducedMotion: 'reduce',
  });
  try {
    const { page: tab, problems: found } = await openPage(context, server.url + page.path, page);
    for (const p of found) problems.push(`${page.name} @${viewport}${print ? ' print' : ''}: ${p}`);
    if (print) await tab.emulateMedia({ media: 'print' });
    const file = join(args.out, `${name}.png`);
    await tab.screenshot({ path: file, fullPage: true });
    written.push(file);
    if (print) {
      const pdf = join(args.out, `${name.replace(/-print$/, '')}.pdf`);
      await tab.pdf({ path: pdf, format: 'A4', printBackground: false });
      written.push(pdf);
    }
  } finally {
    await context.close();
  }
}

try {
  for (const [kind, page] of byKind) {
    for (const width of [390, 1280]) await shoot(page, `${fileName(kind)}-${width}`, width);
    if (kind === 'home' || kind === 'bulletin') {
      await shoot(page, `${fileName(kind)}-390-dark`, 390, { colorScheme: 'dark' });
    }
  }
  const bulletin = byKind.get('bulletin');
  if (bulletin) await shoot(bulletin, 'bulletin-print', 794, { print: true }); // A4 at 96 dpi
} finally {
  await browser.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}

say(`screenshots: ${written.length} files in ${relative(process.cwd(), args.out) || '.'}/`);
for (const [kind, page] of byKind) say(`  ${kind.padEnd(20)} ${page.name}`);
if (problems.length > 0) {
  say(`\n${problems.length} problems while rendering:`);
  for (const p of problems) say(`✗ ${p}`);
  process.exitCode = 1;
} else say('no console errors, exceptions or failed requests');
