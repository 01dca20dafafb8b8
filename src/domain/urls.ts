/**
 * Links. Inside the site, pages link to each other by paths relative to the
 * page itself, so one build works at `/` and under `/digest/` alike; feeds and
 * sitemaps use absolute URLs made from `baseUrl`.
 */

/** Schemes a source or Markdown link may use; everything else (javascript:, data:, …) is refused. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'ftp:']);

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
 * A link from one site page to another, both given as site paths (`/items/x/`),
 * written relative to the first: `../../bulletins/2022-02/`.
 */
export function relativeUrl(from: string, to: string): string {
  const fromDirs = from.split('/').slice(1, -1);
  const [toPath, fragment = ''] = splitFragment(to);
  const toParts = toPath.split('/').slice(1);
  let common = 0;
  while (
    common < fromDirs.length &&
    common < toParts.length - 1 &&
    fromDirs[common] === toParts[common]
  ) {
    common++;
  }
  const up = '../'.repeat(fromDirs.length - common);
  const rest = toParts.slice(common).join('/');
  const link = up + rest;
  return (link === '' ? './' : link) + fragment;
}

function splitFragment(url: string): [string, string] {
  const hash = url.indexOf('#');
  return hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
}

export interface BaseUrl {
  /** `https://example.org` or '' when only a path was configured. */
  origin: string;
  /** `/digest/`: always starts and ends with a slash. */
  path: string;
}

export function parseBaseUrl(text: string): BaseUrl | undefined {
  const absolute = /^(https?:\/\/[^/?#\s]+)(\/[^?#\s]*)?$/i.exec(text);
  if (absolute) return { origin: absolute[1]!, path: normalisePath(absolute[2] ?? '/') };
  if (/^\/[^?#\s]*$/.test(text)) return { origin: '', path: normalisePath(text) };
  return undefined;
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
