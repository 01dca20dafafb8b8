// The project stands alone (issue 12): a clone of HEAD in a folder with
// nothing beside it — no ../shared — runs `npm run verify` and `npm run bench`
// to the end, and both refuse a build that made fewer items than its content.
//
// The clone gets this checkout's node_modules through a symlink instead of its
// own `npm ci`: what is under test is that the repository reads nothing
// outside itself, not npm, and `npm ci` would add a minute and a dependency
// on the registry being reachable. Uncommitted changes are not in the clone:
// commit before running this to test them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium } from '../../scripts/verify/browser.mjs';
import { hasJava, remove, repo, skipReason } from './site.mjs';

const skip =
  skipReason(hasJava, 'java (for the Nu HTML Checker)') ||
  skipReason(hasChromium(), `Chromium (${CHROMIUM})`);

let outside;
let clone;

/** Runs a command in the clone with none of the variables that point elsewhere. */
function inClone(command, args) {
  const env = { ...process.env };
  for (const name of ['GAZETTE_CORPUS_GEN', 'GAZETTE_PEER_BENCH', 'GAZETTE_BENCH_DIR', 'BENCH_TMP'])
    delete env[name];
  env.GAZETTE_BENCH_DIR = join(clone, 'tmp/bench'); // inside the clone, git-ignored
  const result = spawnSync(command, args, {
    cwd: clone,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 27,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { ...result, all: `${result.stdout}\n${result.stderr}` };
}

const git = (...args) => {
  const r = spawnSync('git', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};

describe.skipIf(skip)(`a plain clone, nothing beside it ${skip}`, () => {
  beforeAll(() => {
    outside = mkdtempSync(join(tmpdir(), 'gazette-clone-'));
    clone = join(outside, 'repo');
    const head = git('-C', repo, 'rev-parse', 'HEAD');
    git('clone', '-q', '--no-hardlinks', repo, clone);
    git('-C', clone, 'checkout', '-q', '--detach', head);
    symlinkSync(join(repo, 'node_modules'), join(clone, 'node_modules'), 'dir');
    mkdirSync(join(clone, 'tmp'));
    // A generator that writes one item fewer than its corpus.json says.
    writeFileSync(
      join(clone, 'tmp/shrink.mjs'),
      [
        "import { execFileSync } from 'node:child_process';",
        "import { readdirSync, rmSync } from 'node:fs';",
        "import { join } from 'node:path';",
        "const out = process.argv[process.argv.indexOf('--out') + 1];",
        "execFileSync(process.execPath, ['scripts/gen-site.mjs', ...process.argv.slice(2)]);",
        "const month = join(out, 'content/items/2000/01');",
        'rmSync(join(month, readdirSync(month)[0]));',
      ].join('\n'),
    );
  });
  afterAll(() => {
    if (outside) remove(outside);
  });

  it('is alone in its folder', () => {
    expect(readdirSync(outside)).toEqual(['repo']);
  });

  it('passes npm run verify', { timeout: 900_000 }, () => {
    const r = inClone('npm', ['run', 'verify', '--', '--items', '30']);
    expect(r.all).toContain('generate a 30-item site');
    expect(r.stdout).toMatch(/build gen30 @ \/digest\/\s+30 items, \d+ pages/);
    expect(r.stdout).toMatch(/build repo @ \/\s+14 items, \d+ pages/);
    expect(r.stdout).toContain('verify: all gates passed');
    expect(r.status, r.all).toBe(0);
  });

  it(
    'runs npm run bench, and --peers says in one line that the peer benchmark is absent',
    {
      timeout: 900_000,
    },
    () => {
      const r = inClone('npm', [
        'run',
        'bench',
        '--',
        ...['--items', '200', '--runs', '1', '--dev', '200', '--peers'],
      ]);
      expect(r.status, r.all).toBe(0);
      expect(r.stdout).toMatch(/^\| this site, cold \| 14 \| /m);
      // build: a cold run, one with nothing changed, one after an edit, and check
      for (const run of ['cold', 'nothing changed', 'one item edited', 'check \\(no cache\\)'])
        expect(r.stdout).toMatch(
          new RegExp(`^\\| 200 items, ${run} \\| 200 \\| \\d+ ms \\| `, 'm'),
        );
      expect(r.stdout).toMatch(/^\| 200 items \| 200 \| \d+ ms \| [\d.]+ ms \| /m); // dev
      const peers = r.stdout.split('\n').filter((l) => l.startsWith('peers:'));
      expect(peers).toHaveLength(1);
      expect(peers[0]).toMatch(
        /^peers: not run — no peer benchmark at .*shared\/bench\/run-peers\.sh/,
      );
    },
  );

  it(
    'fails bench and verify loudly when a build makes fewer items than its corpus',
    {
      timeout: 300_000,
    },
    () => {
      const bench = inClone('npm', [
        'run',
        'bench',
        '--',
        ...['--items', '20', '--runs', '1', '--dev', '', '--gen', 'tmp/shrink.mjs'],
      ]);
      expect(bench.status).toBe(1);
      expect(bench.stderr).toMatch(/bench: the build of .* made 19 items where 20 were expected/);
      const verify = inClone('node', [
        'scripts/verify.mjs',
        ...['--items', '20', '--gen', 'tmp/shrink.mjs'],
      ]);
      expect(verify.status).toBe(2);
      expect(verify.stderr).toMatch(/build gen20 @ \/ made 19 items where 20 were expected/);
    },
  );
});
