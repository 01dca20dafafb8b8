import { diagnostic, START, type Diagnostic, type Position } from '../diagnostics.js';

/**
 * Every file of the output has one address, and no address gets in another's
 * way: two files at one path, a file where another needs a folder
 * (`feed.xml` and `feed.xml/index.html`), or two paths that differ only in
 * case (one file on a case-insensitive host or disk). The addresses content
 * chooses — an item's aliases, the files of `public/` — are checked against
 * everything gazette generates, and blamed where they are written.
 */
export interface Address {
  /** Output path: `old/page/index.html`. */
  path: string;
  /** The item whose page it is, for messages. */
  file?: string;
}

export interface ChosenAddress {
  /** Output path: `old/page/index.html`. */
  path: string;
  /** As the editor wrote it (`/old/page/`, `public/CNAME`). */
  shown: string;
  file: string;
  at: Position;
  kind: 'alias' | 'public';
  /** For an alias: the output path of the page it sends readers to. */
  target?: string;
}

type Owner = { file?: string; kind: 'page' | 'alias' | 'public' };

export function addressConflicts(
  generated: Iterable<Address>,
  chosen: readonly ChosenAddress[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, Owner>();
  const folders = new Map<string, Owner>();
  const folded = new Map<string, { path: string; owner: Owner }>();
  const claim = (path: string, owner: Owner) => {
    files.set(path, owner);
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (!folders.has(folder)) folders.set(folder, owner);
    }
    folded.set(path.toLowerCase(), { path, owner });
  };
  for (const page of generated) claim(page.path, { file: page.file, kind: 'page' });

  for (const address of chosen) {
    const found = conflict(address.path, files, folders, folded);
    if (found) diagnostics.push(blame(address, found));
    else claim(address.path, { file: address.file, kind: address.kind });
  }
  return diagnostics;
}

type Found = { path: string; owner: Owner; how: 'same' | 'folder' | 'file' | 'case' };

function conflict(
  path: string,
  files: Map<string, Owner>,
  folders: Map<string, Owner>,
  folded: Map<string, { path: string; owner: Owner }>,
): Found | undefined {
  const same = files.get(path);
  if (same) return { path, owner: same, how: 'same' };
  const inside = folders.get(path);
  if (inside) return { path, owner: inside, how: 'folder' };
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const folder = parts.slice(0, i).join('/');
    const file = files.get(folder);
    if (file) return { path: folder, owner: file, how: 'file' };
  }
  const cased = folded.get(path.toLowerCase());
  if (cased) return { path: cased.path, owner: cased.owner, how: 'case' };
  return undefined;
}

/** `/items/x/` for `items/x/index.html`; `/feed.xml` for `feed.xml`. */
function sitePath(path: string): string {
  return `/${path.replace(/(^|\/)index\.html$/, '$1')}`;
}

function whose(owner: Owner): string {
  if (owner.kind === 'page')
    return owner.file ? `the page of ${owner.file}` : 'a page gazette generates';
  return owner.kind === 'alias' ? `an alias in ${owner.file}` : owner.file!;
}

function blame(address: ChosenAddress, found: Found): Diagnostic {
  const where = sitePath(found.path);
  const { shown } = address;
  if (address.kind === 'alias' && found.how === 'same' && address.target === address.path) {
    return diagnostic(
      address.file,
      address.at,
      'alias-self',
      `alias ${shown} is this item's own address: the page would send readers to itself`,
      'remove the alias',
    );
  }
  const problem =
    found.how === 'same'
      ? `is already ${where === shown ? 'the address of' : `${where},`} ${whose(found.owner)}`
      : found.how === 'folder'
        ? `cannot be a file: ${where} is a folder of ${whose(found.owner)}`
        : found.how === 'file'
          ? `cannot be written: ${where} is ${found.owner.kind === 'page' && !found.owner.file ? 'a file gazette generates' : `a file: ${whose(found.owner)}`}`
          : `differs only in capitals from ${where}, ${whose(found.owner)}: on a case-insensitive host or disk the two are one file`;
  if (address.kind === 'alias') {
    return diagnostic(
      address.file,
      address.at,
      found.owner.kind === 'page' ? 'alias-conflict' : 'alias-duplicate',
      `alias ${shown} ${problem}`,
      'remove the alias, or write the old address it stands for',
    );
  }
  return diagnostic(
    address.file,
    START,
    'public-conflict',
    found.how === 'same' && found.owner.kind === 'page'
      ? `${shown} has the same address as the file gazette generates at ${where}`
      : `${shown} ${problem}`,
    'rename or remove the file in public/, or move it to another folder',
  );
}
