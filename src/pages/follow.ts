/**
 * What a reader can follow, and where: the site's feeds and calendar, and,
 * for each section, authority and topic, an Atom feed, a JSON Feed and — when
 * its items have effective dates — an iCalendar file beside its listing
 * (`/enforcement/feed.xml`, `/authorities/cac/feed.json`,
 * `/tags/minors/calendar.ics`). One table, read by the pages that write the
 * files (feeds, calendar) and by those that link to them (every listing's
 * head and its "Follow" line), so that no page announces a file the build
 * does not write.
 */
import type { Item, Site } from '../model.js';
import { fullName } from './authority-label.js';

/** A file to follow: announced in a page's head (`<link rel="alternate">`) and in its "Follow" line. */
export interface FeedLink {
  type: 'application/atom+xml' | 'application/feed+json' | 'text/calendar';
  /** The `title` of the head's link: what it follows, and how. */
  title: string;
  /** The words of the "Follow" line: "Atom", "JSON Feed", "Calendar". */
  label: string;
  /** Site path. */
  url: string;
}

/** A listing a reader can follow: a section, an authority or a topic. */
export interface Followed {
  /** The listing's own path, `/authorities/cac/`; its feeds are beside it. */
  base: string;
  /** How its feeds are named: "Enforcement Cases", "Cyberspace Administration of China (CAC)". */
  name: string;
  /** Newest first. */
  items: readonly Item[];
}

export const SITE_CALENDAR = '/calendar.ics';

/** The site's own: every item, and every effective date. */
export function siteFeeds(site: Site): FeedLink[] {
  const name = site.config.title;
  return [
    { type: 'application/atom+xml', title: `${name} (Atom)`, label: 'Atom', url: '/feed.xml' },
    {
      type: 'application/feed+json',
      title: `${name} (JSON Feed)`,
      label: 'JSON Feed',
      url: '/feed.json',
    },
    {
      type: 'text/calendar',
      title: `${name}: effective dates (iCalendar)`,
      label: 'Calendar',
      url: SITE_CALENDAR,
    },
  ];
}

/** Whether a listing gets a calendar: only when one of its items has an effective date. */
export function hasCalendar(items: readonly Item[]): boolean {
  return items.some((item) => item.effective !== undefined);
}

/** A listing's feeds, in the order the "Follow" line shows them. */
export function listingFeeds(listing: Followed): FeedLink[] {
  const { base, name } = listing;
  const feeds: FeedLink[] = [
    {
      type: 'application/atom+xml',
      title: `${name} (Atom)`,
      label: 'Atom',
      url: `${base}feed.xml`,
    },
    {
      type: 'application/feed+json',
      title: `${name} (JSON Feed)`,
      label: 'JSON Feed',
      url: `${base}feed.json`,
    },
  ];
  if (hasCalendar(listing.items)) {
    feeds.push({
      type: 'text/calendar',
      title: `${name}: effective dates (iCalendar)`,
      label: 'Calendar',
      url: `${base}calendar.ics`,
    });
  }
  return feeds;
}

export function authorityName(site: Site, id: string): string {
  // "Spanish Data Protection Authority (aepd)" already says its abbreviation: once.
  return fullName(site.authorities.get(id)!);
}

export const topicName = (tag: string) => tag.replace(/-/g, ' ');

/** Every listing with feeds of its own: the sections, the authorities (by id), the topics (by name). */
export function followedListings(site: Site): Followed[] {
  const listings: Followed[] = [];
  for (const section of site.config.sections) {
    listings.push({
      base: `/${section.id}/`,
      name: section.title,
      items: site.bySection.get(section.id) ?? [],
    });
  }
  for (const id of [...site.authorities.keys()].sort()) {
    listings.push({
      base: `/authorities/${id}/`,
      name: authorityName(site, id),
      items: site.byAuthority.get(id) ?? [],
    });
  }
  for (const tag of [...site.byTag.keys()].sort()) {
    listings.push({
      base: `/tags/${tag}/`,
      name: `${topicName(tag)} (topic)`,
      items: site.byTag.get(tag)!,
    });
  }
  return listings;
}
