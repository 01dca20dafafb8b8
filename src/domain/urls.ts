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
