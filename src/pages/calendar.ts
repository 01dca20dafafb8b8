/**
 * The effective-dates calendar: `/calendar/` lists every item with an
 * `effective` date, upcoming first (soonest first) then past (latest first),
 * grouped by month; `/calendar.ics` is the same as an iCalendar feed.
 *
 * "Upcoming" needs a today that does not depend on the clock, so that a build
 * is byte-identical: it is the day of SOURCE_DATE_EPOCH when that is set (the
 * reproducible-builds convention for "now"), otherwise the newest date in the
 * content (the latest bulletin's publication or item's date).
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
import type { Add, PageSpec } from './index.js';
import { itemMeta } from './view.js';

type Day = PartialDate & { month: number; day: number };

export interface ReferenceDate {
  date: Day;
  /** Where it came from, said on the page. */
  source: 'SOURCE_DATE_EPOCH' | 'content' | 'none';
}

function toDay(date: PartialDate): Day {
  const month = date.month ?? 12; // a month or a year counts as its last day
  return { year: date.year, month, day: date.day ?? daysInMonth(date.year, month) };
}

/** The calendar's today: SOURCE_DATE_EPOCH's UTC day, else the newest content date. */
export function referenceDate(site: Site, epoch = process.env.SOURCE_DATE_EPOCH): ReferenceDate {
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) {
    const d = new Date(Number(epoch.trim()) * 1000);
    if (!Number.isNaN(d.getTime())) {
      const date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      return { date, source: 'SOURCE_DATE_EPOCH' };
    }
  }
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

export function calendarPages(site: Site, add: Add): void {
  const items = effectiveItems(site);
  // The page also depends on the newest item, which may set its reference date.
  const newest = site.items[0];
  const pageDeps = newest && !items.includes(newest) ? [...items, newest] : items;
  // …and on the reference date, which SOURCE_DATE_EPOCH may set.
  const today = JSON.stringify(referenceDate(site));
  add('/calendar/', pageDeps, () => calendarPage(site, items), today);
  add('/calendar.ics', pageDeps, () => icsPage(site, items), today);
}

interface MonthGroup {
  id: string;
  title: string;
  entries: ReturnType<typeof calendarEntry>[];
}

function calendarEntry(site: Site, item: Item) {
  const meta = itemMeta(site, item);
  return {
    item,
    meta,
    effective: formatDate(item.effective!),
    effectiveIso: isoDate(item.effective!),
    /** "Mar 1": the day within its month group. */
    day: `${MONTH_NAMES[(item.effective!.month ?? 12) - 1]!.slice(0, 3)} ${item.effective!.day ?? ''}`.trim(),
  };
}

function groupByMonth(site: Site, items: readonly Item[]): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const item of items) {
    const id = monthId(item.effective!);
    let group = groups[groups.length - 1];
    if (group?.id !== id) {
      group = {
        id,
        title: formatDate({ year: item.effective!.year, month: item.effective!.month }),
        entries: [],
      };
      groups.push(group);
    }
    group.entries.push(calendarEntry(site, item));
  }
  return groups;
}

function calendarPage(site: Site, items: readonly Item[]): PageSpec {
  const reference = referenceDate(site);
  const today = sortKey(reference.date);
  const upcoming = items.filter((item) => sortKey(item.effective!) >= today);
  const past = items.filter((item) => sortKey(item.effective!) < today).reverse();
  return {
    path: '/calendar/',
    template: 'calendar',
    title: 'Effective dates',
    description: `When the rules covered by ${site.config.title} take effect.`,
    data: {
      reference: {
        text: formatDate(reference.date),
        iso: isoDate(reference.date),
        source: reference.source,
      },
      total: items.length,
      parts: [
        {
          id: 'upcoming',
          title: 'Upcoming',
          count: upcoming.length,
          months: groupByMonth(site, upcoming),
          empty: 'Nothing is due to take effect after this date.',
        },
        {
          id: 'past',
          title: 'Past',
          count: past.length,
          months: groupByMonth(site, past),
          empty: 'Nothing has taken effect before this date.',
        },
      ],
      ics: '/calendar.ics',
    },
  };
}

function icsPage(site: Site, items: readonly Item[]): PageSpec {
  const title = site.config.title;
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
      description: `When the rules covered by ${title} take effect.`,
      prodId: '-//gazette//Effective dates//EN',
    },
    events,
  );
  return { path: '/calendar.ics', template: 'calendar-ics', title, data: { text } };
}
