/**
 * What the dev server reads from a request before it looks up a file: which
 * site path its target names. Pure functions of the request's text, so that no
 * request can make them throw.
 */

/**
 * A request target read to a decoded site path, or the reason it cannot be
 * answered (400); `host` is the host an absolute-form target names.
 */
export type Target = ({ path: string; search: string } | { refused: string }) & { host?: string };

/**
 * Reads a request target: origin-form (`/items/a?x`) or absolute-form
 * (`http://localhost:8080/items/a`, which a client should send only to a
 * proxy, but may send to any server). `path` is percent-decoded, with no dot
 * segments and no runs of slashes; anything else (`*`, another scheme, a
 * fragment, malformed percent-encoding) is refused with a reason.
 */
export function readTarget(target: string): Target {
  const absolute = /^https?:\/\/([^/?#]*)/i.exec(target);
  if (!absolute) return readPath(target);
  const rest = target.slice(absolute[0].length);
  const host = absolute[1]!.replace(/^[^@]*@/, '');
  return { ...readPath(rest.startsWith('/') ? rest : `/${rest}`), host };
}

function readPath(target: string): Target {
  if (!target.startsWith('/')) return { refused: 'this is not a path on this server' };
  if (target.includes('#')) return { refused: 'a request cannot name a fragment (#)' };
  const query = target.indexOf('?');
  const path = safePath(query < 0 ? target : target.slice(0, query));
  if (typeof path !== 'string') return path;
  return { path, search: query < 0 ? '' : target.slice(query) };
}

/**
 * The decoded request path, or why it is refused: malformed percent-encoding,
 * or a path that could leave the site (`..` in any spelling, backslashes, NUL).
 * Runs of slashes become one, so no path starts with `//`.
 */
export function safePath(pathname: string): string | { refused: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { refused: 'the path has malformed percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { refused: 'this path leaves the site' };
  if (decoded.split('/').some((part) => part === '..' || part === '.'))
    return { refused: 'this path leaves the site' };
  return decoded.replace(/\/{2,}/g, '/');
}

/**
 * A decoded site path written back for a `Location` header: every character
 * a path may not hold literally (non-ASCII, controls, `%`, `?`, `#`, spaces)
 * percent-encoded as UTF-8, so the header is valid and cannot be split.
 */
export function encodePath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, percent);
}

/** A query as received (still percent-encoded), with anything a header may not hold encoded. */
export function encodeQuery(search: string): string {
  return search.replace(/[^\x21-\x7e]/gu, percent);
}

function percent(c: string): string {
  let out = '';
  for (const byte of Buffer.from(c, 'utf8'))
    out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}
