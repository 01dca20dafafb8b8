#!/usr/bin/env node
// npm run bench [-- --items 1000,10000 --runs 3]
//
// Builds synthetic digest sites of N items (made by ../shared/bench/gen-corpus.mjs)
// with the compiled CLI and prints, per size: wall time (median and range of
// the runs), items per second and peak memory. Each run is a new process and
// writes into a new output folder; outputs are removed only after all runs.
// Figures only, never pass/fail: performance is measured here, not asserted in tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchDev } from './bench-dev.mjs';

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
      default: process.env.GAZETTE_CORPUS_GEN ?? join(repo, '../shared/bench/gen-corpus.mjs'),
    },
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

// Loaded before the CLI in each measured process: reports the process's peak
// memory on exit (maxRSS counts every thread of the process).
const REPORT = `data:text/javascript,${encodeURIComponent(
  "import { isMainThread } from 'node:worker_threads'; import { writeSync } from 'node:fs';" +
    "if (isMainThread) process.on('exit', () => writeSync(3, JSON.stringify({ rssMiB: process.resourceUsage().maxRSS / 1024 })));",
)}`;

/** One build: the real CLI in a fresh process; returns wall ms and peak RSS in MiB. */
function build(root, out) {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--import', REPORT, cli, 'build', '--root', root, '--out', out],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      maxBuffer: 1 << 26,
    },
  );
  const wall = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`build of ${root} failed (exit ${result.status}):\n${result.stderr}`);
  return { wall, ...JSON.parse(result.output[3]) };
}

function corpus(n) {
  const dir = join(values.work, `corpus-${n}-seed${values.seed}`);
  if (!existsSync(join(dir, 'corpus.json'))) {
    if (!existsSync(values.gen))
      throw new Error(`no corpus generator at ${values.gen} (set --gen or GAZETTE_CORPUS_GEN)`);
    rmSync(dir, { recursive: true, force: true });
    execFileSync(
      process.execPath,
      [values.gen, '--items', String(n), '--out', dir, '--seed', values.seed],
      { stdio: 'ignore' },
    );
  }
  return dir;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

const rows = [];
const targets = [
  ['this site', repo, 14],
  ...sizes.map((n) => [`${n.toLocaleString('en')} items`, corpus(n), n]),
];
const outputs = [];
for (const [label, root, n] of targets) {
  build(root, join(values.work, `warmup-${process.pid}-${rows.length}`)); // uncounted: fills the page cache
  outputs.push(join(values.work, `warmup-${process.pid}-${rows.length}`));
  const results = [];
  for (let i = 0; i < runs; i++) {
    const out = join(values.work, `out-${process.pid}-${rows.length}-${i}`);
    outputs.push(out);
    results.push(build(root, out));
  }
  const wall = results.map((r) => r.wall);
  const rss = results.map((r) => r.rssMiB);
  rows.push({
    label,
    n,
    median: median(wall),
    min: Math.min(...wall),
    max: Math.max(...wall),
    rss: median(rss),
    rssMax: Math.max(...rss),
  });
  console.error(`${label}: ${wall.map(fmt).join(', ')}`);
}
for (const out of outputs) rmSync(out, { recursive: true, force: true });

console.log(
  `\ngazette build (cold process, ${runs} runs after 1 warm-up; node ${process.version})\n`,
);
console.log('| site | wall median | min–max | items/s | peak RSS (median / max) |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.label} | ${fmt(r.median)} | ${fmt(r.min)}–${fmt(r.max)} | ${Math.round((r.n / r.median) * 1000).toLocaleString('en')} | ${Math.round(r.rss)} / ${Math.round(r.rssMax)} MiB |`,
  );
}

if (values.dev !== '') {
  console.log(
    `\ngazette dev: one item edited, from the end of the write until the reload event reaches the browser (${values.edits} edits after 1 warm-up), then 100 more edits\n`,
  );
  console.log(
    '| site | startup | reload median | each edit (ms) | RSS after start | after 100 more edits |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const n of values.dev.split(',').map(Number)) {
    const r = await benchDev({ cli, root: corpus(n), edits: Number(values.edits) });
    console.log(
      `| ${n.toLocaleString('en')} items | ${fmt(r.startupMs)} | ${r.times.length ? median(r.times).toFixed(1) : '–'} ms | ${r.times.map((t) => t.toFixed(1)).join(' ')} | ${Math.round(r.rssStart)} MiB | ${Math.round(r.rssEnd)} MiB (${(((r.rssEnd - r.rssStart) / r.rssStart) * 100).toFixed(1)}%) |`,
    );
  }
}
