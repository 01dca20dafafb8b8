/**
 * Feeds: `/feed.xml` (Atom 1.0, RFC 4287) and `/feed.json` (JSON Feed 1.1) of
 * the latest items, and the same two beside each section, authority and topic
 * listing (`/enforcement/feed.xml`, `/authorities/cac/feed.json`,
 * `/tags/minors/feed.xml`; see follow.ts). Every address is absolute when
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
import { followedListings } from './follow.js';
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
  add('/feed.json', latest, () => jsonPage(site, { ...home, path: '/feed.json' }, latest));
  // Each section, authority and topic: an Atom feed and a JSON Feed of its newest items.
  for (const listing of followedListings(site)) {
    const items = listing.items.slice(0, FEED_SIZE);
    const head = {
      path: `${listing.base}feed.xml`,
      page: listing.base,
      title: `${title}: ${listing.name}`,
      subtitle: undefined,
    };
    add(head.path, items, () => atomPage(site, head, items));
    const json = { ...head, path: `${listing.base}feed.json` };
    add(json.path, items, () => jsonPage(site, json, items));
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

function jsonPage(site: Site, head: FeedHead, items: readonly Item[]): PageSpec {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: head.title,
    // Both are URLs that identify the site and the feed: left out when there is no origin.
    home_page_url: site.config.baseUrl.origin ? absolute(site, head.page) : undefined,
    feed_url: site.config.baseUrl.origin ? absolute(site, head.path) : undefined,
    description: head.subtitle,
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
    path: head.path,
    template: 'feed-json',
    title: head.title,
    data: { json: `${JSON.stringify(feed, null, 2)}\n` },
  };
}
