#!/usr/bin/env node
// npm run bench [-- --items 1000,10000 --runs 3 --dev 1000,10000 --peers]
//
// Builds this site and synthetic digest sites of N items (made by
// scripts/gen-site.mjs, or --gen PATH) with the compiled CLI and prints, per
// size: the items built, wall time (median and range of the runs), items per
// second and peak memory. Each run is a new process and writes into a new
// output folder; outputs are removed only after all runs. A build that makes
// fewer or more items than its corpus holds stops the bench (exit 1), so a run
// can never silently shrink. Then `gazette dev` (bench-dev.mjs) and, with
// --peers, Hugo and Eleventy through the peer benchmark (bench-peers.mjs).
// Figures only: performance is measured here, not asserted in tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchDev } from './bench-dev.mjs';
import { benchPeers } from './bench-peers.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '3' },
    dev: { type: 'string', default: '1000,10000' },
    edits: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    gen: {
      type: 'string',
      default: process.env.GAZETTE_CORPUS_GEN ?? join(repo, 'scripts/gen-site.mjs'),
    },
    peers: { type: 'boolean', default: false },
    work: {
      type: 'string',
      default: process.env.GAZETTE_BENCH_DIR ?? join(tmpdir(), 'gazette-bench-ours'),
    },
  },
});
const sizes = values.items.split(',').map(Number);
const runs = Number(values.runs);
const cli = join(repo, 'bin/gazette.js');
mkdirSync(values.work, { recursive: true });

/** Stops the bench with a message, not a stack trace. */
function fail(message, code = 1) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(code);
}
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(runs >= 1))
  fail(`--items takes sizes such as 1000,10000 and --runs a count ≥ 1`, 2);
if (!existsSync(values.gen))
  fail(`no corpus generator at ${values.gen} (pass --gen PATH or set GAZETTE_CORPUS_GEN)`, 2);

// Loaded before the CLI in each measured process: reports the process's peak
// memory on exit (maxRSS counts every thread of the process).
const REPORT = `data:text/javascript,${encodeURIComponent(
  "import { isMainThread } from 'node:worker_threads'; import { writeSync } from 'node:fs';" +
    "if (isMainThread) process.on('exit', () => writeSync(3, JSON.stringify({ rssMiB: process.resourceUsage().maxRSS / 1024 })));",
)}`;

/**
 * One run of the real CLI in a fresh process (`build` or `check`); returns
 * wall ms, peak RSS in MiB and the items it built or checked. With
 * `--future`: a generated corpus of 100,000 items runs to the 2200s.
 */
function gazette(command, root, expected, extra) {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--import', REPORT, cli, command, '--root', root, '--future', ...extra],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      maxBuffer: 1 << 26,
    },
  );
  const wall = performance.now() - started;
  if (result.status !== 0)
    fail(`${command} of ${root} failed (exit ${result.status}):\n${result.stderr}`);
  const built = Number(/built (\d+) items/.exec(result.stdout)?.[1]);
  if (command === 'build' && built !== expected)
    fail(
      `the build of ${root} made ${built} items where ${expected} were expected:\n${result.stdout}`,
    );
  return { wall, built: command === 'build' ? built : expected, ...JSON.parse(result.output[3]) };
}

function listFiles(dir) {
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? listFiles(join(dir, n)) : [join(dir, n)],
  );
}

/** Items a build of this site must make: every item file not marked as a draft. */
function siteItems(root) {
  return listFiles(join(root, 'content/items')).filter(
    (f) => f.endsWith('.md') && !/^draft:\s*true\s*$/m.test(readFileSync(f, 'utf8')),
  ).length;
}

/** The first item file of a site (in name order), the one the edit runs change. */
function firstItem(root) {
  return listFiles(join(root, 'content/items'))
    .filter((f) => f.endsWith('.md'))
    .sort()[0];
}

/** The generator and the files beside it in a folder of its name (scripts/gen-site/). */
function generatorHash() {
  const hash = createHash('sha1').update(readFileSync(values.gen));
  const own = join(dirname(values.gen), basename(values.gen, '.mjs'));
  if (existsSync(own)) for (const f of listFiles(own).sort()) hash.update(readFileSync(f));
  return hash.digest('hex').slice(0, 10);
}

/** A corpus of n items, generated once per generator version, seed and size. */
function corpus(n) {
  const dir = join(values.work, `corpus-${n}-seed${values.seed}-${generatorHash()}`);
  if (!existsSync(join(dir, 'corpus.json'))) {
    rmSync(dir, { recursive: true, force: true });
    execFileSync(
      process.execPath,
      [values.gen, '--items', String(n), '--out', dir, '--seed', values.seed],
      { stdio: 'ignore' },
    );
  }
  const items = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')).items;
  if (items !== n) fail(`${values.gen} wrote ${items} items into ${dir}, not ${n}`);
  return dir;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

const rows = [];
const targets = [
  ['this site', repo, siteItems(repo)],
  ...sizes.map((n) => [`${n.toLocaleString('en')} items`, corpus(n), n]),
];
const outputs = [];
/** `runs` runs of `once` after one uncounted warm-up (it fills the page cache). */
function measure(label, n, once) {
  once(-1);
  const results = [];
  for (let i = 0; i < runs; i++) results.push(once(i));
  const wall = results.map((r) => r.wall);
  const rss = results.map((r) => r.rssMiB);
  const row = {
    label,
    n,
    built: results[0].built,
    median: median(wall),
    min: Math.min(...wall),
    max: Math.max(...wall),
    rss: median(rss),
    rssMax: Math.max(...rss),
  };
  rows.push(row);
  console.error(`${label}: ${wall.map(fmt).join(', ')}`);
  return row;
}
for (const [label, root, n] of targets) {
  const cache = join(values.work, `cache-${process.pid}-${outputs.length}`);
  const warm = join(values.work, `warm-${process.pid}-${outputs.length}`);
  outputs.push(cache, warm);
  // Cold: no cache, a new output folder every run.
  const cold = measure(`${label}, cold`, n, (i) => {
    const out = join(values.work, `out-${process.pid}-${outputs.length}-${i}`);
    outputs.push(out);
    return gazette('build', root, n, ['--out', out, '--no-cache']);
  });
  const cached = ['--out', warm, '--cache-dir', cache];
  gazette('build', root, n, cached); // fills the cache and the output
  const again = measure(`${label}, nothing changed`, n, () => gazette('build', root, n, cached));
  again.ratio = again.median / cold.median;
  // One item's text changed, each run anew; in generated corpora only, never in the repository's content.
  const file = root === repo ? undefined : firstItem(root);
  const original = file && readFileSync(file, 'utf8');
  if (file)
    try {
      const edited = measure(`${label}, one item edited`, n, (i) => {
        writeFileSync(file, `${original}\nBench edit ${i}.\n`);
        return gazette('build', root, n, cached);
      });
      edited.ratio = edited.median / cold.median;
    } finally {
      writeFileSync(file, original);
    }
  const checked = measure(`${label}, check (no cache)`, n, () =>
    gazette('check', root, n, ['--no-cache']),
  );
  checked.ratio = checked.median / cold.median;
}
for (const out of outputs) rmSync(out, { recursive: true, force: true });

console.log(
  `\ngazette build and check (a process each, ${runs} runs after 1 warm-up; node ${process.version}; corpus: ${values.gen}, seed ${values.seed})\n`,
);
console.log(
  '| site | items | wall median | min–max | × cold | items/s | peak RSS (median / max) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.label} | ${r.built.toLocaleString('en')} | ${fmt(r.median)} | ${fmt(r.min)}–${fmt(r.max)} | ${r.ratio === undefined ? '1' : r.ratio.toFixed(2)} | ${Math.round((r.n / r.median) * 1000).toLocaleString('en')} | ${Math.round(r.rss)} / ${Math.round(r.rssMax)} MiB |`,
  );
}

if (values.dev !== '') {
  console.log(
    `\ngazette dev: one item edited, from the end of the write until the reload event reaches the browser (${values.edits} edits after 1 warm-up), then 100 more edits\n`,
  );
  console.log(
    '| site | items served | startup | reload median | each edit (ms) | RSS after start | after 100 more edits |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const n of values.dev.split(',').map(Number)) {
    const r = await benchDev({ cli, root: corpus(n), edits: Number(values.edits) });
    if (r.served !== n) fail(`gazette dev serves ${r.served} item pages of a ${n}-item site`);
    console.log(
      `| ${n.toLocaleString('en')} items | ${r.served.toLocaleString('en')} | ${fmt(r.startupMs)} | ${r.times.length ? median(r.times).toFixed(1) : '–'} ms | ${r.times.map((t) => t.toFixed(1)).join(' ')} | ${Math.round(r.rssStart)} MiB | ${Math.round(r.rssEnd)} MiB (${(((r.rssEnd - r.rssStart) / r.rssStart) * 100).toFixed(1)}%) |`,
    );
  }
}

if (values.peers && !benchPeers({ repo, sizes, runs, say: (line) => console.log(line) }))
  process.exitCode = 1;
