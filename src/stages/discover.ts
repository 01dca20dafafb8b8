import fg from 'fast-glob';
import { realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { diagnostic, START, type Diagnostic } from '../diagnostics.js';

/** The content files of a site, as paths relative to its root. */
export interface SiteFiles {
  items: string[];
  bulletins: string[];
  diagnostics: Diagnostic[];
}

export const ITEMS_DIR = 'content/items/';
export const BULLETINS_DIR = 'content/bulletins/';

/**
 * Finds every item and bulletin. Symbolic links are followed only when they
 * stay inside the site; one that leads out of it is an error.
 */
export async function discover(root: string): Promise<SiteFiles> {
  const entries = await fg.glob('content/**', {
    cwd: root,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    dot: false,
  });
  const realRoot = realpathSync(root);
  const files: SiteFiles = { items: [], bulletins: [], diagnostics: [] };
  for (const entry of entries.sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const path = entry.path;
    let isFile = entry.dirent.isFile();
    if (entry.dirent.isSymbolicLink()) {
      const problem = checkLink(root, realRoot, path);
      if (problem) {
        files.diagnostics.push(problem);
        continue;
      }
      isFile = statSync(join(root, path)).isFile();
      if (!isFile && path.startsWith('content/')) {
        files.diagnostics.push(
          diagnostic(
            path,
            START,
            'symlink-folder',
            'gazette does not follow links to folders',
            'move the files into the folder, or link each file',
          ),
        );
        continue;
      }
    }
    if (!isFile || !path.toLowerCase().endsWith('.md')) continue;
    if (path.startsWith(ITEMS_DIR)) files.items.push(path);
    else if (path.startsWith(BULLETINS_DIR) && !path.slice(BULLETINS_DIR.length).includes('/'))
      files.bulletins.push(path);
  }
  return files;
}

/** An error when the link at `path` (relative to the site) is broken or leads out of the site. */
export function checkLink(root: string, realRoot: string, path: string): Diagnostic | undefined {
  let target: string;
  try {
    target = realpathSync(join(root, path));
  } catch {
    return diagnostic(
      path,
      START,
      'symlink-broken',
      'this link points to nothing',
      'remove the link or restore its target',
    );
  }
  const inside = relative(realRoot, target);
  if (inside.startsWith('..') || inside.split(sep)[0] === '..' || /^[a-zA-Z]:|^\//.test(inside)) {
    return diagnostic(
      path,
      START,
      'symlink-outside',
      `this link leads out of the site (to ${target})`,
      'copy the file into the site instead of linking to it',
    );
  }
  return undefined;
}
