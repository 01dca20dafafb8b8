#!/usr/bin/env node
// npm run fuzz -- [--seed S] [--cases N] [--seconds T] [--case I] [--scaling]
//                 [--lib DIR] [--slow-ms MS] [--hard-ms MS] [--dev-share P]
//                 [--minimise N] [--keep DIR] [--tmp DIR]
//
// Random and mutated sites fed to gazette's check, build, command line and
// dev session (scripts/fuzz/: operators, invariants, minimiser), against the
// compiled lib/ on a worker thread that is replaced when a case hangs.
// Deterministic: the same seed makes the same cases (default seed 1, 200
// cases; --seconds bounds the run by time instead). Each new kind of failure
// is shrunk to a minimal input, printed, and kept in a folder with the
// command that runs it again. --scaling also runs every scalable operator at
// two sizes and flags time that grows faster than the input.
// Exit status: 0 nothing found, 1 failures, 2 the harness could not run.
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

process.env.TZ = 'UTC';
process.env.SOURCE_DATE_EPOCH ??= '1645056000';

const { baseTree } = await import('./fuzz/base.mjs');
const { OPS } = await import('./fuzz/cases.mjs');
const { onWorker } = await import('./fuzz/executor.mjs');
const { printSummary, printScaling } = await import('./fuzz/report.mjs');
const { fuzz } = await import('./fuzz/run.mjs');
const { clear } = await import('./fuzz/tree.mjs');
const { scaling } = await import('./fuzz/scaling.mjs');

const USAGE =
  'usage: npm run fuzz -- [--seed S] [--cases N] [--seconds T] [--case I] [--scaling] [--lib DIR] [--slow-ms MS] [--hard-ms MS] [--dev-share P] [--minimise N] [--keep DIR] [--tmp DIR]';

let values;
try {
  ({ values } = parseArgs({
    strict: true,
    options: {
      seed: { type: 'string', default: '1' },
      cases: { type: 'string' },
      seconds: { type: 'string' },
      case: { type: 'string' },
      scaling: { type: 'boolean' },
      lib: { type: 'string', default: resolve(import.meta.dirname, '../lib') },
      'slow-ms': { type: 'string', default: '4000' },
      'hard-ms': { type: 'string', default: '30000' },
      'dev-share': { type: 'string', default: '0.15' },
      minimise: { type: 'string', default: '250' },
      keep: { type: 'string' },
      tmp: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`fuzz: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const number = (name) => (values[name] === undefined ? undefined : Number(values[name]));
for (const name of ['cases', 'seconds', 'case', 'slow-ms', 'hard-ms', 'dev-share', 'minimise']) {
  if (values[name] !== undefined && !(number(name) >= 0)) {
    console.error(`fuzz: --${name} must be a number ≥ 0\n${USAGE}`);
    process.exit(2);
  }
}

// Cases write and delete thousands of small files: in memory (/dev/shm) when
// the machine has it, which makes the run several times faster.
const fast = (() => {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
})();
const scratch = mkdtempSync(join(values.tmp ?? fast, 'gazette-fuzz-'));
const failuresDir = resolve(values.keep ?? join(tmpdir(), `gazette-fuzz-failures-${process.pid}`));
const base = baseTree();
const executor = onWorker(resolve(values.lib), base, join(scratch, 'work'), {
  hardMs: number('hard-ms'),
  slowMs: number('slow-ms'),
});
const log = (line) => console.log(line);
let failed = false;
try {
  console.log(
    `fuzz: seed ${values.seed}, ${values.case !== undefined ? `case ${values.case}` : values.seconds ? `${values.seconds} s` : `${values.cases ?? 200} cases`}, gazette from ${resolve(values.lib)}`,
  );
  const summary = await fuzz({
    seed: values.seed,
    cases: number('cases'),
    seconds: number('seconds'),
    only: number('case'),
    executor,
    base,
    devShare: number('dev-share'),
    minimiseAttempts: number('minimise'),
    failuresDir,
    log,
  });
  failed = printSummary(summary, log) || failed;
  if (values.scaling) {
    const result = await scaling({ executor, base, ops: OPS, seed: values.seed, log });
    failed = printScaling(result, log) || failed;
  }
} catch (error) {
  console.error(`fuzz: the harness could not run: ${error?.stack ?? error}`);
  process.exitCode = 2;
} finally {
  await executor.close();
  clear(scratch);
}
// Exit at once: a worker stuck in a hang must not keep the process alive.
process.exit(process.exitCode === 2 ? 2 : failed ? 1 : 0);
