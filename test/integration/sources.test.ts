import { chmodSync, mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTHORITIES, BULLETIN, item, makeSite, removeSite, run } from '../helpers.js';

/**
 * The site's own files, read as a hostile tester would leave them (issue 8):
 * unreadable, linked out of the site, in the wrong folder. Each gets a
 * diagnostic naming the file and the right exit status, never a stack trace.
 */
let roots: string[] = [];
afterEach(() => {
  for (const root of roots) {
    chmodTree(root, 0o755, 0o644);
    removeSite(root);
  }
  roots = [];
});

function site(extra: Record<string, string> = {}): string {
  const root = makeSite({
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    'content/items/a.md': item({ title: 'Alpha fined', authority: 'cac' }),
    ...extra,
  });
  roots.push(root);
  return root;
}

function chmodTree(path: string, dirs: number, files: number): void {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isDirectory()) {
    chmodSync(path, dirs);
    for (const name of readdirSync(path)) chmodTree(join(path, name), dirs, files);
  } else chmodSync(path, files);
}

/**
 * Runs the in-process CLI as a user without privileges, so that a file
 * chmod 000 really cannot be read (root reads anything): as root, through the
 * effective user id, which root can take back afterwards.
 */
async function runUnprivileged(...argv: string[]) {
  const asRoot = process.getuid?.() === 0;
  if (asRoot) process.seteuid!(65534);
  try {
    return await run(...argv);
  } finally {
    if (asRoot) process.seteuid!(0);
  }
}

function codes(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.includes(': error['))
    .map((line) => line.replace(/:\d+:\d+: error\[([^\]]+)\].*/, ' $1'));
}

describe('unreadable files and folders', () => {
  it.each([
    ['content/items/a.md', 1],
    ['content/bulletins/2022-02.md', 1],
    ['data/authorities.yaml', 1],
    ['content/items', 1],
    ['gazette.config.yaml', 2],
  ])('%s: a diagnostic, exit %i, no stack trace', async (path, exit) => {
    const root = site({ 'gazette.config.yaml': 'title: T\n' });
    chmodTree(root, 0o777, 0o666);
    const result = await runUnprivileged('build', '--root', root);
    expect(result.code).toBe(0);
    chmodSync(join(root, path), 0);
    for (const command of ['build', 'check']) {
      const failed = await runUnprivileged(command, '--root', root);
      expect(failed.code, failed.stderr).toBe(exit);
      expect(failed.stderr).toContain(
        `${path}:1:1: error[file-unreadable]: gazette cannot read this (permission denied)`,
      );
      expect(failed.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('links out of the site, at the top of each source folder', () => {
  it.each(['content', 'data', 'templates', 'public'])(
    '%s/ linked to a folder outside',
    async (name) => {
      const outside = makeSite({
        'items/x.md': item({ title: 'From elsewhere' }),
        'authorities.yaml': AUTHORITIES,
        'layout.eta': 'x',
        'secret.txt': 'not for publishing',
      });
      roots.push(outside);
      const root = site();
      removeSite(join(root, name));
      symlinkSync(outside, join(root, name));
      for (const command of ['build', 'check']) {
        const result = await run(command, '--root', root);
        if (command === 'check' && (name === 'templates' || name === 'public')) continue;
        expect(result.code).toBe(1);
        expect(codes(result.stderr)).toContain(
          name === 'data' ? 'data/authorities.yaml symlink-outside' : `${name} symlink-outside`,
        );
      }
    },
  );

  it('a template linked inside the site is used; one linked outside is an error', async () => {
    const root = site({ 'snippets/robots.eta': 'User-agent: *\nDisallow: /\n' });
    mkdirSync(join(root, 'templates'));
    symlinkSync('../snippets/robots.eta', join(root, 'templates/robots.eta'));
    expect((await run('build', '--root', root)).code).toBe(0);
    symlinkSync('/etc/hostname', join(root, 'templates/404.eta'));
    const result = await run('build', '--root', root);
    expect(result.code).toBe(1);
    expect(codes(result.stderr)).toEqual(['templates/404.eta symlink-outside']);
  });
});

describe('Markdown files that would not be published', () => {
  it('outside items/ and bulletins/, or a bulletin in a sub-folder, are errors', async () => {
    const root = site({
      'content/item/typo.md': item(),
      'content/notes.md': 'editors only\n',
      'content/bulletins/2022/2022-03.md': BULLETIN,
      'content/items/2022/01/picture.png': 'not markdown: left alone',
    });
    const result = await run('check', '--root', root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'content/bulletins/2022/2022-03.md:1:1: error[content-misplaced]: a bulletin in a sub-folder is not published',
    );
    expect(codes(result.stderr)).toEqual([
      'content/bulletins/2022/2022-03.md content-misplaced',
      'content/item/typo.md content-misplaced',
      'content/notes.md content-misplaced',
    ]);
  });
});

describe('a missing --root', () => {
  it.each(['build', 'check', 'dev'])('%s: exit 2 with a hint, no stack trace', async (command) => {
    const result = await run(command, '--root', '/nonexistent/site');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/nonexistent/site');
    expect(result.stderr).toContain('--root');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
