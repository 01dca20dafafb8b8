/**
 * The effective-dates calendar: `/calendar/` lists the upcoming dates
 * (soonest first) and the latest past ones, and links one page per year,
 * `/calendar/2022/`, that lists every date of that year by month, with an
 * index of the months. `/calendar.ics` holds every date as an iCalendar feed,
 * and each section, authority and topic with dates has one of its own.
 *
 * "Upcoming" needs a today that does not depend on the clock, so that a build
 * is byte-identical: it is the day of SOURCE_DATE_EPOCH when that is set (the
 * reproducible-builds convention for "now"), otherwise the newest date in the
 * content (the latest bulletin's publication or item's date). The pages say
 * "as of" that day; a small script in them counts from the reader's own day.
 */
import {
  daysInMonth,
  formatDate,
  isoDate,
  MONTH_NAMES,
  monthId,
  sortKey,
  type PartialDate,
} from '../domain/dates.js';
import type { Item, Site } from '../model.js';
import { absolute, itemUpdated, newestContentDate, stableId } from './feeds-content.js';
import { calendarText, type CalendarEvent } from './ical.js';
import { followedListings, hasCalendar, SITE_CALENDAR, siteFeeds } from './follow.js';
import type { Add, PageSpec } from './index.js';
import { itemMeta } from './view.js';

type Day = PartialDate & { month: number; day: number };

export interface ReferenceDate {
  date: Day;
  /** Where it came from, said on the page: the build date, or (a model made without one) the content. */
  source: 'build' | 'content' | 'none';
}

function toDay(date: PartialDate): Day {
  const month = date.month ?? 12; // a month or a year counts as its last day
  return { year: date.year, month, day: date.day ?? daysInMonth(date.year, month) };
}

/**
 * The calendar's today: the build date (SOURCE_DATE_EPOCH's day when it is
 * set, else today's; the engine decides it once for the whole build), so that
 * an event past by the build date never shows as upcoming. A model made
 * without a build date (a test's) counts from the newest content date.
 */
export function referenceDate(site: Site): ReferenceDate {
  if (site.today) return { date: toDay(site.today), source: 'build' };
  const newest = newestContentDate(site);
  if (newest) return { date: toDay(newest), source: 'content' };
  return { date: { year: 1970, month: 1, day: 1 }, source: 'none' };
}

/** Items with an effective date, soonest first; ties keep the site's order. */
export function effectiveItems(site: Site): Item[] {
  return site.items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item.effective !== undefined)
    .sort((a, b) => sortKey(a.item.effective!) - sortKey(b.item.effective!) || a.index - b.index)
    .map(({ item }) => item);
}

/** How many of the latest past dates the overview shows; the year pages show them all. */
export const RECENT = 10;

export const calendarYearPath = (year: number) => `/calendar/${year}/`;

export function calendarPages(site: Site, add: Add): void {
  const items = effectiveItems(site);
  const reference = referenceDate(site);
  const today = JSON.stringify(reference);
  // The pages also depend on the newest item, which may set the reference date.
  const newest = site.items[0];
  const withNewest = (list: readonly Item[]) =>
    newest && !list.includes(newest) ? [...list, newest] : [...list];
  const byYear = groupByYear(items);
  const years = [...byYear].map(([year, list]) => ({ year, count: list.length }));
  const yearsKey = years.map((y) => `${y.year}:${y.count}`).join(',');
  const { upcoming, recent } = overviewItems(items, reference);
  add(
    '/calendar/',
    withNewest([...upcoming, ...recent]),
    () => calendarPage(site, items.length, upcoming, recent, years, reference),
    `${today} ${yearsKey}`,
  );
  for (const [year, list] of byYear) {
    const path = calendarYearPath(year);
    add(
      path,
      withNewest(list),
      () => yearPage(site, year, list, years, reference),
      `${today} ${yearsKey}`,
    );
  }
  add('/calendar.ics', items, () =>
    icsPage(site, items, { path: '/calendar.ics', name: site.config.title }),
  );
  // Each section, authority and topic whose items have effective dates: a calendar of its own.
  for (const listing of followedListings(site)) {
    if (!hasCalendar(listing.items)) continue;
    const own = listing.items
      .filter((item) => item.effective !== undefined)
      .sort((a, b) => sortKey(a.effective!) - sortKey(b.effective!)); // stable: ties keep the site's order
    const path = `${listing.base}calendar.ics`;
    add(path, own, () =>
      icsPage(site, own, { path, name: `${site.config.title}: ${listing.name}` }),
    );
  }
}

/** The years that have a calendar page, oldest first. */
export function calendarYears(site: Site): number[] {
  return [...groupByYear(effectiveItems(site)).keys()];
}

/** Effective items by the year they take effect, oldest year first; each soonest first. */
function groupByYear(items: readonly Item[]): Map<number, Item[]> {
  const years = new Map<number, Item[]>();
  for (const item of items) {
    const list = years.get(item.effective!.year) ?? [];
    list.push(item);
    years.set(item.effective!.year, list);
  }
  return years;
}

/** What the overview lists: every upcoming date (soonest first) and the latest past ones (latest first). */
function overviewItems(items: readonly Item[], reference: ReferenceDate) {
  const today = sortKey(reference.date);
  return {
    upcoming: items.filter((item) => sortKey(item.effective!) >= today),
    recent: items
      .filter((item) => sortKey(item.effective!) < today)
      .reverse()
      .slice(0, RECENT),
  };
}

interface MonthGroup {
  id: string;
  title: string;
  /** "Mar" */
  short: string;
  entries: ReturnType<typeof calendarEntry>[];
}

function calendarEntry(site: Site, item: Item, reference: ReferenceDate) {
  const meta = itemMeta(site, item);
  const day = toDay(item.effective!);
  return {
    item,
    meta,
    effective: formatDate(item.effective!),
    effectiveIso: isoDate(item.effective!),
    /** 20220301: what the page's script compares with the reader's today. */
    dayNumber: day.year * 10000 + day.month * 100 + day.day,
    upcoming: sortKey(item.effective!) >= sortKey(reference.date),
    /** "Mar 1": the day within its month group. */
    day: `${MONTH_NAMES[(item.effective!.month ?? 12) - 1]!.slice(0, 3)} ${item.effective!.day ?? ''}`.trim(),
  };
}

function groupByMonth(site: Site, items: readonly Item[], reference: ReferenceDate): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const item of items) {
    const id = monthId(item.effective!);
    let group = groups[groups.length - 1];
    if (group?.id !== id) {
      const month = item.effective!.month ?? 12;
      group = {
        id,
        title: formatDate({ year: item.effective!.year, month }),
        short: MONTH_NAMES[month - 1]!.slice(0, 3),
        entries: [],
      };
      groups.push(group);
    }
    group.entries.push(calendarEntry(site, item, reference));
  }
  return groups;
}

function referenceView(reference: ReferenceDate) {
  return {
    text: formatDate(reference.date),
    iso: isoDate(reference.date),
    dayNumber: reference.date.year * 10000 + reference.date.month * 100 + reference.date.day,
    source: reference.source,
  };
}

function calendarPage(
  site: Site,
  total: number,
  upcoming: readonly Item[],
  recent: readonly Item[],
  years: readonly { year: number; count: number }[],
  reference: ReferenceDate,
): PageSpec {
  return {
    path: '/calendar/',
    template: 'calendar',
    title: 'Effective dates',
    description: `When the rules covered by ${site.config.title} take effect.`,
    head: { feeds: [siteFeeds(site).find((f) => f.url === SITE_CALENDAR)!] },
    data: {
      reference: referenceView(reference),
      total,
      years: years.map((y) => ({ ...y, url: calendarYearPath(y.year) })),
      parts: [
        {
          id: 'upcoming',
          title: 'Upcoming',
          count: upcoming.length,
          months: groupByMonth(site, upcoming, reference),
          empty: 'Nothing is due to take effect after this date.',
        },
        {
          id: 'past',
          title: 'Recently in effect',
          count: recent.length,
          months: groupByMonth(site, recent, reference),
          empty: 'Nothing has taken effect before this date.',
        },
      ],
      ics: SITE_CALENDAR,
    },
  };
}

function yearPage(
  site: Site,
  year: number,
  items: readonly Item[],
  years: readonly { year: number; count: number }[],
  reference: ReferenceDate,
): PageSpec {
  const months = groupByMonth(site, items, reference);
  const at = years.findIndex((y) => y.year === year);
  const link = (y: { year: number } | undefined) =>
    y && { year: y.year, url: calendarYearPath(y.year) };
  return {
    path: calendarYearPath(year),
    template: 'calendar-year',
    title: `Effective dates in ${year}`,
    description: `The rules covered by ${site.config.title} that take effect in ${year}: ${items.length}.`,
    head: { feeds: [siteFeeds(site).find((f) => f.url === SITE_CALENDAR)!] },
    data: {
      year,
      total: items.length,
      reference: referenceView(reference),
      // Every month of the year, those with dates linked to their list.
      index: MONTH_NAMES.map((name, i) => {
        const id = `${year}-${String(i + 1).padStart(2, '0')}`;
        const group = months.find((m) => m.id === id);
        return {
          id,
          short: name.slice(0, 3),
          title: `${name} ${year}`,
          count: group?.entries.length ?? 0,
        };
      }),
      months,
      older: link(years[at - 1]),
      newer: link(years[at + 1]),
      ics: SITE_CALENDAR,
    },
  };
}

function icsPage(
  site: Site,
  items: readonly Item[],
  calendar: { path: string; name: string },
): PageSpec {
  const title = calendar.name;
  const events: CalendarEvent[] = items.map((item) => {
    const meta = itemMeta(site, item);
    const facts = [
      meta.section.text,
      meta.status,
      meta.authorities.map((a) => a.title ?? a.text).join(', '),
    ].filter((x): x is string => Boolean(x));
    const url = absolute(site, item.url);
    const description = [
      item.titleOriginal,
      item.summary ?? item.rendered.summary,
      facts.join(' · '),
      url,
    ]
      .filter(Boolean)
      .join('\n\n');
    return {
      uid: stableId(site, `${item.url}#effective`),
      date: toDay(item.effective!),
      summary: `Effective: ${item.title}`,
      description,
      url: site.config.baseUrl.origin ? url : undefined,
      categories: [item.section.title],
      stamp: toDay(itemUpdated(item)),
    };
  });
  const text = calendarText(
    {
      name: `${title}: effective dates`,
      description: `When the rules covered by ${calendar.name} take effect.`,
      prodId: '-//gazette//Effective dates//EN',
    },
    events,
  );
  return { path: calendar.path, template: 'calendar-ics', title, data: { text } };
}
