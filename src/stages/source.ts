import { lstatSync, readdir, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { diagnostic, START, type Diagnostic } from '../diagnostics.js';

/**
 * Reading the site's own files: every read says what went wrong as a
 * diagnostic naming the file (unreadable, a link out of the site, a broken
 * link), never as an exception.
 */

export function unreadable(file: string, error: unknown, root?: string): Diagnostic {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  if (code === 'ENOTDIR') {
    const blocking = root === undefined ? undefined : inTheWay(root, file);
    return blocking === undefined
      ? notAFolder(file, 'part of this path is a file')
      : notAFolder(blocking, 'this is a file', ` (holding ${file})`);
  }
  return diagnostic(
    file,
    START,
    'file-unreadable',
    code === 'EISDIR'
      ? 'this is a folder, where gazette expects a file'
      : `gazette cannot read this (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code})`,
    code === 'EISDIR'
      ? 'rename or remove the folder'
      : 'check its permissions: whoever runs gazette must be able to read it',
  );
}

/** The first folder of `file`'s path that is something else (`data` for `data/authorities.yaml`). */
function inTheWay(root: string, file: string): string | undefined {
  const parts = file.split('/');
  for (let i = 1; i < parts.length; i++) {
    const path = parts.slice(0, i).join('/');
    try {
      if (!statSync(join(root, path)).isDirectory()) return path;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A named pipe, a socket or a device where a file should be: reading it could wait forever. */
export function notOrdinary(file: string): Diagnostic {
  return diagnostic(
    file,
    START,
    'file-unreadable',
    'this is not an ordinary file but a named pipe, a socket or a device: reading it could wait forever',
    'replace it with an ordinary file',
  );
}

/** A file (or something else that is no folder) where the site needs a folder. */
function notAFolder(path: string, what = 'this is a file', holding = ''): Diagnostic {
  return diagnostic(
    path,
    START,
    'file-unreadable',
    `${what}, where gazette expects a folder${holding}`,
    'rename or remove the file that stands where the folder belongs',
  );
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
  if (inside === '..' || inside.startsWith(`..${sep}`) || /^([a-zA-Z]:|\/)/.test(inside)) {
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

/**
 * A folder of the site (`content`, `templates`, `public`, `content/items`…):
 * a link to it is followed only when it stays inside the site, and it must
 * be a folder. Returns a problem, or undefined when the folder is fine (or
 * absent).
 */
export function checkFolder(root: string, name: string): Diagnostic | undefined {
  let stat;
  try {
    stat = lstatSync(join(root, name), { throwIfNoEntry: false });
  } catch (error) {
    return unreadable(name, error);
  }
  if (!stat) return undefined;
  if (stat.isSymbolicLink()) {
    const link = checkLink(root, realpathSync(root), name);
    if (link) return link;
    stat = statSync(join(root, name));
  }
  return stat.isDirectory() ? undefined : notAFolder(name);
}

/** A site file's bytes (`file` relative to the root), refusing links out of the site. */
export function readSource(
  root: string,
  file: string,
  realRoot?: string,
): { bytes?: Buffer; diagnostics: Diagnostic[] } {
  try {
    if (lstatSync(join(root, file)).isSymbolicLink()) {
      const problem = checkLink(root, realRoot ?? realpathSync(root), file);
      if (problem) return { diagnostics: [problem] };
    }
    const stat = statSync(join(root, file));
    if (!stat.isFile() && !stat.isDirectory()) return { diagnostics: [notOrdinary(file)] };
    return { bytes: readFileSync(join(root, file)), diagnostics: [] };
  } catch (error) {
    return { diagnostics: [unreadable(file, error, root)] };
  }
}

/**
 * A file system adapter for fast-glob that reports a folder it cannot read
 * (with its path relative to `root`) and goes on with the rest, rather than
 * failing the whole listing or skipping the folder in silence.
 */
export function reportingFs(root: string, problems: Diagnostic[]) {
  const report = (path: string, error: unknown) =>
    problems.push(unreadable(relative(root, path).split(sep).join('/'), error));
  return {
    readdir: ((path: string, options: unknown, callback: unknown) => {
      const done = (typeof options === 'function' ? options : callback) as (
        error: NodeJS.ErrnoException | null,
        entries: unknown[],
      ) => void;
      const handle = (error: NodeJS.ErrnoException | null, entries: unknown[]) => {
        if (error && (error.code === 'EACCES' || error.code === 'EPERM')) {
          report(path, error);
          return done(null, []);
        }
        done(error, entries);
      };
      if (typeof options === 'function') readdir(path, handle as never);
      else readdir(path, options as never, handle as never);
    }) as never,
    readdirSync: ((path: string, options?: unknown) => {
      try {
        return readdirSync(path, options as never);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EACCES' && code !== 'EPERM') throw error;
        report(path, error);
        return [];
      }
    }) as never,
  };
}
