import type { Site } from '../model.js';
import type { Authority } from '../schema/authorities.js';

/**
 * How an authority is named. A registry name may already end in its
 * abbreviation ("Spanish Data Protection Authority (aepd)", as trackers write
 * them): it is then not added a second time.
 */

/** The name without a trailing "(abbr)" that repeats the abbreviation. */
export function bareName(a: Authority): string {
  if (a.abbr === undefined) return a.name;
  const suffix = ` (${a.abbr.toLowerCase()})`;
  return a.name.toLowerCase().endsWith(suffix) ? a.name.slice(0, -suffix.length).trimEnd() : a.name;
}

/** "Cyberspace Administration of China (CAC)": the name with its abbreviation, once. */
export function fullName(a: Authority): string {
  return a.abbr === undefined ? a.name : `${bareName(a)} (${a.abbr})`;
}

/** An authority as a table names it: abbreviation (or name), full name, page. */
export function authorityLabel(site: Site, id: string) {
  if (id === '') return { label: 'None named' };
  const a = site.authorities.get(id)!;
  return { label: a.abbr ?? a.name, title: bareName(a), url: `/authorities/${id}/` };
}
