/**
 * Feeds: `/feed.xml` (Atom 1.0, RFC 4287) and `/feed.json` (JSON Feed 1.1) of
 * the latest items, and one Atom feed per section (`/<section>/feed.xml`) and
 * per authority (`/authorities/<id>/feed.xml`). Every address is absolute when
 * `baseUrl` has an origin; every time comes from the content.
 */
import type { Item, Site } from '../model.js';
import {
  absolute,
  itemEntryHtml,
  itemUpdated,
  later,
  stableId,
  timestamp,
  xmlText,
} from './feeds-content.js';
import { fullName } from './authority-label.js';
import type { Add, PageSpec } from './index.js';

/** Entries per feed: the newest items. */
export const FEED_SIZE = 50;

const GENERATOR = 'gazette';

export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  published: string;
  updated: string;
  summary: string;
  /** Trusted HTML, links absolute; Eta escapes it into `type="html"` content. */
  html: string;
  categories: { term: string; label: string }[];
}

interface FeedHead {
  /** Site path of the feed itself. */
  path: string;
  /** Site path of the HTML page it follows. */
  page: string;
  title: string;
  subtitle: string | undefined;
}

export function feedPages(site: Site, add: Add): void {
  const title = site.config.title;
  const latest = site.items.slice(0, FEED_SIZE);
  const home = { path: '/feed.xml', page: '/', title, subtitle: site.config.description };
  add(home.path, latest, () => atomPage(site, home, latest));
  add('/feed.json', latest, () => jsonPage(site, latest));
  for (const section of site.config.sections) {
    const items = (site.bySection.get(section.id) ?? []).slice(0, FEED_SIZE);
    const head = {
      path: `/${section.id}/feed.xml`,
      page: `/${section.id}/`,
      title: `${title}: ${section.title}`,
      subtitle: undefined,
    };
    add(head.path, items, () => atomPage(site, head, items));
  }
  for (const authority of [...site.authorities.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const items = (site.byAuthority.get(authority.id) ?? []).slice(0, FEED_SIZE);
    const name = fullName(authority);
    const head = {
      path: `/authorities/${authority.id}/feed.xml`,
      page: `/authorities/${authority.id}/`,
      title: `${title}: ${name}`,
      subtitle: undefined,
    };
    add(head.path, items, () => atomPage(site, head, items));
  }
}

export function feedEntry(site: Site, item: Item): FeedEntry {
  const categories = [{ term: item.section.id, label: item.section.title }];
  for (const id of item.authorities) {
    categories.push({ term: id, label: site.authorities.get(id)?.name ?? id });
  }
  for (const tag of item.tags) categories.push({ term: tag, label: tag.replace(/-/g, ' ') });
  return {
    id: stableId(site, item.url),
    title: xmlText(item.title),
    url: absolute(site, item.url),
    published: timestamp(item.date),
    updated: timestamp(itemUpdated(item)),
    summary: xmlText(item.summary ?? item.rendered.summary),
    html: itemEntryHtml(site, item),
    categories: categories.map((c) => ({ term: xmlText(c.term), label: xmlText(c.label) })),
  };
}

/**
 * The feed's `updated`: its newest entry's (a correction counts). A feed with
 * no entry has never changed: it says so with the epoch, and so depends on
 * nothing else in the site.
 */
function feedUpdated(items: readonly Item[]): string {
  if (items.length === 0) return '1970-01-01T00:00:00Z';
  let newest = itemUpdated(items[0]!);
  for (const item of items) newest = later(itemUpdated(item), newest);
  return timestamp(newest);
}

function atomPage(site: Site, head: FeedHead, items: readonly Item[]): PageSpec {
  return {
    path: head.path,
    template: 'feed-atom',
    title: head.title,
    data: {
      feed: {
        id: stableId(site, head.path),
        title: xmlText(head.title),
        subtitle: head.subtitle && xmlText(head.subtitle),
        updated: feedUpdated(items),
        self: absolute(site, head.path),
        alternate: absolute(site, head.page),
        author: xmlText(site.config.title),
        language: site.config.language,
        generator: GENERATOR,
      },
      entries: items.map((item) => feedEntry(site, item)),
    },
  };
}

function jsonPage(site: Site, items: readonly Item[]): PageSpec {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: site.config.title,
    home_page_url: absolute(site, '/'),
    feed_url: absolute(site, '/feed.json'),
    description: site.config.description,
    language: site.config.language,
    authors: [{ name: site.config.title }],
    items: items.map((item) => {
      const entry = feedEntry(site, item);
      return {
        id: entry.id,
        url: entry.url,
        title: entry.title,
        content_html: entry.html,
        summary: entry.summary,
        date_published: entry.published,
        date_modified: entry.updated,
        tags: entry.categories.map((c) => c.label),
      };
    }),
  };
  return {
    path: '/feed.json',
    template: 'feed-json',
    title: site.config.title,
    data: { json: `${JSON.stringify(feed, null, 2)}\n` },
  };
}
