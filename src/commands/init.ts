import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, type Io } from '../cli.js';
import { gazetteVersion } from '../version.js';
import type { Values } from './index.js';

/** The files of a new site, shipped with gazette (`starter/` in the package). */
export const STARTER = fileURLToPath(new URL('../../starter/', import.meta.url));

/**
 * Names the package cannot hold as they are: npm never packs a `.gitignore`
 * (it reads it as `.npmignore`), and a dot folder is easy to lose, so the
 * starter keeps them without the dot.
 */
const RENAMED = new Map([
  ['gitignore', '.gitignore'],
  ['github', '.github'],
]);

/** What an empty folder may already hold: `git init`, or a clone of an empty repository. */
const ALLOWED = new Set(['.git']);

/** `gazette init [DIR]`: a site that builds at once, in a folder that is empty. */
export async function runInit(_values: Values, io: Io, positionals: string[]): Promise<number> {
  if (positionals.length > 1) {
    io.err('usage: gazette init [DIR]\n  (one folder: the new site; default the current folder)');
    return EXIT.usage;
  }
  const dir = resolve(positionals[0] ?? '.');
  const shown = relative(process.cwd(), dir) || '.';
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) {
    io.err(`gazette init: ${shown} is a file, not a folder; nothing written`);
    return EXIT.usage;
  }
  const present = stat ? readdirSync(dir).filter((name) => !ALLOWED.has(name)) : [];
  if (present.length > 0) {
    const names = present.sort().slice(0, 5).join(', ') + (present.length > 5 ? ', …' : '');
    io.err(
      `gazette init: ${shown} is not empty (it holds ${names}); nothing written\n` +
        '  hint: start the site in a new folder, e.g. gazette init my-digest',
    );
    return EXIT.usage;
  }
  const files = [...starterFiles(STARTER, '')];
  files.push({ path: 'package.json', bytes: Buffer.from(packageJson(basename(dir))) });
  try {
    for (const file of files) {
      const target = join(dir, file.path);
      mkdirSync(dirname(target), { recursive: true });
      // 'wx': never over a file that appeared meanwhile, never through a link.
      writeFileSync(target, file.bytes, { flag: 'wx' });
    }
  } catch (error) {
    io.err(`gazette init: cannot write into ${shown}: ${(error as Error).message}`);
    return EXIT.usage;
  }
  const cd =
    shown === '.' ? '' : `  cd ${/^[\w./-]+$/.test(shown) ? shown : JSON.stringify(shown)}\n`;
  io.out(
    `gazette: started a digest site in ${shown} (${files.length} files)\n\n` +
      `Next:\n${cd}` +
      '  npm install      # installs gazette; commit package-lock.json too\n' +
      '  npm run dev      # preview at http://127.0.0.1:8080/, drafts included\n\n' +
      'The example item and bulletin are drafts (draft: true): a build leaves them out\n' +
      'until that line is removed. README.md tells how to add items, check and publish.',
  );
  return EXIT.ok;
}

/** The starter's files, by their path in a new site. */
function* starterFiles(dir: string, prefix: string): Generator<{ path: string; bytes: Buffer }> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const name = (prefix === '' && RENAMED.get(entry.name)) || entry.name;
    const path = prefix === '' ? name : `${prefix}/${name}`;
    if (entry.isDirectory()) yield* starterFiles(join(dir, entry.name), path);
    else if (entry.isFile()) yield { path, bytes: readFileSync(join(dir, entry.name)) };
  }
}

/** The site's package.json: the scripts its README names, and this gazette. */
export function packageJson(folder: string): string {
  const name =
    folder
      .toLowerCase()
      .replace(/[^a-z0-9._~-]+/g, '-')
      .replace(/^[._-]+|-+$/g, '')
      .slice(0, 214) || 'digest';
  const pkg = {
    name,
    private: true,
    description: 'A regulatory-news digest, built with gazette',
    scripts: {
      build: 'gazette build',
      dev: 'gazette dev --drafts',
      check: 'gazette check',
      serve: 'gazette serve',
    },
    dependencies: { gazette: `^${gazetteVersion()}` },
    engines: { node: '>=20.19' },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
