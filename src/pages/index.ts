import { formatDate, formatPeriod, isoDate, lastDay } from '../domain/dates.js';
import { NoteCounter } from '../domain/notes.js';
import { absoluteUrl } from '../domain/urls.js';
import type { Bulletin, Item, Site } from '../model.js';
import { calendarPages, calendarYearPath, calendarYears } from './calendar.js';
import { emailPages } from './email.js';
import { feedPages } from './feeds.js';
import { bareName } from './authority-label.js';
import { authorityName, listingFeeds, siteFeeds, topicName, type FeedLink } from './follow.js';
import { bulletinLd, bulletinName, itemLd, websiteLd } from './structured-data.js';
import { finesPages } from './fines.js';
import { openDataPages } from './open-data.js';
import { groupByInstrument, recordPages } from './records.js';
import { searchPages } from './search.js';
import { authorityFines, STATISTICS, statisticsPages } from './statistics.js';
import { fineStyles } from '../domain/amount-style.js';
import { bulletinView, itemMeta, placeItems, type NoteView } from './view.js';

/** One page to write: where, with which template, and its data. */
export interface PageSpec {
  /** Site path: `/items/x/` (written as …/index.html) or a file such as `/sitemap.xml`. */
  path: string;
  template: string;
  title: string;
  description?: string;
  /** What the layout puts in the page's head beyond its title and description. */
  head?: PageHead;
  data: object;
}

/** A page's head: its feeds, and what sharing and search engines read (see layout.eta). */
export interface PageHead {
  /** The page's own feeds, announced first (`<link rel="alternate">`); every page also has the site's. */
  feeds?: readonly FeedLink[];
  /** The document's whole title, when "<title> — <site title>" would not say what the page is. */
  documentTitle?: string;
  /** Open Graph: an item is an article; every other page a website. */
  type?: 'article';
  /** `YYYY-MM-DD`: when an article was published, and corrected. */
  published?: string;
  modified?: string;
  /** schema.org data (with absolute URLs), written as JSON-LD when the site has an origin. */
  jsonLd?: object;
}

/** What a page can show of the content: items and bulletins, each known by its digest. */
export type PageInput = Item | Bulletin;

/**
 * A page the site will have, not yet made: its address, what it shows, and
 * how to make it. What it shows — its inputs and its key — makes its
 * fingerprint (engine/fingerprint.ts): a page whose fingerprint is unchanged
 * is not made again, in `build` and `dev` alike.
 */
export interface PagePlan {
  path: string;
  /** Every item and bulletin whose content the page shows. */
  inputs: readonly PageInput[];
  /**
   * Everything else the page shows that no input's digest holds, as text: a
   * listing's place in its pagination, the counts it shows.
   */
  key: string;
  make(): PageSpec;
}

/** Every page of the site, in a fixed order. Cheap: no page is made yet. */
export function planPages(site: Site): PagePlan[] {
  const plan: PagePlan[] = [];
  const add: Add = (path, inputs, make, key = '') => plan.push({ path, inputs, make, key });
  const latest = site.bulletins[0];
  const archive = site.bulletins.slice(0, 13);
  // The latest bulletin in full and the archive; with no bulletin yet, the latest items.
  add(
    '/',
    latest ? [...archive, ...latest.items] : site.items.slice(0, site.config.perPage),
    () => homePage(site),
    counts(archive),
  );
  bulletinPages(site, add);
  for (const section of site.config.sections) {
    const list = site.bySection.get(section.id) ?? [];
    list.forEach((item, i) =>
      add(
        item.url,
        [item, list[i - 1], list[i + 1]].filter((x) => x !== undefined),
        () => itemPage(site, item, list[i - 1], list[i + 1]),
      ),
    );
  }
  for (const section of site.config.sections) {
    const items = site.bySection.get(section.id) ?? [];
    const base = `/${section.id}/`;
    listingPages(
      site,
      add,
      base,
      section.title,
      items,
      { kind: 'section' },
      {
        description: `Every item of ${section.title} in ${site.config.title}, newest first: ${items.length}.`,
        feeds: listingFeeds({ base, name: section.title, items }),
      },
    );
  }
  authorityPages(site, add);
  tagPages(site, add);
  feedPages(site, add);
  calendarPages(site, add);
  emailPages(site, add);
  recordPages(site, add);
  openDataPages(site, add);
  finesPages(site, add);
  statisticsPages(site, add);
  searchPages(site, add);
  add('/404.html', [], () => ({
    path: '/404.html',
    template: '404',
    title: 'Page not found',
    data: {},
  }));
  add('/robots.txt', [], () => ({
    path: '/robots.txt',
    template: 'robots',
    title: 'robots',
    // A sitemap must be named by its absolute URL: only when baseUrl gives one.
    data: {
      sitemap: site.config.baseUrl.origin
        ? absoluteUrl(site.config.baseUrl, '/sitemap.xml')
        : undefined,
    },
  }));
  // A sitemap lists absolute URLs only (sitemaps.org): without an origin there is none.
  if (site.config.baseUrl.origin)
    add('/sitemap.xml', [...site.items, ...site.bulletins], () => sitemapPage(site));
  return plan;
}

/** The pages at an item's old addresses (its aliases): each sends the reader on. */
export function aliasPlans(site: Site): PagePlan[] {
  const plan: PagePlan[] = [];
  for (const item of site.items) {
    for (const alias of item.aliases) {
      plan.push({ path: alias, inputs: [item], key: '', make: () => aliasPage(site, item, alias) });
    }
  }
  return plan;
}

/** Every page of the site, made one at a time so that a large site never holds them all. */
export function* sitePages(site: Site): Generator<PageSpec> {
  for (const page of planPages(site)) yield page.make();
  for (const page of aliasPlans(site)) yield page.make();
}

/** Adds a page to the plan (see planPages). */
export type Add = (
  path: string,
  inputs: readonly PageInput[],
  make: () => PageSpec,
  key?: string,
) => void;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** How many items each bulletin holds: what a list of bulletins shows beyond their own digests. */
function counts(bulletins: readonly Bulletin[]): string {
  return bulletins.map((b) => b.items.length).join(',');
}

function homePage(site: Site): PageSpec {
  const latest = site.bulletins[0];
  const recent = site.items
    .slice(0, site.config.perPage)
    .map((item) => ({ item, meta: itemMeta(site, item) }));
  const title = site.config.title;
  const feeds = siteFeeds(site);
  return {
    path: '/',
    template: 'home',
    title,
    description:
      site.config.description ??
      (latest
        ? `The ${bulletinName(latest)} of ${title}: ${latest.items.length} ${latest.items.length === 1 ? 'item' : 'items'}.`
        : undefined),
    head: {
      feeds,
      documentTitle: latest ? `${title} — ${bulletinName(latest)}` : `${title} — latest items`,
      jsonLd: websiteLd(site),
    },
    data: {
      follow: feeds,
      view: latest ? bulletinView(site, 0) : undefined,
      recent,
      archive: site.bulletins.slice(1, 13).map(bulletinLink),
    },
  };
}

function bulletinLink(bulletin: Site['bulletins'][number]) {
  return {
    title: bulletin.title,
    url: bulletin.url,
    date: formatDate(bulletin.date),
    dateIso: isoDate(bulletin.date),
    covers: formatPeriod(bulletin.covers),
    count: bulletin.items.length,
  };
}

function bulletinPages(site: Site, add: Add): void {
  add(
    '/bulletins/',
    site.bulletins,
    () => {
      const years = new Map<number, ReturnType<typeof bulletinLink>[]>();
      for (const bulletin of site.bulletins) {
        const list = years.get(bulletin.date.year) ?? [];
        list.push(bulletinLink(bulletin));
        years.set(bulletin.date.year, list);
      }
      return {
        path: '/bulletins/',
        template: 'archive',
        title: 'All bulletins',
        data: { years: [...years].map(([year, bulletins]) => ({ year, bulletins })) },
      };
    },
    counts(site.bulletins),
  );
  site.bulletins.forEach((bulletin, i) =>
    add(bulletin.url, bulletinInputs(site, i), () => ({
      path: bulletin.url,
      template: 'bulletin',
      title: capitalise(bulletinName(bulletin)),
      description: `${site.config.title}, ${formatPeriod(bulletin.covers)}: ${bulletin.items.length} ${bulletin.items.length === 1 ? 'item' : 'items'}, published ${formatDate(bulletin.date)}.`,
      head: { jsonLd: bulletinLd(site, bulletin) },
      data: { view: bulletinView(site, i) },
    })),
  );
}

/** What a bulletin's page (and its e-mail editions) show: it, its items, the bulletins either side. */
export function bulletinInputs(site: Site, index: number): PageInput[] {
  const bulletin = site.bulletins[index]!;
  const inputs: PageInput[] = [bulletin, ...bulletin.items];
  for (const other of [site.bulletins[index - 1], site.bulletins[index + 1]])
    if (other) inputs.push(other);
  return inputs;
}

function itemPage(
  site: Site,
  item: Item,
  newer: Item | undefined,
  older: Item | undefined,
): PageSpec {
  const notes: NoteView[] = [];
  const [view] = placeItems(site, [item], new NoteCounter(), notes);
  const neighbour = (other: Item | undefined) =>
    other && { title: other.title, url: other.url, date: formatDate(other.date) };
  return {
    path: item.url,
    template: 'item',
    title: item.title,
    description: item.summary ?? item.rendered.summary,
    head: {
      type: 'article',
      published: isoDate(item.date),
      modified: item.updated && isoDate(item.updated),
      jsonLd: itemLd(site, item),
    },
    data: {
      view,
      notes,
      // The section lists newest first: "previous" is the older neighbour.
      newer: neighbour(newer),
      older: neighbour(older),
      updated: item.updated && {
        date: formatDate(item.updated),
        dateIso: isoDate(item.updated),
        text: item.correction,
      },
    },
  };
}

/** `/x/`, `/x/page/2/`, …: a paginated list of items, newest first. */
export function listingPages(
  site: Site,
  add: Add,
  base: string,
  title: string,
  items: readonly Item[],
  extra: object,
  /** What the listing is, in a sentence, and the feeds that follow it. */
  about?: { description: string; feeds: readonly FeedLink[] },
  /** What the first page alone shows besides its items (an authority's fines). */
  first?: { inputs: readonly PageInput[]; data: object; key: string },
): void {
  const perPage = site.config.perPage;
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const pathOf = (n: number) => (n === 1 ? base : `${base}page/${n}/`);
  for (let i = 0; i < pages; i++) {
    const n = i + 1;
    const slice = items.slice(i * perPage, n * perPage);
    const own = n === 1 ? first : undefined;
    add(
      pathOf(n),
      own ? [...new Set([...slice, ...own.inputs])] : slice,
      () => ({
        path: pathOf(n),
        template: 'list',
        title: n === 1 ? title : `${title} (page ${n} of ${pages})`,
        description: about?.description,
        head: about && { feeds: about.feeds },
        data: {
          heading: title,
          ...extra,
          follow: about?.feeds ?? [],
          ...own?.data,
          items: slice.map((item) => ({ item, meta: itemMeta(site, item) })),
          total: items.length,
          pagination:
            pages > 1
              ? {
                  current: n,
                  pages,
                  newer: n > 1 ? pathOf(n - 1) : undefined,
                  older: n < pages ? pathOf(n + 1) : undefined,
                  links: pageWindow(n, pages).map((k) =>
                    k === 0 ? { n: 0, url: '' } : { n: k, url: pathOf(k) },
                  ),
                }
              : undefined,
        },
      }),
      // …and, in its head and "Follow" line, the feeds of the whole listing (a calendar or
      // not), and on the first page what it alone shows.
      `${n}/${pages}/${items.length} ${(about?.feeds ?? []).map((f) => f.url).join(' ')}${own ? ` ${own.key}` : ''}`,
    );
  }
}

/** Page numbers to link: the first, the last, and two either side of the current one; 0 marks a gap. */
export function pageWindow(current: number, pages: number): number[] {
  const shown: number[] = [];
  for (let k = 1; k <= pages; k++) {
    if (k === 1 || k === pages || Math.abs(k - current) <= 2) {
      if (shown.length > 0 && k - shown[shown.length - 1]! > 1) shown.push(0);
      shown.push(k);
    }
  }
  return shown;
}

function authorityPages(site: Site, add: Add): void {
  const registry = [...site.authorities.values()]
    .map((a) => ({
      // The registry shows the abbreviation beside the name: once (see authority-label).
      authority: { ...a, name: bareName(a) },
      url: `/authorities/${a.id}/`,
      count: site.byAuthority.get(a.id)?.length ?? 0,
    }))
    .sort((a, b) => a.authority.name.localeCompare(b.authority.name, 'en'));
  add(
    '/authorities/',
    [],
    () => ({
      path: '/authorities/',
      template: 'authorities',
      title: 'Authorities',
      data: { registry },
    }),
    registry.map((r) => r.count).join(','),
  );
  const styles = fineStyles(site.items.flatMap((item) => item.fines));
  for (const { authority, url } of registry) {
    const name = authorityName(site, authority.id);
    const items = site.byAuthority.get(authority.id) ?? [];
    const fines = authorityFines(items, authority.id, styles);
    listingPages(
      site,
      add,
      url,
      name,
      items,
      { kind: 'authority', authority },
      {
        description: `What ${name} issued, decided or ruled, as ${site.config.title} reported it, newest first: ${items.length} ${items.length === 1 ? 'item' : 'items'}.`,
        feeds: listingFeeds({ base: url, name, items }),
      },
      fines && { inputs: fines.inputs, key: fines.key, data: { fines: fines.data } },
    );
  }
}

function tagPages(site: Site, add: Add): void {
  const tags = [...site.byTag.keys()].sort().map((tag) => ({
    text: tag.replace(/-/g, ' '),
    url: `/tags/${tag}/`,
    count: site.byTag.get(tag)!.length,
  }));
  add(
    '/tags/',
    [],
    () => ({ path: '/tags/', template: 'tags', title: 'Topics', data: { tags } }),
    JSON.stringify(tags),
  );
  for (const tag of [...site.byTag.keys()].sort()) {
    const items = site.byTag.get(tag)!;
    const base = `/tags/${tag}/`;
    listingPages(
      site,
      add,
      base,
      `Topic: ${topicName(tag)}`,
      items,
      { kind: 'tag' },
      {
        description: `Every item of ${site.config.title} on ${topicName(tag)}, newest first: ${items.length}.`,
        feeds: listingFeeds({ base, name: `${topicName(tag)} (topic)`, items }),
      },
    );
  }
}

/** An old address of an item: a page that sends the reader on. */
function aliasPage(site: Site, item: Item, alias: string): PageSpec {
  return {
    path: alias,
    template: 'redirect',
    title: item.title,
    data: { target: item.url, absolute: absoluteUrl(site.config.baseUrl, item.url) },
  };
}

function sitemapPage(site: Site): PageSpec {
  const base = site.config.baseUrl;
  const entry = (path: string, lastmod?: string) => ({ loc: absoluteUrl(base, path), lastmod });
  const urls = [
    entry('/', site.bulletins[0] && isoDate(site.bulletins[0].date)),
    entry('/bulletins/'),
    ...site.bulletins.map((b) => entry(b.url, isoDate(b.date))),
    ...site.items.map((i) => entry(i.url, lastDay(i.updated ?? i.date))),
    ...site.config.sections.map((s) => entry(`/${s.id}/`)),
    entry('/authorities/'),
    ...[...site.authorities.keys()].sort().map((id) => entry(`/authorities/${id}/`)),
    entry('/tags/'),
    entry('/instruments/'),
    ...[...groupByInstrument(site.items).keys()].map((id) => entry(`/instruments/${id}/`)),
    entry('/corrections/'),
    ...[...site.byTag.keys()].sort().map((t) => entry(`/tags/${t}/`)),
    entry('/calendar/'),
    ...calendarYears(site).map((year) => entry(calendarYearPath(year))),
    entry('/fines/'),
    entry(STATISTICS),
    entry('/search/'),
  ];
  return { path: '/sitemap.xml', template: 'sitemap', title: 'sitemap', data: { urls } };
}
