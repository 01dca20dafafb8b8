import fg from 'fast-glob';
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { diagnostic, START, type Diagnostic } from '../diagnostics.js';
import { checkFolder, checkLink, notOrdinary, reportingFs } from './source.js';

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
  // A file where items/ or bulletins/ belongs would hide every item or bulletin.
  for (const dir of [ITEMS_DIR, BULLETINS_DIR]) {
    const problem = checkFolder(root, dir.slice(0, -1));
    if (problem?.code === 'file-unreadable') files.diagnostics.push(problem);
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
    const found = classify(root, realRoot, entry.path, entry.dirent);
    if (found.kind === 'item') files.items.push(entry.path);
    else if (found.kind === 'bulletin') files.bulletins.push(entry.path);
    else if (found.kind === 'problem') files.diagnostics.push(found.diagnostic);
  }
  return files;
}

/** What one path under `content/` is to the site. */
export type Found =
  { kind: 'item' | 'bulletin' } | { kind: 'problem'; diagnostic: Diagnostic } | { kind: 'none' };

/**
 * The rule for one entry of `content/`, as `discover` applies it to every
 * entry and `dev` to a path that changed: a Markdown file is an item, a
 * bulletin or misplaced; a link must stay inside the site and name a file.
 */
export function classify(
  root: string,
  realRoot: string,
  path: string,
  dirent: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean },
): Found {
  let isFile = dirent.isFile();
  let isFolder = dirent.isDirectory();
  if (dirent.isSymbolicLink()) {
    const problem = checkLink(root, realRoot, path);
    if (problem) return { kind: 'problem', diagnostic: problem };
    const target = statSync(join(root, path));
    isFile = target.isFile();
    isFolder = target.isDirectory();
    if (isFolder) {
      return {
        kind: 'problem',
        diagnostic: diagnostic(
          path,
          START,
          'symlink-folder',
          'gazette does not follow links to folders',
          'move the files into the folder, or link each file',
        ),
      };
    }
  }
  if (!path.toLowerCase().endsWith('.md')) return { kind: 'none' };
  // A named pipe or a socket called x.md: neither read (it could wait forever) nor passed over.
  if (!isFile)
    return isFolder ? { kind: 'none' } : { kind: 'problem', diagnostic: notOrdinary(path) };
  if (path.startsWith(ITEMS_DIR)) return { kind: 'item' };
  if (path.startsWith(BULLETINS_DIR) && !path.slice(BULLETINS_DIR.length).includes('/'))
    return { kind: 'bulletin' };
  return { kind: 'problem', diagnostic: misplaced(path) };
}

/**
 * One path under `content/` that changed, looked at alone (dev): what it is
 * now, or undefined when it is gone or is a folder (look at the whole tree).
 */
export function discoverPath(root: string, path: string): Found | undefined {
  if (checkFolder(root, 'content')) return undefined;
  // content/items or content/bulletins itself: the whole tree decides.
  if (`${path}/` === ITEMS_DIR || `${path}/` === BULLETINS_DIR) return undefined;
  let stat;
  try {
    stat = lstatSync(join(root, path), { throwIfNoEntry: false });
  } catch {
    return undefined; // a folder of its path became a file (ENOTDIR): the whole tree decides
  }
  if (!stat || stat.isDirectory()) return undefined;
  if (path.split('/').some((part) => part.startsWith('.'))) return { kind: 'none' };
  const realRoot = realpathSync(root);
  // Inside a linked folder: the whole tree decides (discover refuses the link).
  if (realpathSync(join(root, dirname(path))) !== join(realRoot, dirname(path))) return undefined;
  return classify(root, realRoot, path, stat);
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
