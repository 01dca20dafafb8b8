/**
 * Links. Inside the site, pages link to each other by paths relative to the
 * page itself, so one build works at `/` and under `/digest/` alike; feeds and
 * sitemaps use absolute URLs made from `baseUrl`.
 */

/**
 * Schemes a source or Markdown link may use, as the README promises: http(s)
 * and mailto. Everything else (javascript:, data:, file:, ftp:, …) is refused.
 */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

export function isSafeUrl(url: string): boolean {
  // Strip what browsers ignore before deciding on the scheme.
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (!scheme) return true; // relative or fragment
  return SAFE_SCHEMES.has(scheme[1]!.toLowerCase() + ':');
}

export function isAbsoluteHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s/?#]+/i.test(url);
}

/**
 * Links from the page at site path `from` (`/items/x/`): each climbs to the
 * site root and descends to its target (`../../bulletins/2022-02/`), so the
 * same files work at `/`, under `/digest/` and opened from disk.
 */
export function linksFrom(from: string): (to: string) => string {
  const depth = from.split('/').length - 2;
  const up = '../'.repeat(depth);
  return (to: string) => {
    const link = up + to.slice(1);
    return link === '' ? './' : link.startsWith('#') ? `./${link}` : link;
  };
}

export function relativeUrl(from: string, to: string): string {
  return linksFrom(from)(to);
}

export interface BaseUrl {
  /** `https://example.org` or '' when only a path was configured. */
  origin: string;
  /** `/digest/`: always starts and ends with a slash. */
  path: string;
}

/** The base URL, or undefined when it is not one (`readBaseUrl` says why). */
export function parseBaseUrl(text: string): BaseUrl | undefined {
  const read = readBaseUrl(text);
  return 'reason' in read ? undefined : read.base;
}

/**
 * Reads `baseUrl`: an absolute http(s) URL with a host and no user name,
 * password, query or fragment (`https://example.org/digest/`), or a path
 * (`/digest/`). Written exactly: a character its URL would have to escape is
 * refused, not escaped, since the same text prefixes links, feeds and the
 * sitemap. The path gets its final `/` and loses runs of slashes.
 */
export function readBaseUrl(text: string): { base: BaseUrl } | { reason: string } {
  if (text === '') return { reason: 'it is empty' };
  if (text.startsWith('//')) return { reason: 'it starts with // and has no scheme' };
  if (text.startsWith('/')) {
    const problem = pathProblem(text);
    return problem ? { reason: problem } : { base: { origin: '', path: normalisePath(text) } };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
  if (scheme === undefined)
    return { reason: 'it is neither an http(s) address nor a path starting with /' };
  if (!/^https?$/i.test(scheme))
    return { reason: `only http: and https: addresses can be a base URL, not "${scheme}:"` };
  const parts = /^https?:\/\/([^/?#]*)(.*)$/is.exec(text);
  if (!parts) return { reason: `"${scheme}:" must be followed by //` };
  const authority = parts[1]!;
  if (authority.includes('@'))
    return { reason: 'it holds a user name or password (…@), which must not be published' };
  if (authority === '' || authority.startsWith(':')) return { reason: 'it has no host' };
  const bad = /[^A-Za-z0-9.:[\]-]/u.exec(authority)?.[0];
  if (bad !== undefined)
    return { reason: `its host holds ${quoted(bad)}, which a host name cannot` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { reason: `"${authority}" is not a valid host name, address or port` };
  }
  const path = parts[2] || '/';
  const problem = pathProblem(path);
  return problem
    ? { reason: problem }
    : { base: { origin: url.origin, path: normalisePath(path) } };
}

/** Why a base path cannot be used as it is written, if it cannot. */
function pathProblem(path: string): string | undefined {
  if (path.includes('?')) return 'it has a query (?…), which a base URL cannot have';
  if (path.includes('#')) return 'it has a fragment (#…), which a base URL cannot have';
  const bad = /[^A-Za-z0-9\-._~/%]|%(?![0-9A-Fa-f]{2})/u.exec(path)?.[0];
  if (bad === '%') return 'its path holds a "%" that is not followed by two hex digits';
  if (bad !== undefined)
    return `its path holds ${quoted(bad)}, which must be written percent-encoded (${percentEncode(bad)})`;
  if (path.split('/').some((part) => part === '.' || part === '..'))
    return 'its path has a "." or ".." segment';
  return undefined;
}

/** A character for a message: `"x"`, `'"'`, or its code point when it cannot be seen. */
function quoted(c: string): string {
  if (c === ' ') return 'a space';
  if (c === '"') return `'"'`;
  if (/[\s\p{Cc}]/u.test(c))
    return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${c}"`;
}

function percentEncode(c: string): string {
  return [...Buffer.from(c, 'utf8')]
    .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}

function normalisePath(path: string): string {
  const trimmed = path.replace(/\/+/g, '/');
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/** `/items/x/` under base `/digest/` → `/digest/items/x/`. */
export function basePath(base: BaseUrl, sitePath: string): string {
  return base.path + sitePath.replace(/^\//, '');
}

/** The absolute URL of a site path, or the base-path URL when no origin is known. */
export function absoluteUrl(base: BaseUrl, sitePath: string): string {
  return base.origin + basePath(base, sitePath);
}
