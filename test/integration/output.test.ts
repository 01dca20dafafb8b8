import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskWriter, recover } from '../../src/output/disk.js';
import { MANIFEST } from '../../src/output/manifest.js';
import {
  AUTHORITIES,
  BULLETIN,
  item,
  makeSite,
  previousSite,
  removeSite,
  run,
} from '../helpers.js';

/**
 * The output folder (issue 8, item 2): gazette never replaces what it must
 * not, never loses the published site, and leaves nothing behind.
 */
let roots: string[] = [];
afterEach(() => {
  for (const root of roots) removeSite(root);
  roots = [];
});

function site(extra: Record<string, string> = {}): string {
  const root = makeSite({
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    'content/items/a.md': item({ title: 'Alpha fined', authority: 'cac' }),
    'content/items/b.md': item({ title: 'Beta rules', category: 'legislation' }),
    'README.md': 'the editors read this\n',
    ...extra,
  });
  roots.push(root);
  return root;
}

/** Every file under `dir`, path → content. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

/** Names beside the output that a build leaves only while it runs. */
function leftovers(parent: string): string[] {
  return readdirSync(parent).filter((name) => /\.gazette-(new|old|lock)/.test(name));
}

describe('--out that would lose the sources is refused (exit 2)', () => {
  it('through a symbolic link to the site', async () => {
    const root = site();
    const link = `${root}-link`;
    symlinkSync(root, link);
    roots.push(link);
    const result = await run('build', '--root', link, '--out', join(root, 'content'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/lies inside the site's content\//);
    expect(readFileSync(join(root, 'content/items/a.md'), 'utf8')).toContain('Alpha fined');
  });

  it.each([
    ['content', /lies inside the site's content\//],
    ['content/items', /lies inside the site's content\//],
    ['data', /lies inside the site's data\//],
    ['templates', /lies inside the site's templates\//],
    ['public', /lies inside the site's public\//],
    ['gazette.config.yaml', /lies inside the site's gazette\.config\.yaml/],
    ['.git', /lies inside the site's \.git/],
    ['.', /is the site folder itself/],
    ['..', /holds the site folder/],
  ])('--out %s', async (out, message) => {
    const root = site({ 'gazette.config.yaml': 'title: T\n', '.git/HEAD': 'ref\n' });
    mkdirSync(join(root, 'templates'));
    mkdirSync(join(root, 'public'));
    const result = await run('build', '--root', root, '--out', join(root, out));
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(existsSync(join(root, 'content/items/a.md'))).toBe(true);
    expect(readFileSync(join(root, 'gazette.config.yaml'), 'utf8')).toBe('title: T\n');
    expect(leftovers(root)).toEqual([]);
  });

  it('--out naming an existing file', async () => {
    const root = site();
    const result = await run('build', '--root', root, '--out', join(root, 'README.md'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a file, not a folder');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe('the editors read this\n');
  });

  it('a non-empty folder gazette did not write, unless --empty-out-dir', async () => {
    const root = site({ 'thesis/.git/HEAD': 'ref\n', 'thesis/chapter-1.tex': 'Once…\n' });
    const out = join(root, 'thesis');
    const refused = await run('build', '--root', root, '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `${out} holds files gazette did not write (2 entries: .git, chapter-1.tex); gazette will not replace it`,
    );
    expect(refused.stderr).toContain('pass --empty-out-dir');
    expect(readFileSync(join(out, 'chapter-1.tex'), 'utf8')).toBe('Once…\n');

    const allowed = await run('build', '--root', root, '--out', out, '--empty-out-dir');
    expect(allowed.code).toBe(0);
    expect(existsSync(join(out, 'chapter-1.tex'))).toBe(false);
    expect(existsSync(join(out, 'items/alpha/index.html'))).toBe(false);
    expect(existsSync(join(out, 'items/a/index.html'))).toBe(true);
    expect(leftovers(root)).toEqual([]);
  });

  it('an empty folder is fine', async () => {
    const root = site();
    mkdirSync(join(root, 'dist'));
    expect((await run('build', '--root', root)).code).toBe(0);
    expect(existsSync(join(root, 'dist', MANIFEST))).toBe(true);
  });
});

describe('relative --out', () => {
  it('is resolved against the current folder, as every other tool does', async () => {
    const root = site();
    const elsewhere = makeSite({});
    roots.push(elsewhere);
    const cwd = process.cwd();
    process.chdir(elsewhere);
    try {
      expect((await run('build', '--root', root, '--out', 'public-html')).code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(existsSync(join(elsewhere, 'public-html/items/a/index.html'))).toBe(true);
    expect(existsSync(join(root, 'public-html'))).toBe(false);
    expect((await run('build', '--help')).stdout).toContain(
      '--out is resolved against the current folder',
    );
  });
});

describe('a second build', () => {
  it('leaves unchanged files alone, rewrites changed ones, removes what is gone', async () => {
    const root = site();
    expect((await run('build', '--root', root)).code).toBe(0);
    const out = join(root, 'dist');
    const before = statSync(join(out, 'items/b/index.html'));
    writeFileSync(join(root, 'content/items/a.md'), item({ title: 'Alpha fined again' }));
    rmSync(join(root, 'content/items/b.md'));
    writeFileSync(join(root, 'content/items/c.md'), item({ title: 'Gamma', category: 'courts' }));
    const fresh = site({
      'content/items/a.md': item({ title: 'Alpha fined again' }),
      'content/items/c.md': item({ title: 'Gamma', category: 'courts' }),
    });
    rmSync(join(fresh, 'content/items/b.md'));
    expect((await run('build', '--root', root)).code).toBe(0);
    expect((await run('build', '--root', fresh)).code).toBe(0);
    expect(tree(out)).toEqual(tree(join(fresh, 'dist')));
    expect(existsSync(join(out, 'items/b'))).toBe(false);

    const css = statSync(join(out, 'assets/style.css'));
    expect((await run('build', '--root', root)).code).toBe(0);
    expect(statSync(join(out, 'assets/style.css')).mtimeMs).toBe(css.mtimeMs);
    expect(before.ino).toBeGreaterThan(0);
    expect(leftovers(root)).toEqual([]);
  });

  it('writes a file again when it was changed by hand', async () => {
    const root = site();
    expect((await run('build', '--root', root)).code).toBe(0);
    const page = join(root, 'dist/items/a/index.html');
    const good = readFileSync(page, 'utf8');
    writeFileSync(page, 'tampered');
    rmSync(join(root, 'dist/feed.xml'));
    expect((await run('build', '--root', root)).code).toBe(0);
    expect(readFileSync(page, 'utf8')).toBe(good);
    expect(existsSync(join(root, 'dist/feed.xml'))).toBe(true);
  });
});

describe('what a killed build leaves', () => {
  it('a stage never committed is deleted; the site stays as it was', async () => {
    const root = site();
    expect((await run('build', '--root', root)).code).toBe(0);
    const good = tree(join(root, 'dist'));
    mkdirSync(join(root, 'dist.gazette-new-99999999-0a0b/items/x'), { recursive: true });
    writeFileSync(join(root, 'dist.gazette-new-99999999-0a0b/items/x/index.html'), 'half');
    writeFileSync(join(root, 'dist.gazette-lock'), '{"pid":99999999,"start":"1","token":"0a0b"}');
    writeFileSync(join(root, 'content/items/bad.md'), item({ category: 'nope' }));
    expect((await run('build', '--root', root)).code).toBe(1);
    expect(tree(join(root, 'dist'))).toEqual(good);
    expect(leftovers(root)).toEqual([]);
  });

  it('an old site moved aside comes back when the output is missing', async () => {
    const root = site();
    expect((await run('build', '--root', root)).code).toBe(0);
    const good = tree(join(root, 'dist'));
    const { renameSync } = await import('node:fs');
    renameSync(join(root, 'dist'), join(root, 'dist.gazette-old-99999999-0c0d'));
    writeFileSync(join(root, 'content/items/bad.md'), item({ category: 'nope' }));
    expect((await run('build', '--root', root)).code).toBe(1);
    expect(tree(join(root, 'dist'))).toEqual(good);
    expect(leftovers(root)).toEqual([]);
  });

  it('refuses to write while another build holds the output', async () => {
    const root = site();
    const lock = DiskWriter.open(join(root, 'dist'));
    try {
      const result = await run('build', '--root', root);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`another gazette build (process ${process.pid}) is writing`);
    } finally {
      await lock.abort();
    }
    expect((await run('build', '--root', root)).code).toBe(0);
  });
});

/**
 * Every point at which a commit can stop: the writer is stopped after each
 * step (as kill -9 would stop it), then the next build's recovery must give
 * either the old site or the new one, whole, with nothing left beside it.
 */
describe('a commit stopped at any step', () => {
  const OLD = { 'index.html': 'old home', 'items/a/index.html': 'old a', 'gone/index.html': 'x' };
  const NEW = { 'index.html': 'new home', 'items/a/index.html': 'new a', gone: 'now a file' };

  async function commitUntil(out: string, stop: string | undefined, replace: boolean) {
    let reached = 0;
    const writer = DiskWriter.open(out, {
      emptyOutDir: replace,
      onStep: (step) => {
        if (step === stop && ++reached === 1) throw new Error('crash');
      },
    });
    for (const [path, content] of Object.entries(NEW)) writer.write(path, content, content);
    await writer.commit().catch(() => undefined);
  }

  function setUp(replace: boolean): { root: string; out: string } {
    const root = site();
    const out = join(root, 'dist');
    if (replace) {
      mkdirSync(out);
      for (const [path, content] of Object.entries(OLD)) {
        mkdirSync(join(out, path, '..'), { recursive: true });
        writeFileSync(join(out, path), content);
      }
    } else {
      previousSite(out, OLD);
    }
    return { root, out };
  }

  const withoutManifest = (files: Map<string, string>) => {
    files.delete(MANIFEST);
    return Object.fromEntries(files);
  };

  it.each([
    ['apply', 'manifest'],
    ['apply', 'committed'],
    ['apply', 'removed'],
    ['apply', 'moved'],
    ['apply', 'manifest-moved'],
    ['apply', undefined],
    ['replace', 'manifest'],
    ['replace', 'committed'],
    ['replace', 'aside'],
    ['replace', 'uncommitted'],
    ['replace', 'replaced'],
    ['replace', undefined],
  ])('%s, stopped after %s', async (mode, stop) => {
    const { root, out } = setUp(mode === 'replace');
    await commitUntil(out, stop, mode === 'replace');
    recover(out);
    const after = existsSync(out) ? withoutManifest(tree(out)) : undefined;
    expect([OLD, NEW]).toContainEqual(after);
    expect(leftovers(root)).toEqual([]);
    if (stop === undefined || stop === 'manifest-moved' || stop === 'replaced')
      expect(after).toEqual(NEW);
  });
});

describe('a disk that is full or read-only', () => {
  const asRoot = process.getuid?.() === 0;

  /** A small tmpfs at `dir` (root only): the real failure, not a simulation. */
  async function mount(dir: string, options: string): Promise<boolean> {
    const { execFileSync } = await import('node:child_process');
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  async function unmount(dir: string): Promise<void> {
    const { execFileSync } = await import('node:child_process');
    execFileSync('umount', [dir], { stdio: 'ignore' });
  }

  it.skipIf(!asRoot)(
    'full: a clear error naming the folder, old site intact, nothing left',
    async (ctx) => {
      const root = site();
      const disk = join(root, 'disk');
      // Reported as skipped, not passed, where no tmpfs can be mounted.
      if (!(await mount(disk, 'size=512k'))) return ctx.skip();
      try {
        const out = join(disk, 'site');
        expect((await run('build', '--root', root, '--out', out)).code).toBe(0);
        const good = tree(out);
        mkdirSync(join(root, 'public'));
        writeFileSync(join(root, 'public/big.bin'), Buffer.alloc(1024 * 1024, 7));
        const result = await run('build', '--root', root, '--out', out);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`in ${out}: the disk is full`);
        expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
        expect(tree(out)).toEqual(good);
        expect(leftovers(disk)).toEqual([]);
      } finally {
        await unmount(disk);
      }
    },
  );

  it.skipIf(!asRoot)('read-only: a clear error naming the folder, nothing left', async (ctx) => {
    const root = site();
    const disk = join(root, 'ro');
    if (!(await mount(disk, 'size=64k,ro'))) return ctx.skip();
    try {
      const result = await run('build', '--root', root, '--out', join(disk, 'site'));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(disk);
      expect(result.stderr).toContain('the file system is read-only');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(leftovers(disk)).toEqual([]);
    } finally {
      await unmount(disk);
    }
  });
});

describe('the cache knows an unchanged file by its stat', () => {
  it('and still reads a file changed with its size and modification time kept', async () => {
    const root = site();
    const file = join(root, 'content/items/a.md');
    const old = new Date('2020-01-01T00:00:00Z');
    const { utimesSync } = await import('node:fs');
    utimesSync(file, old, old);
    expect((await run('build', '--root', root)).code).toBe(0);
    expect((await run('build', '--root', root)).code).toBe(0); // now its stat is trusted
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('Alpha fined', 'Omega fined'));
    utimesSync(file, old, old); // the same size, the same mtime: only ctime tells
    expect((await run('build', '--root', root)).code).toBe(0);
    expect(readFileSync(join(root, 'dist/items/a/index.html'), 'utf8')).toContain('Omega fined');
  });
});
