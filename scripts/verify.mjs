#!/usr/bin/env node
// npm run verify [-- --items 300 --gen PATH --all-pages --keep]
// npm run verify -- --dir OUT --base-url URL     (check one finished build)
//
// The publishing quality gates (README, "Quality gates"): compiles the CLI,
// builds this repository's site and a generated site of --items items, each at
// the root of a domain and under /digest/, then checks every page: Nu HTML
// Checker, internal links and #fragments, sitemap/feeds, and axe-core plus a
// clean load in Debian's headless Chromium. Prints what it checked and every
// failure with its page and element; exits 1 on any failure, 2 when it cannot
// run (no Java, no Chromium, no corpus generator, a build that fails or makes
// another number of items than its content holds). The generated site comes
// from scripts/gen-site.mjs unless --gen or GAZETTE_CORPUS_GEN names another.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runGates } from './verify/gates.mjs';
import { walk } from './verify/links.mjs';
import { formatReport } from './verify/report.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '300' },
    gen: {
      type: 'string',
      default: process.env.GAZETTE_CORPUS_GEN ?? join(repo, 'scripts/gen-site.mjs'),
    },
    'all-pages': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    dir: { type: 'string' },
    'base-url': { type: 'string', default: 'https://example.org/' },
  },
});
const started = performance.now();
const say = (line) => process.stdout.write(`${line}\n`);

/** Exit 2: verify could not run, which is not the site's fault. */
function cannot(message) {
  process.stderr.write(`verify: cannot run: ${message}\n`);
  process.exit(2);
}

function timedStep(label, fn) {
  const t = performance.now();
  const detail = fn();
  say(
    `  ${label.padEnd(44)} ${detail ? `${detail}  ` : ''}${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}

function run(what, command, argv) {
  const result = spawnSync(command, argv, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.error) cannot(`${what}: ${result.error.message}`);
  if (result.status !== 0)
    cannot(`${what} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** Items a build of `root` must make: every item file not marked as a draft. */
function siteItems(root) {
  return walk(join(root, 'content/items')).filter(
    (f) => f.endsWith('.md') && !/^draft:\s*true\s*$/m.test(readFileSync(f, 'utf8')),
  ).length;
}

const htmlCount = (dir) => walk(dir).filter((f) => f.endsWith('.html')).length;
const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
if (java.error)
  cannot(
    'no java on PATH: the Nu HTML Checker (vnu-jar) needs Java 11 or later (apt-get install -y default-jre-headless)',
  );

let builds;
let work = null;
say('gazette verify');
if (args.dir) {
  const out = resolve(args.dir);
  if (!existsSync(out)) cannot(`no folder ${out}`);
  const siteUrl = new URL(args['base-url']).href;
  builds = [{ label: `${args.dir} @ ${new URL(siteUrl).pathname}`, out, siteUrl, browser: true }];
  say(`  checking the build in ${out} for ${siteUrl} (${htmlCount(out)} pages)`);
} else {
  const items = Number(args.items);
  if (!Number.isInteger(items) || items < 1)
    cannot(`--items must be a whole number, not ${args.items}`);
  if (!existsSync(args.gen))
    cannot(`no corpus generator at ${args.gen} (pass --gen PATH or set GAZETTE_CORPUS_GEN)`);
  work = mkdtempSync(join(tmpdir(), 'gazette-verify-'));
  timedStep('compile (tsc -p tsconfig.build.json)', () => {
    run('compile', process.execPath, [
      require.resolve('typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
    ]);
  });
  const corpus = join(work, `corpus-${items}`);
  timedStep(`generate a ${items}-item site`, () => {
    run(args.gen, process.execPath, [args.gen, '--items', String(items), '--out', corpus]);
  });
  const sites = [
    { name: 'repo', root: repo, items: siteItems(repo) },
    { name: `gen${items}`, root: corpus, items },
  ];
  builds = [];
  for (const site of sites) {
    for (const siteUrl of ['https://example.org/', 'https://example.org/digest/']) {
      const path = new URL(siteUrl).pathname;
      const out = join(work, `${site.name}${path === '/' ? '-root' : '-digest'}`);
      const label = `${site.name} @ ${path}`;
      timedStep(`build ${label}`, () => {
        const stdout = run(`build ${label}`, process.execPath, [
          join(repo, 'bin/gazette.js'),
          'build',
          '--root',
          site.root,
          '--out',
          out,
          '--base-url',
          siteUrl,
          // A generated corpus may run past today (10,000 items reach 2020, 100,000 the 2200s).
          '--future',
        ]);
        // A build that dropped items would pass every gate on fewer pages.
        const built = Number(/built (\d+) items/.exec(stdout)?.[1]);
        if (built !== site.items)
          cannot(
            `build ${label} made ${built} items where ${site.items} were expected:\n${stdout}`,
          );
        return `${built} items, ${htmlCount(out)} pages`;
      });
      // The browser visits the sub-path build, served under /digest/: the
      // harder case for asset and link paths; the pages are otherwise alike.
      builds.push({ label, out, siteUrl, browser: path !== '/' });
    }
  }
}

let result;
try {
  result = await runGates(builds, { allPages: args['all-pages'], log: say });
} catch (err) {
  cannot(err instanceof Error ? err.message : String(err));
}
say(formatReport(result));
say(`  total ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (work) {
  if (result.failures.length > 0 || args.keep) say(`  builds kept for inspection in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exitCode = result.failures.length > 0 ? 1 : 0;
