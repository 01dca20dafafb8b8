import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTHORITIES, BULLETIN, item, makeSite, removeSite, run } from '../helpers.js';

// 2022-02-17T00:00:00Z: the build date of every run below.
const EPOCH = '1645056000';

let root: string | undefined;
const saved = process.env.SOURCE_DATE_EPOCH;
afterEach(() => {
  if (root) removeSite(root);
  root = undefined;
  if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = saved;
});

function site(): string {
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  return (root = makeSite({
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    'content/items/past.md': item({ title: 'Past item', date: '2022-01-10' }),
    'content/items/today.md': item({ title: 'Dated today', date: '2022-02-17' }),
    // A month or a year that has begun is not in the future.
    'content/items/this-month.md': item({ title: 'This month', date: '2022-02' }),
    'content/items/tomorrow.md': item({ title: 'Dated tomorrow', date: '2022-02-18' }),
    'content/items/next-year.md': item({ title: 'Next year', date: '2023' }),
  }));
}

describe('items dated after the build date', () => {
  it('are left out of the build, named, and published with --future', async () => {
    const dir = site();
    const built = await run('build', '--root', dir);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(
      'gazette: 2 items are dated after the build date and left out (publish them with --future):\n' +
        '  content/items/next-year.md (2023)\n' +
        '  content/items/tomorrow.md (2022-02-18)',
    );
    for (const slug of ['past', 'today', 'this-month'])
      expect(existsSync(join(dir, `dist/items/${slug}/index.html`)), slug).toBe(true);
    for (const slug of ['tomorrow', 'next-year'])
      expect(existsSync(join(dir, `dist/items/${slug}/index.html`)), slug).toBe(false);
    // Nor in a list, a feed or the open data.
    for (const file of ['index.html', 'feed.xml', 'data/items.json'])
      expect(readFileSync(join(dir, 'dist', file), 'utf8'), file).not.toContain('Dated tomorrow');

    const future = await run('build', '--root', dir, '--future');
    expect(future.code).toBe(0);
    expect(future.stdout).not.toContain('dated after the build date');
    expect(existsSync(join(dir, 'dist/items/tomorrow/index.html'))).toBe(true);
    expect(readFileSync(join(dir, 'dist/feed.xml'), 'utf8')).toContain('Dated tomorrow');
  });

  it('are named by check, which passes', async () => {
    const dir = site();
    const checked = await run('check', '--root', dir);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('content/items/tomorrow.md (2022-02-18)');
  });

  it('take the build date from the clock without SOURCE_DATE_EPOCH', async () => {
    const dir = site();
    delete process.env.SOURCE_DATE_EPOCH;
    // Every date above is in the past by now.
    const built = await run('build', '--root', dir);
    expect(built.code).toBe(0);
    expect(built.stdout).not.toContain('dated after the build date');
    expect(existsSync(join(dir, 'dist/items/next-year/index.html'))).toBe(true);
  });
});
