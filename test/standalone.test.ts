// Nothing in the repository reads ../shared, the folder beside it on the
// development machine (issue 12): only the optional peer comparison of
// `npm run bench -- --peers`, the real-data test, their tests and the README may name it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo } from './corpus.js';

const MAY_NAME_IT = new Set([
  'README.md',
  'scripts/bench-peers.mjs',
  'test/gen-site.test.ts',
  'test/standalone.test.ts',
  // The real-data test reads the snapshot there, and skips saying so where it is absent.
  'test/domain/realdata.test.ts',
  // … and so does the test that builds a site converted from it.
  'test/integration/realdata-site.test.ts',
  'test/browser/standalone.test.mjs',
]);
const NOT_OURS = new Set(['node_modules', '.git', 'lib', 'dist', 'tmp', 'screenshots']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (NOT_OURS.has(e.name) || e.name.startsWith('dist.')) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? sources(path) : e.isFile() ? [path] : [];
  });
}

describe('the repository stands alone', () => {
  it('names ../shared only in the peer comparison, its tests and the README', () => {
    const offenders = sources(repo)
      .map((f) => relative(repo, f))
      .filter((f) => !MAY_NAME_IT.has(f))
      .filter((f) => /\.\.\/shared\b|shared\/bench/.test(readFileSync(join(repo, f), 'latin1')));
    expect(offenders).toEqual([]);
  });
});
