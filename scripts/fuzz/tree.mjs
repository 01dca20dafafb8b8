// A site as plain data, so that a case can be made, changed, shrunk, sent to
// a worker and written to disk: a Map from a path relative to the site
// ('content/items/a.md') to an entry:
//
//   { kind: 'file', data: Uint8Array }   bytes, as they go to disk
//   { kind: 'dir' }                      a folder (only needed when empty)
//   { kind: 'link', target: string }     a symbolic link, target as written
//   { kind: 'fifo' }                     a named pipe (reading it waits forever)
//
// Folders that hold files are implied by the files' paths.
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const file = (text) => ({
  kind: 'file',
  data: typeof text === 'string' ? encoder.encode(text) : text,
});

/** The text of a file entry, or undefined when it is none or not UTF-8. */
export function textOf(entry) {
  if (entry?.kind !== 'file') return undefined;
  try {
    return decoder.decode(entry.data);
  } catch {
    return undefined;
  }
}

export const clone = (tree) => new Map(tree);

/** Paths of file entries whose path matches `test`, sorted. */
export function filesWhere(tree, test) {
  return [...tree]
    .filter(([path, e]) => e.kind === 'file' && test(path))
    .map(([path]) => path)
    .sort();
}

export const isItem = (p) => p.startsWith('content/items/') && p.endsWith('.md');
export const isBulletin = (p) => /^content\/bulletins\/[^/]+\.md$/.test(p);

/** Removes `path` and everything under it. */
export function remove(tree, path) {
  for (const key of [...tree.keys()])
    if (key === path || key.startsWith(`${path}/`)) tree.delete(key);
}

/** Writes the tree into `dir` (which must not exist yet). */
export function writeTree(dir, tree) {
  mkdirSync(dir, { recursive: true });
  // Folders first, then files, then links, so that a link may name anything.
  const order = { dir: 0, file: 1, fifo: 1, link: 2 };
  const entries = [...tree].sort(
    ([a, x], [b, y]) => order[x.kind] - order[y.kind] || (a < b ? -1 : 1),
  );
  for (const [path, entry] of entries) {
    const abs = join(dir, path);
    try {
      mkdirSync(dirname(abs), { recursive: true });
      if (entry.kind === 'dir') mkdirSync(abs, { recursive: true });
      else if (entry.kind === 'file') writeFileSync(abs, entry.data);
      else if (entry.kind === 'fifo') execFileSync('mkfifo', [abs], { stdio: 'ignore' });
      else symlinkSync(entry.target, abs);
    } catch (error) {
      // Two entries that cannot both exist (a file where another needs a
      // folder): the first one written wins, as on a real disk.
      if (entry.kind === 'fifo') continue;
      if (!['EEXIST', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG'].includes(error.code)) throw error;
    }
  }
}

/** Reads a folder back into a tree (links are kept as links). */
export function readTree(dir) {
  const tree = new Map();
  const walk = (rel) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const stat = lstatSync(join(dir, path));
      if (stat.isSymbolicLink())
        tree.set(path, { kind: 'link', target: readlinkSync(join(dir, path)) });
      else if (stat.isDirectory()) {
        const before = tree.size;
        walk(path);
        if (tree.size === before) tree.set(path, { kind: 'dir' });
      } else tree.set(path, { kind: 'file', data: new Uint8Array(readFileSync(join(dir, path))) });
    }
  };
  walk('');
  return tree;
}

/** One digest of a folder: every path, its kind and its bytes (or link target). */
export function hashFolder(dir) {
  const hash = createHash('sha256');
  const walk = (rel) => {
    let names;
    try {
      names = readdirSync(join(dir, rel)).sort();
    } catch {
      return hash.update('<missing>');
    }
    for (const name of names) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const stat = lstatSync(join(dir, path));
      hash.update(`${path}\0`);
      if (stat.isSymbolicLink()) hash.update(`link ${readlinkSync(join(dir, path))}\0`);
      else if (!stat.isFile() && !stat.isDirectory()) hash.update('special\0');
      else if (stat.isDirectory()) {
        hash.update('dir\0');
        walk(path);
      } else hash.update(readFileSync(join(dir, path))).update('\0');
    }
  };
  walk('');
  return hash.digest('hex');
}

export const clear = (dir) => rmSync(dir, { recursive: true, force: true });

/** Total bytes of the tree's files: the size of a case. */
export const sizeOf = (tree) =>
  [...tree.values()].reduce((n, e) => n + (e.kind === 'file' ? e.data.length : 0), 0);

/** The paths whose entries differ between two trees (added, removed or changed). */
export function changedPaths(a, b) {
  const paths = new Set();
  for (const [path, entry] of a) if (!same(entry, b.get(path))) paths.add(path);
  for (const path of b.keys()) if (!a.has(path)) paths.add(path);
  return [...paths].sort();
}

function same(x, y) {
  if (!x || !y || x.kind !== y.kind) return false;
  if (x.kind === 'link') return x.target === y.target;
  if (x.kind === 'dir' || x.kind === 'fifo') return true;
  return x.data.length === y.data.length && Buffer.compare(x.data, y.data) === 0;
}

/** The tree as a reader sees it: one entry a line, file contents quoted and cut at `max` characters. */
export function showTree(tree, max = 600) {
  const lines = [];
  for (const [path, e] of [...tree].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (e.kind === 'fifo') lines.push(`  ${JSON.stringify(path)}  (a named pipe)`);
    else if (e.kind === 'dir') lines.push(`  ${JSON.stringify(`${path}/`)}  (empty folder)`);
    else if (e.kind === 'link')
      lines.push(`  ${JSON.stringify(path)} -> ${JSON.stringify(e.target)}`);
    else {
      const text = textOf(e);
      const shown =
        text === undefined
          ? `bytes ${Buffer.from(e.data.subarray(0, max / 2)).toString('hex')}`
          : JSON.stringify(text.length > max ? `${text.slice(0, max)}` : text);
      const cut = (text ?? e.data).length > max ? ` … (${e.data.length} bytes in all)` : '';
      lines.push(`  ${JSON.stringify(path)} (${e.data.length} bytes): ${shown}${cut}`);
    }
  }
  return lines.join('\n');
}
