import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DevSession } from '../../src/dev/session.js';
import { AUTHORITIES, BULLETIN, item, makeSite, removeSite, run } from '../helpers.js';

/**
 * `public/` is copied as it is (issue 8, item 1): a custom domain's CNAME, a
 * favicon, dot files and `.well-known/` all reach the output byte for byte;
 * only a file at the address of a generated one is an error, naming both;
 * symbolic links are refused when they loop, break or leave the site.
 */
let roots: string[] = [];
afterEach(() => {
  for (const root of roots) removeSite(root);
  roots = [];
});

const PUBLIC: Record<string, string | Uint8Array> = {
  'public/CNAME': 'digest.example.org\n',
  'public/favicon.ico': new Uint8Array([0, 0, 1, 0, 1, 0, 16, 16]),
  'public/img/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'public/.well-known/security.txt': 'Contact: mailto:security@example.org\n',
  'public/.nojekyll': '',
  'public/_headers': '/*\n  X-Frame-Options: DENY\n',
  'public/_redirects': '/old /new 301\n',
};

function site(extra: Record<string, string | Uint8Array> = {}): string {
  const root = makeSite({
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    'content/items/a.md': item({ title: 'Alpha fined', authority: 'cac' }),
    ...extra,
  });
  roots.push(root);
  return root;
}

describe('public/', () => {
  it('is copied as it is, dot files included, and check and dev agree', async () => {
    const root = site(PUBLIC);
    const out = join(root, 'dist');
    const built = await run('build', '--root', root);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    for (const [path, content] of Object.entries(PUBLIC)) {
      const copied = readFileSync(join(out, path.slice('public/'.length)));
      expect(copied.equals(Buffer.from(content)), path).toBe(true);
    }
    expect((await run('check', '--root', root)).code).toBe(0);

    const session = new DevSession({ root });
    const update = await session.start();
    expect(update.diagnostics).toEqual([]);
    expect(String(session.get('CNAME'))).toBe('digest.example.org\n');
    expect(session.has('.well-known/security.txt')).toBe(true);
  });

  it('refuses a file at the address of a generated one, naming both, and keeps the old site', async () => {
    const root = site();
    expect((await run('build', '--root', root)).code).toBe(0);
    const before = readFileSync(join(root, 'dist/feed.xml'), 'utf8');
    mkdirSync(join(root, 'public/assets'), { recursive: true });
    const clash = site({ 'public/feed.xml': '<feed/>', 'public/assets/style.css': 'x{}' });
    const built = await run('build', '--root', clash);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain(
      'public/assets/style.css:1:1: error[public-conflict]: public/assets/style.css has the same address as the file gazette generates at /assets/style.css',
    );
    expect(built.stderr).toContain(
      'public/feed.xml:1:1: error[public-conflict]: public/feed.xml has the same address as the file gazette generates at /feed.xml',
    );
    expect(existsSync(join(clash, 'dist'))).toBe(false);
    expect(readFileSync(join(root, 'dist/feed.xml'), 'utf8')).toBe(before);

    const session = new DevSession({ root: clash });
    const update = await session.start();
    expect(update.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual([
      'public/assets/style.css public-conflict',
      'public/feed.xml public-conflict',
    ]);
  });

  it('refuses a name with a backslash, which browsers read as a slash (found by npm run fuzz)', async () => {
    const root = site({ 'public/a\\b.txt': 'x' });
    const built = await run('build', '--root', root);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain(
      'public/a\\b.txt:1:1: error[public-conflict]: public/a\\b.txt has a backslash',
    );
    expect(existsSync(join(root, 'dist'))).toBe(false);
    const session = new DevSession({ root, cacheDir: false });
    expect((await session.start()).diagnostics.map((d) => d.code)).toEqual(['public-conflict']);
  });

  it('refuses symbolic links that loop, break or leave the site, and follows the others', async () => {
    const root = site({ 'public/a/file.txt': 'a', 'assets-src/logo.svg': '<svg/>' });
    symlinkSync('..', join(root, 'public/a/up')); // back to public/: a loop
    mkdirSync(join(root, 'public/b'));
    symlinkSync('../b', join(root, 'public/b/self')); // a second loop
    symlinkSync('/etc', join(root, 'public/etc'));
    symlinkSync('missing.txt', join(root, 'public/broken.txt'));
    symlinkSync('../assets-src', join(root, 'public/img'));
    const started = Date.now();
    const built = await run('build', '--root', root);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(built.code).toBe(1);
    const codes = built.stderr
      .split('\n')
      .filter((line) => line.includes('error['))
      .map((line) => line.replace(/: error\[([^\]]+)\].*/, ' $1'));
    expect(codes).toEqual([
      'public/a/up:1:1 symlink-loop',
      'public/b/self:1:1 symlink-loop',
      'public/broken.txt:1:1 symlink-broken',
      'public/etc:1:1 symlink-outside',
    ]);

    const fixed = site({ 'public/a/file.txt': 'a', 'assets-src/logo.svg': '<svg/>' });
    symlinkSync('../assets-src', join(fixed, 'public/img'));
    expect((await run('build', '--root', fixed)).code).toBe(0);
    expect(readFileSync(join(fixed, 'dist/img/logo.svg'), 'utf8')).toBe('<svg/>');
  });
});
