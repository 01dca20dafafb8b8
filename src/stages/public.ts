import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic, START, type Diagnostic } from '../diagnostics.js';
import type { OutputFile } from './render.js';
import { checkFolder, checkLink, unreadable } from './source.js';

export const PUBLIC_DIR = 'public';

/**
 * The files of `public/`, copied as they are (dot files such as `.nojekyll`
 * and `.well-known/` included). Symbolic links are followed while they stay
 * inside the site; a link out of it, a broken link and a link back to a
 * folder it is inside of (a loop) are errors, never silence or a hang.
 */
export function readPublic(root: string): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const top = join(root, PUBLIC_DIR);
  if (!lstatSync(top, { throwIfNoEntry: false })) return { files, diagnostics };
  const folder = checkFolder(root, PUBLIC_DIR);
  if (folder) return { files, diagnostics: [folder] };
  const realRoot = realpathSync(root);

  /** Walks the folder `rel` (relative to public/), whose real path is `real`; `above` holds the real paths of the folders it is inside of. */
  const walk = (rel: string, real: string, above: ReadonlySet<string>) => {
    const inside = new Set(above).add(real);
    let names: string[];
    try {
      names = readdirSync(join(top, rel)).sort();
    } catch (error) {
      diagnostics.push(unreadable(rel === '' ? PUBLIC_DIR : `${PUBLIC_DIR}/${rel}`, error));
      return;
    }
    for (const name of names) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const shown = `${PUBLIC_DIR}/${path}`;
      if (name.includes('\\')) {
        // Browsers read "\" in an address as "/": the file could never be reached.
        diagnostics.push(
          diagnostic(
            shown,
            START,
            'public-conflict',
            `${shown} has a backslash in its name, which browsers read as "/" in an address: it would be published at another path`,
            'rename the file without the backslash',
          ),
        );
        continue;
      }
      const abs = join(top, path);
      const link = lstatSync(abs);
      let target = abs;
      if (link.isSymbolicLink()) {
        const problem = checkLink(root, realRoot, shown);
        if (problem) {
          diagnostics.push(problem);
          continue;
        }
        target = realpathSync(abs);
      }
      const stat = link.isSymbolicLink() ? statSync(target) : link;
      if (stat.isDirectory()) {
        const realDir = link.isSymbolicLink() ? target : join(real, name);
        if (inside.has(realDir)) {
          diagnostics.push(
            diagnostic(
              shown,
              START,
              'symlink-loop',
              'this link leads back to a folder it is inside of, so the folder would never end',
              'remove the link, or link to the files it should add',
            ),
          );
          continue;
        }
        walk(path, realDir, inside);
      } else if (stat.isFile()) {
        try {
          files.push({ path, content: readFileSync(target) });
        } catch (error) {
          diagnostics.push(unreadable(shown, error));
        }
      }
    }
  };
  walk('', realpathSync(top), new Set());
  return { files, diagnostics };
}
