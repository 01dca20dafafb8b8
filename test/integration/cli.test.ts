import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTHORITIES, BULLETIN, item, makeSite, removeSite, run } from '../helpers.js';

let root: string | undefined;
afterEach(() => {
  if (root) removeSite(root);
  root = undefined;
});

function site(extra: Record<string, string> = {}): string {
  return (root = makeSite({
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    ...extra,
  }));
}

describe('gazette new', () => {
  it('writes an item that is valid at once, and refuses to overwrite it', async () => {
    const dir = site();
    const made = await run(
      'new',
      'item',
      'CAC Fines "Big" App: RMB 1m',
      '--category',
      'enforcement',
      '--date',
      '2022-01-12',
      '--authority',
      'cac',
      '--root',
      dir,
    );
    expect(made.code).toBe(0);
    const file = 'content/items/2022/01/cac-fines-big-app-rmb-1m.md';
    expect(made.stdout).toContain(file);
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).toContain('title: "CAC Fines \\"Big\\" App: RMB 1m"');
    expect(text).toContain('TODO');
    const check = await run('check', '--root', dir);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    const build = await run('build', '--root', dir);
    expect(build.code).toBe(0);
    const page = readFileSync(join(dir, 'dist/items/cac-fines-big-app-rmb-1m/index.html'), 'utf8');
    expect(page).toContain('CAC Fines &quot;Big&quot; App: RMB 1m');
    const again = await run(
      'new',
      'item',
      'CAC Fines "Big" App: RMB 1m',
      '--category',
      'enforcement',
      '--date',
      '2022-01-12',
      '--root',
      dir,
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('refuses an unknown category or authority, with a suggestion', async () => {
    const dir = site();
    const category = await run('new', 'item', 'X', '--category', 'enforcment', '--root', dir);
    expect(category.code).toBe(2);
    expect(category.stderr).toContain('did you mean "enforcement"?');
    const authority = await run(
      'new',
      'item',
      'X',
      '--category',
      'courts',
      '--authority',
      'caac',
      '--root',
      dir,
    );
    expect(authority.code).toBe(2);
    expect(authority.stderr).toContain('did you mean "cac"?');
    expect((await run('new', 'item', 'X', '--root', dir)).stderr).toContain(
      '--category is required',
    );
    expect((await run('new', 'thing', 'X', '--root', dir)).code).toBe(2);
  });

  it('writes a bulletin that is valid at once', async () => {
    const dir = site();
    const made = await run('new', 'bulletin', '2022-04', '--root', dir);
    expect(made.code).toBe(0);
    const text = readFileSync(join(dir, 'content/bulletins/2022-04.md'), 'utf8');
    expect(text).toMatch(/^date: 2022-04-\d\d/m);
    expect(text).toMatch(/^covers: 2022-03/m);
    expect((await run('check', '--root', dir)).code).toBe(0);
    expect((await run('new', 'bulletin', '2022-13', '--root', dir)).code).toBe(2);
  });
});

describe('gazette check', () => {
  it('prints GitHub annotations with --format github', async () => {
    const dir = site({ 'content/items/a.md': item({ autority: 'cac' }) });
    const result = await run('check', '--root', dir, '--format', 'github');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '::error file=content/items/a.md,line=5,col=1,title=gazette field-unknown::unknown field "autority" in this item (hint: did you mean "authority"?)',
    );
  });

  it('refuses an unknown format and unknown flags (exit 2)', async () => {
    const dir = site();
    expect((await run('check', '--root', dir, '--format', 'xml')).code).toBe(2);
    expect((await run('check', '--bogus')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect((await run(name)).stderr).toContain(`unknown command "${name}"`);
    expect((await run()).code).toBe(2);
    expect((await run('--help')).code).toBe(0);
  });
});
