import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { OutputError } from './writer.js';

/** What a site folder holds that the output must never be, hold, or lie inside. */
export const SOURCES = [
  'content',
  'data',
  'templates',
  'public',
  'gazette.config.yaml',
  '.git',
  'node_modules',
  '.gazette-cache',
] as const;

/**
 * The real path of `path`: symbolic links resolved in every part that exists,
 * the parts that do not yet exist appended as they are.
 */
export function realPath(path: string): string {
  const missing: string[] = [];
  let current = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return join(current, ...missing.reverse());
      missing.push(basename(current));
      current = parent;
    }
  }
}

/** `inner` is `outer` or lies inside it (both real, absolute paths). */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Where a build may write: `out` resolved against the current folder (as
 * every command line tool resolves a path), defaulting to `<root>/dist`, and
 * checked against everything it must never replace. Returns the output's real
 * path; throws an OutputError (exit 2) when the folder is unsafe.
 */
export function placeOutput(root: string, out: string | undefined, cwd = process.cwd()): string {
  const realRoot = realPath(root);
  const target = realPath(out === undefined ? join(root, 'dist') : resolve(cwd, out));
  const shown = out ?? 'dist';
  const refuse = (why: string, hint = 'choose a folder of its own, such as dist'): never => {
    throw new OutputError(`--out ${shown} (${target}) ${why}`, hint);
  };
  if (isWithin(realRoot, target)) {
    refuse(
      target === realRoot
        ? 'is the site folder itself: building would replace the sources'
        : 'holds the site folder: building would replace the sources',
    );
  }
  for (const source of SOURCES) {
    const path = realPath(join(root, source));
    if (isWithin(target, path))
      refuse(`lies inside the site's ${source}${source.includes('.') ? '' : '/'}`);
    if (isWithin(path, target)) refuse(`holds the site's ${source}`);
  }
  const stat = lstatSync(target, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) {
    refuse(
      'is a file, not a folder: gazette will not replace it',
      'choose a folder (a new one, or one gazette built before)',
    );
  }
  return target;
}

/** The names in a folder, or [] when it does not exist. */
export function entries(dir: string): string[] {
  try {
    return statSync(dir).isDirectory() ? readdirSync(dir) : [];
  } catch {
    return [];
  }
}
