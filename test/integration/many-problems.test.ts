import { afterAll, expect, it } from 'vitest';
import { check } from '../../src/api.js';
import { AUTHORITIES, BULLETIN, item, makeSite, removeSite } from '../helpers.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeSite));

it(
  'a file with 150,000 problems is reported whole (found by npm run fuzz)',
  { timeout: 20_000 },
  async () => {
    // The engine gathered each file's problems with push(...list): past about
    // 120,000 the call overflowed the stack and check threw.
    const n = 150_000;
    const root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/a.md': item({}, `${'[^x]'.repeat(n)}\n`),
    });
    roots.push(root);
    const outcome = await check({ root, cacheDir: false });
    expect(outcome.diagnostics).toHaveLength(n);
    expect(new Set(outcome.diagnostics.map((d) => d.code))).toEqual(
      new Set(['footnote-undefined']),
    );
  },
);
