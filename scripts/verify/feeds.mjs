// Machine-read files of a built site: sitemap.xml, robots.txt, Atom and JSON
// feeds, iCalendar files and every other .xml/.json. Each must parse, and every
// URL in it must be absolute, under the site's public address, and name a file
// of the build.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { walk } from './links.mjs';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['url', 'sitemap', 'entry', 'link', 'author', 'category'].includes(name),
});

/**
 * @param {string} out the output folder
 * @param {string} siteUrl the build's public address, e.g. 'https://example.org/digest/'
 * @returns {{files: {file: string, kind: string, urls: number}[], errors: {file: string, message: string}[]}}
 */
export function checkFeeds(out, siteUrl) {
  const all = walk(out).map((f) => relative(out, f).split(sep).join('/'));
  const existing = new Set(all);
  const files = [];
  const errors = [];
  const site = { siteUrl, existing };
  if (!existing.has('sitemap.xml')) errors.push({ file: 'sitemap.xml', message: 'missing' });
  for (const file of all.sort()) {
    const text = () => readFileSync(`${out}/${file}`, 'utf8');
    const report = (message) => errors.push({ file, message });
    let kind = '';
    let urls = 0;
    if (file.endsWith('.xml')) {
      const xml = text();
      const valid = XMLValidator.validate(xml);
      if (valid !== true) {
        report(
          `not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
        );
        continue;
      }
      const doc = parser.parse(xml);
      if (doc.urlset || doc.sitemapindex)
        [kind, urls] = ['sitemap', checkSitemap(doc, site, report)];
      else if (doc.feed) [kind, urls] = ['Atom feed', checkAtom(doc.feed, site, report)];
      else if (doc.rss) [kind, urls] = ['RSS feed', checkRss(doc.rss, site, report)];
      else kind = 'XML';
    } else if (file.endsWith('.json')) {
      let data;
      try {
        data = JSON.parse(text());
      } catch (err) {
        report(`not valid JSON: ${err.message}`);
        continue;
      }
      if (
        typeof data?.version === 'string' &&
        data.version.startsWith('https://jsonfeed.org/version/')
      ) {
        [kind, urls] = ['JSON Feed', checkJsonFeed(data, site, report)];
      } else kind = 'JSON';
    } else if (file.endsWith('.ics')) {
      [kind, urls] = ['iCalendar', checkIcs(readFileSync(`${out}/${file}`, 'latin1'), report)];
    } else if (file === 'robots.txt') {
      kind = 'robots.txt';
      for (const [, url] of text().matchAll(/^sitemap:\s*(\S+)/gim)) {
        urls++;
        const problem = checkUrl(url, site);
        if (problem) report(`Sitemap: ${url}: ${problem}`);
      }
    } else continue;
    files.push({ file, kind, urls });
  }
  return { files, errors };
}

/** '' when `url` is absolute, under the site's address and names a built file; else why not. */
export function checkUrl(url, { siteUrl, existing }) {
  if (typeof url !== 'string' || url === '') return 'empty';
  if (!/^https?:\/\//.test(url)) return 'not an absolute http(s) URL';
  if (!url.startsWith(siteUrl)) return `not under the site's address ${siteUrl}`;
  let path = new URL(url).pathname.slice(new URL(siteUrl).pathname.length);
  try {
    path = decodeURIComponent(path);
  } catch {
    return 'not valid percent-encoding';
  }
  const file = path === '' || path.endsWith('/') ? `${path}index.html` : path;
  return existing.has(file) ? '' : `names no file of the build (${file})`;
}

function checkSitemap(doc, site, report) {
  const set = doc.urlset ?? doc.sitemapindex;
  const ns = set['@xmlns'];
  if (ns !== 'http://www.sitemaps.org/schemas/sitemap/0.9') report(`xmlns is ${ns ?? 'missing'}`);
  const entries = doc.urlset ? (set.url ?? []) : (set.sitemap ?? []);
  if (entries.length === 0) report('lists no URL');
  for (const entry of entries) {
    const problem = checkUrl(String(entry.loc ?? ''), site);
    if (problem) report(`<loc>${entry.loc ?? ''}</loc>: ${problem}`);
    if (entry.lastmod !== undefined && !W3C_DATE.test(String(entry.lastmod))) {
      report(`<lastmod>${entry.lastmod}</lastmod> is not a W3C date`);
    }
  }
  return entries.length;
}

const W3C_DATE = /^\d{4}(-\d\d(-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?)?)?$/;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

function checkAtom(feed, site, report) {
  let urls = 0;
  if (feed['@xmlns'] !== 'http://www.w3.org/2005/Atom')
    report('the feed element is not in the Atom namespace');
  for (const field of ['id', 'title', 'updated'])
    if (feed[field] === undefined) report(`<feed> has no <${field}>`);
  if (feed.updated !== undefined && !RFC3339.test(String(feed.updated)))
    report(`<updated>${feed.updated}</updated> is not an RFC 3339 date-time`);
  const self = (feed.link ?? []).find((l) => l['@rel'] === 'self');
  if (!self) report('<feed> has no <link rel="self">');
  for (const link of feed.link ?? []) {
    urls++;
    const problem = checkUrl(link['@href'], site);
    if (problem)
      report(
        `<feed><link rel="${link['@rel'] ?? 'alternate'}" href="${link['@href']}">: ${problem}`,
      );
  }
  for (const [i, entry] of (feed.entry ?? []).entries()) {
    const name = `entry ${i + 1}${entry.id ? ` (${textOf(entry.id)})` : ''}`;
    for (const field of ['id', 'title', 'updated'])
      if (entry[field] === undefined) report(`${name} has no <${field}>`);
    if (entry.updated !== undefined && !RFC3339.test(String(entry.updated)))
      report(`${name}: <updated>${entry.updated}</updated> is not an RFC 3339 date-time`);
    const links = entry.link ?? [];
    if (links.length === 0) report(`${name} has no <link>`);
    for (const link of links) {
      urls++;
      const problem = checkUrl(link['@href'], site);
      if (problem) report(`${name} <link href="${link['@href']}">: ${problem}`);
    }
    for (const field of ['content', 'summary']) {
      const value = entry[field];
      if (
        value &&
        typeof value === 'object' &&
        value['@type'] === 'html' &&
        !value['@xml:base'] &&
        !entry['@xml:base'] &&
        !feed['@xml:base']
      ) {
        for (const rel of relativeUrls(textOf(value)))
          report(
            `${name} <${field}>: relative URL "${rel}" without xml:base (feed readers resolve it against the feed's own address)`,
          );
      }
    }
  }
  return urls;
}

function checkRss(rss, site, report) {
  let urls = 0;
  const items = [rss.channel?.item ?? []].flat();
  for (const item of items) {
    urls++;
    const problem = checkUrl(String(item.link ?? ''), site);
    if (problem) report(`<item><link>${item.link ?? ''}</link>: ${problem}`);
  }
  return urls;
}

function checkJsonFeed(feed, site, report) {
  let urls = 0;
  if (feed.version !== 'https://jsonfeed.org/version/1.1')
    report(`version is ${feed.version}, expected https://jsonfeed.org/version/1.1`);
  if (typeof feed.title !== 'string' || !feed.title) report('has no title');
  for (const key of ['home_page_url', 'feed_url']) {
    if (feed[key] === undefined) {
      report(`has no ${key}`);
      continue;
    }
    urls++;
    const problem = checkUrl(feed[key], site);
    if (problem) report(`${key} ${feed[key]}: ${problem}`);
  }
  if (!Array.isArray(feed.items)) {
    report('items is not a list');
    return urls;
  }
  for (const [i, item] of feed.items.entries()) {
    const name = `items[${i}]${item.id ? ` (${item.id})` : ''}`;
    if (typeof item.id !== 'string' || !item.id) report(`${name} has no id (a string)`);
    if (item.content_html === undefined && item.content_text === undefined)
      report(`${name} has neither content_html nor content_text`);
    if (item.url !== undefined) {
      urls++;
      const problem = checkUrl(item.url, site);
      if (problem) report(`${name} url ${item.url}: ${problem}`);
    }
    if (typeof item.content_html === 'string') {
      for (const rel of relativeUrls(item.content_html))
        report(
          `${name} content_html: relative URL "${rel}" (JSON Feed readers have no base to resolve it)`,
        );
    }
  }
  return urls;
}

function checkIcs(text, report) {
  if (!text.startsWith('BEGIN:VCALENDAR')) report('does not start with BEGIN:VCALENDAR');
  if (!/END:VCALENDAR\r\n$/.test(text)) report('does not end with END:VCALENDAR and CRLF');
  if (/[^\r]\n/.test(text)) report('has a line ending in a bare LF (RFC 5545 wants CRLF)');
  const lines = text.split('\r\n');
  for (const [i, line] of lines.entries()) {
    if (Buffer.byteLength(line, 'latin1') > 75)
      report(`line ${i + 1} is longer than 75 octets (fold it)`);
  }
  for (const field of ['VERSION:2.0', 'PRODID:'])
    if (!lines.some((l) => l.startsWith(field))) report(`has no ${field}`);
  const events = text.split('BEGIN:VEVENT').slice(1);
  for (const [i, event] of events.entries()) {
    for (const field of ['UID:', 'DTSTAMP:', 'DTSTART']) {
      if (!event.includes(`\r\n${field}`))
        report(`event ${i + 1} has no ${field.replace(':', '')}`);
    }
  }
  return events.length;
}

function textOf(value) {
  return typeof value === 'object' && value !== null ? String(value['#text'] ?? '') : String(value);
}

function relativeUrls(html) {
  const found = [];
  for (const [, url] of html.matchAll(/\s(?:href|src)\s*=\s*["']([^"']*)["']/gi)) {
    if (!/^([a-z][a-z0-9+.-]*:|#)/i.test(url)) found.push(url);
  }
  return found;
}
