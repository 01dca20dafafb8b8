// A large build makes its pages on two threads (src/engine/share.ts): the
// files are the same, byte for byte, as one thread makes them, cold and warm.
// Runs the compiled CLI (npm run test:browser compiles first): the second
// thread needs the compiled modules.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repo } from './site.mjs';

const CLI = join(repo, 'bin/gazette.js');
let work;

function run(...args) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`gazette ${args.join(' ')}:\n${result.stderr}`);
  return result.stdout;
}

function tree(dir) {
  const files = new Map();
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

function expectSame(a, b) {
  const differ = [...a.keys()].filter((p) => a.get(p) !== b.get(p));
  expect({ size: a.size, differ }).toEqual({ size: b.size, differ: [] });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gazette-share-'));
  const gen = spawnSync(process.execPath, [
    join(repo, 'scripts/gen-site.mjs'),
    '--items',
    '1500',
    '--out',
    join(work, 'site'),
  ]);
  if (gen.status !== 0) throw new Error(String(gen.stderr));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

it('two threads make the same files as one, cold and warm', () => {
  const site = join(work, 'site');
  const shared = join(work, 'shared');
  const single = join(work, 'single');
  const out = run('build', '--root', site, '--out', shared, '--future');
  expect(out).toMatch(/built 1500 items/);
  run('build', '--root', site, '--out', single, '--future', '--no-cache');
  expectSame(tree(shared), tree(single));

  // Warm: a template change makes every page again, on two threads, from the cache.
  appendFileSync(
    join(
      site,
      'content/items',
      readdirSync(join(site, 'content/items'))[0],
      '01',
      readdirSync(
        join(site, 'content/items', readdirSync(join(site, 'content/items'))[0], '01'),
      )[0],
    ),
    '\nOne more sentence.\n',
  );
  rmSync(single, { recursive: true });
  run('build', '--root', site, '--out', shared, '--future', '--base-url', 'https://example.org/x/');
  run(
    'build',
    '--root',
    site,
    '--out',
    single,
    '--future',
    '--no-cache',
    '--base-url',
    'https://example.org/x/',
  );
  expectSame(tree(shared), tree(single));
}, 300_000);
