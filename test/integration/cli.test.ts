import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
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
    // A draft until an editor removes the line: built only with --drafts.
    expect(text).toMatch(/^draft: true/m);
    expect((await run('build', '--root', dir)).code).toBe(0);
    expect(existsSync(join(dir, 'dist/items/cac-fines-big-app-rmb-1m/index.html'))).toBe(false);
    expect((await run('build', '--root', dir, '--drafts')).code).toBe(0);
    const page = readFileSync(join(dir, 'dist/items/cac-fines-big-app-rmb-1m/index.html'), 'utf8');
    expect(page).toContain('CAC Fines &quot;Big&quot; App: RMB 1m');
    expect(page).toContain('TODO');
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
    expect(again.stderr).toContain(
      'an item already has the URL name "cac-fines-big-app-rmb-1m": content/items/2022/01/cac-fines-big-app-rmb-1m.md',
    );
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

  it('takes --slug, and says to use it for a title without Latin letters', async () => {
    const dir = site();
    const cjk = await run(
      'new',
      'item',
      '网络安全审查办法',
      '--category',
      'legislation',
      '--root',
      dir,
    );
    expect(cjk.code).toBe(2);
    expect(cjk.stderr).toContain('give one with --slug');
    const made = await run(
      'new',
      'item',
      '网络安全审查办法',
      '--category',
      'legislation',
      '--date',
      '2022-01-04',
      '--slug',
      'cybersecurity-review-measures',
      '--root',
      dir,
    );
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('content/items/2022/01/cybersecurity-review-measures.md');
    expect((await run('check', '--root', dir)).code).toBe(0);
    for (const bad of ['Bad Slug', '../up', 'x'.repeat(101)]) {
      const refused = await run(
        'new',
        'item',
        'T',
        '--category',
        'courts',
        '--slug',
        bad,
        '--root',
        dir,
      );
      expect(refused.code, bad).toBe(2);
    }
  });

  it('refuses a URL name another item already has, wherever its file is', async () => {
    const dir = site({
      'content/items/2021/05/app-fined.md': item({ title: 'Old' }),
      'content/items/other.md': item({ title: 'Other', slug: 'named-by-field' }),
    });
    const same = await run(
      'new',
      'item',
      'App Fined',
      '--category',
      'enforcement',
      '--date',
      '2022-01-10',
      '--root',
      dir,
    );
    expect(same.code).toBe(2);
    expect(same.stderr).toContain(
      'an item already has the URL name "app-fined": content/items/2021/05/app-fined.md',
    );
    const field = await run('new', 'item', 'Named by field', '--category', 'courts', '--root', dir);
    expect(field.stderr).toContain('content/items/other.md');
  });

  it('says which file to create when the site has no authority registry', async () => {
    const dir = site();
    removeSite(join(dir, 'data'));
    const result = await run(
      'new',
      'item',
      'X',
      '--category',
      'courts',
      '--authority',
      'cnil',
      '--root',
      dir,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the site has no data/authorities.yaml yet');
    expect(result.stderr).toContain('  cnil:\n    name:');
  });

  it('never writes through a link, nor out of the site', async () => {
    const dir = site();
    const outside = makeSite({});
    try {
      mkdirSync(join(dir, 'content/bulletins'), { recursive: true });
      symlinkSync(join(outside, 'planted.md'), join(dir, 'content/bulletins/2022-05.md'));
      const dangling = await run('new', 'bulletin', '2022-05', '--root', dir);
      expect(dangling.code).toBe(2);
      expect(dangling.stderr).toContain('already exists');
      expect(existsSync(join(outside, 'planted.md'))).toBe(false);

      mkdirSync(join(dir, 'content/items'), { recursive: true });
      symlinkSync(outside, join(dir, 'content/items/2023'));
      const linked = await run(
        'new',
        'item',
        'Y',
        '--category',
        'courts',
        '--date',
        '2023-02-01',
        '--root',
        dir,
      );
      expect(linked.code).toBe(2);
      expect(linked.stderr).toContain('leads out of the site');
      expect(readdirSync(outside)).toEqual([]);
    } finally {
      removeSite(outside);
    }
  });

  it('writes a bulletin that is valid at once', async () => {
    const dir = site();
    const made = await run('new', 'bulletin', '2022-04', '--root', dir);
    expect(made.code).toBe(0);
    const text = readFileSync(join(dir, 'content/bulletins/2022-04.md'), 'utf8');
    expect(text).toMatch(/^date: 2022-04-\d\d/m);
    expect(text).toMatch(/^covers: 2022-03/m);
    expect(text).toMatch(/^draft: true/m);
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

describe('drafts left out of a build', () => {
  it('are named, with how to publish and preview them; none with --drafts', async () => {
    const dir = site({
      'content/items/a.md': item({ title: 'Published' }),
      'content/items/b.md': item({ title: 'Draft item', draft: 'true' }),
      'content/bulletins/2022-03.md': '---\ndate: 2022-03-15\ndraft: true\n---\nNext.\n',
    });
    const built = await run('build', '--root', dir);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toContain(
      'gazette: 2 drafts are left out (draft: true); to publish one, delete that line from its file',
    );
    expect(built.stdout).toContain('gazette build --drafts and gazette dev --drafts show them');
    expect(built.stdout).toContain('\n  content/bulletins/2022-03.md\n  content/items/b.md\n');
    expect(built.stdout).not.toContain('content/items/a.md');
    expect(existsSync(join(dir, 'dist/items/b/index.html'))).toBe(false);
    const checked = await run('check', '--root', dir);
    expect(checked.stdout).toContain('2 drafts are left out');
    const all = await run('build', '--root', dir, '--drafts');
    expect(all.code).toBe(0);
    expect(all.stdout).not.toContain('draft');
    expect(existsSync(join(dir, 'dist/items/b/index.html'))).toBe(true);
  });
});
