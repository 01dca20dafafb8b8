/**
 * What feeds, the calendar and the e-mail edition share: absolute addresses,
 * stable ids, timestamps taken from the content (never from the clock), and an
 * item's HTML made to stand on its own outside the site.
 */
import { createHash } from 'node:crypto';
import { formatDate, lastDay, sortKey, type PartialDate } from '../domain/dates.js';
import { NoteCounter } from '../domain/notes.js';
import { absoluteUrl } from '../domain/urls.js';
import { assertFilled, isSiteLinkMarker, siteLinks } from '../markdown/index.js';
import type { Item, Site } from '../model.js';
import { decodeEntities, escapeHtml } from './html.js';
import { placeItems, type NoteView } from './view.js';

/** The absolute URL of a site path (root-relative when `baseUrl` has no origin). */
export function absolute(site: Site, path: string): string {
  return absoluteUrl(site.config.baseUrl, path);
}

/**
 * A stable, globally unique id for a site path: its absolute URL when the site
 * has an origin; otherwise a name-based `urn:uuid:` made from the site title
 * and the path, so that Atom's ids are still absolute IRIs.
 */
export function stableId(site: Site, path: string): string {
  if (site.config.baseUrl.origin) return absolute(site, path);
  const hex = createHash('sha1').update(`gazette:${site.config.title}:${path}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 3339 midnight UTC of the last day a date stands for: `2022-01-31T00:00:00Z`. */
export function timestamp(date: PartialDate): string {
  return `${lastDay(date)}T00:00:00Z`;
}

/** The later of two dates (a month counts as its last day). */
export function later(a: PartialDate, b: PartialDate | undefined): PartialDate {
  return b && sortKey(b) > sortKey(a) ? b : a;
}

/** When an item last changed: its correction's date, or its own. */
export function itemUpdated(item: Item): PartialDate {
  return later(item.date, item.updated);
}

/** The newest date the content holds: the latest bulletin's publication or item's date. */
export function newestContentDate(site: Site): PartialDate | undefined {
  const bulletin = site.bulletins[0]?.date;
  const item = site.items[0]?.date;
  return item ? later(item, bulletin) : bulletin;
}

// XML 1.0 allows no C0 control character but tab, newline and carriage return.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text safe to place in XML (Eta escapes the markup characters). */
export function xmlText(text: string): string {
  return text.replace(XML_INVALID, '');
}

/**
 * Rewrites every `href` and `src` of trusted HTML to an absolute URL resolved
 * against `pageUrl`, the page the HTML was written for (`../x/` becomes the
 * page beside it); a bare fragment (`#note-1`) goes to `fragmentsTo`, the page
 * that holds it. Absolute URLs stay as they are, and so do the markers of
 * links inside the site, which the page they end up on fills in.
 */
export function absoluteLinks(html: string, pageUrl: string, fragmentsTo = pageUrl): string {
  const dummy = 'http://gazette.invalid';
  const withOrigin = (url: string) => (/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : dummy + url);
  return html.replace(/ (href|src)="([^"]*)"/g, (_, name: string, raw: string) => {
    const value = decodeEntities(raw);
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) || isSiteLinkMarker(value)) return ` ${name}="${raw}"`;
    let resolved: string;
    try {
      resolved = new URL(value, withOrigin(value.startsWith('#') ? fragmentsTo : pageUrl)).href;
    } catch {
      return ` ${name}="${raw}"`;
    }
    if (resolved.startsWith(dummy)) resolved = resolved.slice(dummy.length);
    return ` ${name}="${escapeHtml(resolved)}"`;
  });
}

/**
 * An item as a feed entry's HTML: its correction, its body with notes numbered
 * from 1 as on its own page, and those notes; every link absolute.
 */
export function itemEntryHtml(site: Site, item: Item): string {
  const notes: NoteView[] = [];
  const [view] = placeItems(site, [item], new NoteCounter(), notes);
  const parts: string[] = [];
  if (item.updated && item.correction) {
    parts.push(
      `<p><strong>Corrected ${formatDate(item.updated)}:</strong> ${escapeHtml(item.correction)}</p>\n`,
    );
  }
  parts.push(view!.html);
  if (notes.length > 0) {
    parts.push('<h2 id="notes-heading">Notes</h2>\n<ol>\n');
    for (const note of notes) {
      parts.push(`<li id="note-${note.number}" value="${note.number}">${note.html}</li>\n`);
    }
    parts.push('</ol>\n');
  }
  const html = absoluteLinks(parts.join(''), absolute(site, item.url));
  // XML cannot hold the U+0000 that marks a link inside the site: filled in here.
  const filled = siteLinks(html, (path) => absolute(site, path));
  assertFilled(filled, `the feed entry of ${item.url}`);
  return xmlText(filled);
}
