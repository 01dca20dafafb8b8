// The fuzzing loop: cases made one by one from the seed, run, and each new
// kind of failure shrunk to a minimal input and kept on disk for whoever
// reproduces it. Returns everything the report prints.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseTree } from './base.mjs';
import { makeCase, OPS } from './cases.mjs';
import { knownFailure } from './known.mjs';
import { minimise } from './minimise.mjs';
import { sizeOf, writeTree } from './tree.mjs';

/**
 * options: seed, cases (a number, or undefined), seconds (or undefined), only
 * (one case number), executor (from executor.mjs), ops, devShare, cliShare,
 * minimise (attempts; 0 for none), failures (folder to keep failing inputs in),
 * log (a line at a time).
 */
export async function fuzz({
  seed = '1',
  cases,
  seconds,
  only,
  executor,
  base = baseTree(),
  ops = OPS,
  devShare,
  cliShare,
  minimiseAttempts = 250,
  failuresDir,
  log = () => {},
}) {
  const started = performance.now();
  const deadline = seconds === undefined ? Infinity : started + seconds * 1000;
  const limit = only !== undefined ? 1 : (cases ?? (seconds === undefined ? 200 : Infinity));
  const summary = {
    seed,
    cases: 0,
    failed: [],
    known: [],
    harness: [],
    slowest: [],
    outcomes: { ok: 0, content: 0, usage: 0 },
    codes: new Set(),
    ms: 0,
  };
  const seen = new Set();
  for (let i = 0; i < limit && performance.now() < deadline; i++) {
    const index = only ?? i;
    const kase = makeCase(base, seed, index, { ops, devShare, cliShare });
    const result = await safeRun(executor, kase);
    summary.cases++;
    if (result.harness) {
      summary.harness.push({ index, steps: kase.steps, error: result.harness });
      log(`case ${index}: harness error\n${result.harness}`);
      continue;
    }
    const total = Object.values(result.times).reduce((a, b) => a + b, 0);
    summary.slowest.push({
      index,
      ms: total,
      times: result.times,
      bytes: sizeOf(kase.tree),
      steps: kase.steps,
    });
    summary.slowest.sort((a, b) => b.ms - a.ms).splice(10);
    for (const code of result.codes ?? []) summary.codes.add(code);
    if (result.outcome) summary.outcomes[result.outcome]++;
    const failures = result.failures.filter((f) => {
      const known = knownFailure(f, kase);
      if (known) summary.known.push({ index, check: f.check, reason: known });
      return !known;
    });
    if (failures.length === 0) continue;
    const fresh = failures.filter((f) => !seen.has(f.key));
    for (const f of failures) seen.add(f.key);
    const entry = {
      seed,
      index,
      steps: kase.steps,
      options: kase.options,
      failures,
      bytes: sizeOf(kase.tree),
    };
    summary.failed.push(entry);
    log(`case ${index}: ${failures.map((f) => f.check).join(', ')} after ${kase.steps.join('; ')}`);
    if (fresh.length === 0 || minimiseAttempts === 0) continue;
    // Shrink for the failure that says most: an exception or a hang before its consequences.
    const target = [...fresh].sort((a, b) => rank(a) - rank(b))[0];
    const options = {
      ...kase.options,
      cli:
        target.check.startsWith('cli') || target.check === 'exit-status' ? kase.options.cli : false,
      dev: target.check.startsWith('dev') ? kase.options.dev : false,
    };
    const shrunk = await minimise(
      kase.tree,
      async (tree) => {
        const r = await safeRun(executor, { tree, options });
        return !r.harness && r.failures.some((f) => f.key === target.key);
      },
      { attempts: minimiseAttempts },
    );
    entry.minimal = { tree: shrunk.tree, attempts: shrunk.attempts, key: target.key, options };
    if (failuresDir) {
      const dir = join(failuresDir, `seed-${seed}-case-${index}`);
      writeTree(join(dir, 'site'), shrunk.tree);
      writeFileSync(
        join(dir, 'case.json'),
        `${JSON.stringify({ seed, index, steps: kase.steps, options, failures }, null, 2)}\n`,
      );
      entry.minimal.dir = dir;
    }
  }
  summary.ms = performance.now() - started;
  return summary;
}

const FIRST = ['hang', 'crash', 'check-threw', 'build-threw', 'dev-threw', 'cli-threw'];
const LAST = ['output-beside', 'slow'];
const rank = (f) => (FIRST.includes(f.check) ? 0 : LAST.includes(f.check) ? 2 : 1);

async function safeRun(executor, kase) {
  try {
    return await executor.run(kase);
  } catch (error) {
    return { harness: String(error?.stack ?? error), failures: [], times: {} };
  }
}
