import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, check } from '../src/api.js';
import { main } from '../src/cli.js';
import { isCode } from '../src/codes.js';
import { DevSession } from '../src/dev/session.js';
import {
  baseTree,
  file,
  fuzz,
  inProcess,
  OPS,
  textOf,
  type Operator,
  type Targets,
} from '../scripts/fuzz/index.mjs';
import { removeSite } from './helpers.js';

/**
 * The fuzzer (npm run fuzz) must be able to fail: pointed at targets with
 * planted defects — a build that throws for one input, a check that reports
 * a code outside the catalogue, a failed build that writes into the previous
 * output — it reports each, with the seed and case that reproduce it, and
 * shrinks the input that throws to the one line that does it. Against
 * gazette itself, a few cases of its own operators find nothing.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeSite));
/** Cases write thousands of small files: in memory when the machine has /dev/shm. */
const scratch = () => {
  const dir = mkdtempSync(
    join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'gazette-fuzz-test-'),
  );
  dirs.push(dir);
  return dir;
};

const real: Targets = { build, check, DevSession, main, isCode } as unknown as Targets;
const PLANTED = 'content/items/planted.md';
const planted = (root: string) =>
  existsSync(join(root, PLANTED)) ? readFileSync(join(root, PLANTED), 'utf8') : '';

/** Operators that each plant one marker the fake targets react to. */
const plant = (marker: string, fields = 'date: 2000-01-10\ncategory: courts\n'): Operator => ({
  name: `plant.${marker}`,
  weight: 1,
  apply: (_r, tree) => {
    const text = textOf(tree.get(PLANTED)) ?? `---\ntitle: Planted\n${fields}---\nBody.\n`;
    tree.set(PLANTED, file(text.replace('title: Planted', `title: Planted\nsummary: ${marker}`)));
    return `plant ${marker}`;
  },
});

const fake: Targets = {
  ...real,
  async build(options) {
    if (planted(options.root).includes('CRASH')) throw new Error('a planted crash');
    const outcome = await real.build(options);
    if (planted(options.root).includes('OUTPUT') && outcome.diagnostics.length > 0)
      writeFileSync(join(options.out!, 'index.html'), 'overwritten by a failed build');
    return outcome;
  },
  async check(options) {
    const outcome = await real.check(options);
    if (!planted(options.root).includes('CODE')) return outcome;
    const bad = { file: PLANTED, line: 1, column: 1, code: 'no-such-code', message: 'planted' };
    return { ...outcome, diagnostics: [...outcome.diagnostics, bad] } as typeof outcome;
  },
};

describe('npm run fuzz', () => {
  const base = baseTree();

  it('finds planted defects, says how to run them again, and shrinks what throws', async () => {
    const ops = [plant('CRASH'), plant('CODE'), plant('OUTPUT', 'category: courts\n')];
    const summary = await fuzz({
      seed: 'planted',
      cases: 6,
      executor: inProcess(fake, base, scratch()),
      base,
      ops,
      devShare: 0,
      cliShare: 0,
      minimiseAttempts: 80,
    });
    const checks = new Set(summary.failed.flatMap((f) => f.failures.map((x) => x.check)));
    expect(checks).toContain('build-threw');
    expect(checks).toContain('diagnostic-code');
    expect(checks).toContain('output-changed');
    expect(summary.harness).toEqual([]);

    const crash = summary.failed.find((f) => f.failures.some((x) => x.check === 'build-threw'))!;
    expect(crash.seed).toBe('planted');
    expect(crash.steps.some((s) => s.startsWith('plant'))).toBe(true);
    expect(crash.failures.find((x) => x.check === 'build-threw')!.message).toContain(
      'a planted crash',
    );
    // Shrunk to the one file, and in it to the line that holds the marker.
    const minimal = crash.minimal!.tree;
    expect([...minimal.keys()]).toEqual([PLANTED]);
    expect(textOf(minimal.get(PLANTED))!.trim()).toBe('summary: CRASH');
  });

  it('finds nothing wrong with gazette in a few cases of its own operators', async () => {
    const summary = await fuzz({
      seed: 'test',
      cases: 4,
      executor: inProcess(real, base, scratch()),
      base,
      ops: OPS.filter((op) => !op.scale),
      devShare: 0.5,
      cliShare: 0.5,
      minimiseAttempts: 0,
    });
    expect(summary.cases).toBe(4);
    expect(summary.harness).toEqual([]);
    expect(summary.failed.flatMap((f) => f.failures)).toEqual([]);
  });
});
