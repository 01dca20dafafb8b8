import fg from 'fast-glob';
import { readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { diagnostic, START, type Diagnostic } from '../diagnostics.js';
import type { OutputFile } from './render.js';

/** The files of `public/`, copied as they are; links out of the site are refused. */
export function readPublic(root: string): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const realRoot = realpathSync(root);
  for (const rel of fg
    .globSync('**/*', {
      cwd: join(root, 'public'),
      onlyFiles: true,
      dot: true,
      followSymbolicLinks: true,
    })
    .sort()) {
    const abs = join(root, 'public', rel);
    const shown = `public/${rel}`;
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      diagnostics.push(diagnostic(shown, START, 'symlink-broken', 'this link points to nothing'));
      continue;
    }
    const inside = relative(realRoot, real);
    if (inside.split(sep)[0] === '..' || inside.startsWith(sep)) {
      diagnostics.push(
        diagnostic(
          shown,
          START,
          'symlink-outside',
          `this link leads out of the site (to ${real})`,
          'copy the file into public/ instead of linking to it',
        ),
      );
      continue;
    }
    files.push({ path: rel, content: readFileSync(abs) });
  }
  return { files, diagnostics };
}
