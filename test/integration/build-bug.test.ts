import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { build } from '../../src/api.js';
import { AUTHORITIES, BULLETIN, item, makeSite, previousSite, removeSite } from '../helpers.js';

/**
 * A bug that throws in the middle of a build (npm run fuzz found three: a
 * template that threw null, a folder that was a file, a nested list in the
 * e-mail's text) must still leave the previous output as it was and nothing
 * beside it: no half-written stage, no lock that stops the next build.
 */
vi.mock('../../src/pages/email-text.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/pages/email-text.js')>()),
  htmlToText: () => {
    throw new Error('a planted bug');
  },
}));

const roots: string[] = [];
afterAll(() => roots.forEach(removeSite));

it('a build that throws leaves the previous output alone, with no stage or lock beside it', async () => {
  const root = makeSite({
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    'content/items/a.md': item(),
  });
  roots.push(root);
  const out = join(root, 'dist');
  previousSite(out, { 'index.html': 'previous good site' });
  await expect(build({ root, cacheDir: false })).rejects.toThrow('a planted bug');
  expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('previous good site');
  expect(readdirSync(dirname(out)).filter((n) => n.startsWith('dist.gazette-'))).toEqual([]);
  expect(existsSync(join(root, 'dist.gazette-lock'))).toBe(false);
});
