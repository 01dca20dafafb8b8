import fg from 'fast-glob';
import { realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic, START, type Diagnostic } from '../diagnostics.js';
import { checkFolder, checkLink, reportingFs } from './source.js';

export { checkLink } from './source.js';

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
 * stay inside the site; one that leads out of it is an error. A Markdown file
 * that would not be published (outside `items/` and `bulletins/`, or a
 * bulletin in a sub-folder) is an error too: it is a typo more often than not.
 */
export async function discover(root: string): Promise<SiteFiles> {
  const files: SiteFiles = { items: [], bulletins: [], diagnostics: [] };
  const folder = checkFolder(root, 'content');
  if (folder) {
    files.diagnostics.push(folder);
    return files;
  }
  const entries = await fg.glob('content/**', {
    cwd: root,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    dot: false,
    fs: reportingFs(root, files.diagnostics),
  });
  const realRoot = realpathSync(root);
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
      if (!isFile) {
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
    else files.diagnostics.push(misplaced(path));
  }
  return files;
}

function misplaced(path: string): Diagnostic {
  const bulletin = path.startsWith(BULLETINS_DIR);
  return diagnostic(
    path,
    START,
    'content-misplaced',
    bulletin
      ? 'a bulletin in a sub-folder is not published'
      : 'this file is neither an item nor a bulletin, so it would not be published',
    bulletin
      ? `move it to ${BULLETINS_DIR} and name it after its month, e.g. ${BULLETINS_DIR}2022-02.md`
      : `move items into ${ITEMS_DIR} and bulletins into ${BULLETINS_DIR}; a note for editors can be a .txt file`,
  );
}
