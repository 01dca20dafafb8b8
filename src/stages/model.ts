import type { Config } from '../config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { formatPeriod, periodContains, sortKey, type PartialDate } from '../domain/dates.js';
import { compareItems, sortByDate } from '../domain/ordering.js';
import { didYouMean } from '../domain/suggest.js';
import {
  memoryMemo,
  type Bulletin,
  type BulletinSection,
  type Item,
  type LoadedBulletin,
  type LoadedItem,
  type Memo,
  type Site,
} from '../model.js';
import type { Authority } from '../schema/authorities.js';
import type { Instrument } from '../schema/instruments.js';

export interface ModelInput {
  /** Where pages keep work between builds (the engine's cache); in memory when absent. */
  memo?: Memo;
  /** The build date, for pages that count from today (the calendar). */
  today?: PartialDate;
  config: Config;
  authorities: Map<string, Authority>;
  instruments?: ReadonlyMap<string, Instrument> | undefined;
  items: readonly LoadedItem[];
  bulletins: readonly LoadedBulletin[];
}

/**
 * Places items in the site: assigns them to bulletins and sections, orders
 * every listing, and reports what only the whole site can show (two items
 * with one slug, a bulletin that does not exist, overlapping bulletins).
 */
export function buildModel(input: ModelInput): { site: Site; diagnostics: Diagnostic[] } {
  const { config } = input;
  const diagnostics: Diagnostic[] = [];
  const bulletins: Bulletin[] = [...input.bulletins]
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((b) => ({ ...b, url: `/bulletins/${b.id}/`, sections: [], items: [] }));
  checkOverlaps(bulletins, diagnostics);
  const bulletinById = new Map(bulletins.map((b) => [b.id, b]));
  const byMonth = bulletinsByMonth(bulletins);

  const items: Item[] = [];
  const bySlug = new Map<string, Item>();
  const bulletinOf = new Map<string, Bulletin>();
  for (const loaded of sortByDate(input.items)) {
    const item: Item = loaded;
    const first = bySlug.get(item.slug);
    if (first) {
      diagnostics.push(
        diagnostic(
          item.file,
          item.positions.slug ?? { line: 1, column: 1 },
          'slug-duplicate',
          `two items have the URL name "${item.slug}"; the other is ${first.file}`,
          'give one of them another file name or a "slug" field',
        ),
      );
      continue;
    }
    bySlug.set(item.slug, item);
    checkInstrument(item, input.instruments, diagnostics);
    const bulletin = assignBulletin(item, byMonth, bulletinById, diagnostics);
    if (bulletin) bulletinOf.set(item.file, bulletin);
    items.push(item);
  }

  const byBulletin = new Map<string, Item[]>();
  const bySection = new Map<string, Item[]>();
  const byAuthority = new Map<string, Item[]>();
  const byTag = new Map<string, Item[]>();
  for (const item of items) {
    const bulletin = bulletinOf.get(item.file);
    if (bulletin) push(byBulletin, bulletin.id, item);
    push(bySection, item.category, item);
    for (const id of item.authorities) push(byAuthority, id, item);
    for (const tag of item.tags) push(byTag, tag, item);
  }
  for (const bulletin of bulletins) {
    bulletin.sections = sectionsOf(config, byBulletin.get(bulletin.id) ?? []);
    bulletin.items = bulletin.sections.flatMap((s) => s.items);
  }

  return {
    site: {
      config,
      authorities: input.authorities,
      instruments: input.instruments,
      items,
      bulletins,
      bySection,
      byAuthority,
      byTag,
      bulletinOf,
      memo: input.memo ?? memoryMemo(),
      today: input.today,
    },
    diagnostics,
  };
}

/** With a registry of instruments, an item names one of them (without one, any id will do). */
function checkInstrument(
  item: Item,
  instruments: ReadonlyMap<string, Instrument> | undefined,
  diagnostics: Diagnostic[],
): void {
  if (item.instrument === undefined || instruments === undefined) return;
  if (instruments.has(item.instrument)) return;
  diagnostics.push(
    diagnostic(
      item.file,
      item.positions.instrument ?? { line: 1, column: 1 },
      'instrument-unknown',
      `unknown instrument "${item.instrument}"`,
      `${didYouMean(item.instrument, [...instruments.keys()], 'instruments')} Instruments are defined in data/instruments.yaml.`,
    ),
  );
}

/** For each month, the bulletins whose period reaches into it, newest first. */
function bulletinsByMonth(bulletins: readonly Bulletin[]): Map<number, Bulletin[]> {
  const months = new Map<number, Bulletin[]>();
  for (const bulletin of bulletins) {
    const { from, to } = bulletin.covers;
    for (
      let y = from.year, m = from.month ?? 1;
      y * 12 + m <= to.year * 12 + (to.month ?? 12);
      m === 12 ? (y++, (m = 1)) : m++
    ) {
      const key = y * 100 + m;
      const list = months.get(key) ?? [];
      list.push(bulletin);
      months.set(key, list);
    }
  }
  return months;
}

function assignBulletin(
  item: Item,
  byMonth: Map<number, Bulletin[]>,
  byId: Map<string, Bulletin>,
  diagnostics: Diagnostic[],
): Bulletin | undefined {
  if (item.bulletin !== undefined) {
    const named = byId.get(item.bulletin);
    if (!named) {
      const at = item.positions.bulletin ?? { line: 1, column: 1 };
      diagnostics.push(
        diagnostic(
          item.file,
          at,
          'bulletin-unknown',
          `there is no bulletin "${item.bulletin}"`,
          `${didYouMean(item.bulletin, [...byId.keys()], 'bulletins')} Create it with: gazette new bulletin ${item.bulletin}`,
        ),
      );
    }
    return named;
  }
  // Newest first, so that the latest bulletin covering a date wins (overlaps are reported anyway).
  // A year-only date is in a bulletin only if its period holds the whole year, December included.
  const candidates = byMonth.get(item.date.year * 100 + (item.date.month ?? 12)) ?? [];
  return candidates.find((b) => periodContains(b.covers, item.date));
}

/**
 * Every two bulletins whose periods share a day, found in one sweep through
 * the periods by their first day (each is compared only with those not yet
 * over), so that thousands of bulletins cost what their count does.
 */
function checkOverlaps(bulletins: Bulletin[], diagnostics: Diagnostic[]): void {
  const first = (d: PartialDate) => d.year * 10000 + (d.month ?? 1) * 100 + (d.day ?? 1);
  const spans = bulletins
    .map((b) => ({ b, from: first(b.covers.from), to: sortKey(b.covers.to) }))
    .sort((x, y) => x.from - y.from || (x.b.id < y.b.id ? -1 : 1));
  let open: typeof spans = [];
  for (const span of spans) {
    open = open.filter((o) => o.to >= span.from);
    for (const other of open) {
      // Reported on the newer of the two, naming the older, as a reader of the list meets them.
      const [a, b] = span.b.id > other.b.id ? [span.b, other.b] : [other.b, span.b];
      diagnostics.push(
        diagnostic(
          a.file,
          { line: 1, column: 1 },
          'bulletin-overlap',
          `bulletin ${a.id} covers ${formatPeriod(a.covers)}, which overlaps bulletin ${b.id} (${formatPeriod(b.covers)})`,
          'set "covers" so that each day belongs to one bulletin',
        ),
      );
    }
    open.push(span);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * What of an item decides where the site places it — every field but those
 * only its own pages' content shows. An edit that keeps an item's placement
 * leaves every listing, order, bulletin and page address of the site as it
 * was, so `replaceItems` can make the new model from the old one. The list
 * below names what is content; everything else counts as placement, so a
 * field added to items later is safe (a placement) until someone says it is
 * only shown.
 */
const CONTENT_FIELDS = new Set([
  'title',
  'titleOriginal',
  'summary',
  'sources',
  'parties',
  'status',
  'jurisdiction',
  'legalBasis',
  'correction',
  'positions',
  'digest',
  'body',
  'rendered',
  'section',
]);

export function placement(item: LoadedItem, except: ReadonlySet<string> = NONE): string {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(item)) {
    if (!CONTENT_FIELDS.has(key) && !except.has(key)) kept[key] = item[key as keyof LoadedItem];
  }
  return JSON.stringify(kept, (_, value: unknown) =>
    typeof value === 'bigint' ? `${value}n` : value,
  );
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The fields that decide only where an item stands in the site's lists:
 * its order (date, weight) and the lists it is in (its section, authorities
 * and topics). An edit of these moves the item; `replaceItems` moves it by
 * taking it out of its old lists and putting it into its new ones.
 */
export const POSITION_FIELDS: ReadonlySet<string> = new Set([
  'date',
  'weight',
  'category',
  'authorities',
  'tags',
]);

/**
 * The model of the same site with some items replaced by new versions (see
 * `placement`: the same apart from content, and at most moved by a change of
 * `POSITION_FIELDS`). The old model is not changed: each list that held an
 * old item or takes a new one is copied, the item taken out or put in at its
 * place in the total order; every other list is shared. The result is what
 * `buildModel` makes of the same items, at the cost of the lists touched.
 */
export function replaceItems(
  site: Site,
  pairs: readonly (readonly [Item, Item])[],
  input: Pick<ModelInput, 'config'>,
): Site {
  const olds = new Set(pairs.map(([old]) => old));
  const news = pairs.map(([, next]) => next);
  /** A copy of `list` without the old items, with the new ones (those `belongs` wants) in order. */
  const moved = (list: readonly Item[], belongs: (item: Item) => boolean) => {
    const next = list.filter((i) => !olds.has(i));
    for (const item of news) if (belongs(item)) insertInOrder(next, item, compareItemsByDate);
    return next;
  };
  const lists = <K>(map: Map<K, Item[]>, keys: (item: Item) => readonly K[]) => {
    const next = new Map(map);
    const touched = new Set<K>();
    for (const [old, item] of pairs)
      for (const key of [...keys(old), ...keys(item)]) touched.add(key);
    for (const key of touched) {
      const list = moved(map.get(key) ?? [], (item) => keys(item).includes(key));
      if (list.length > 0) next.set(key, list);
      else next.delete(key);
    }
    // In the order buildModel gives its keys: of each list's first item, and
    // the key's place among that item's own.
    const rank = ([key, list]: [K, Item[]]) => [
      order.get(list[0]!) ?? 0,
      keys(list[0]!).indexOf(key),
    ];
    return new Map(
      [...next].sort((a, b) => {
        const [x, y] = [rank(a), rank(b)];
        return x[0]! - y[0]! || x[1]! - y[1]!;
      }),
    );
  };
  const items = moved(site.items, () => true);
  const order = new Map(items.map((item, i) => [item, i]));

  // Bulletins: the old one of each item and the one it falls in now are made again.
  const byId = new Map(site.bulletins.map((b) => [b.id, b]));
  const byMonth = bulletinsByMonth(site.bulletins);
  const bulletinOf = new Map(site.bulletinOf);
  const remade = new Set<Bulletin>();
  for (const [old, item] of pairs) {
    const before = site.bulletinOf.get(old.file);
    if (before) remade.add(before);
    bulletinOf.delete(old.file);
    const after = assignBulletin(item, byMonth, byId, []);
    if (after) {
      remade.add(after);
      bulletinOf.set(item.file, after);
    }
  }
  const fresh = new Map<Bulletin, Bulletin>();
  for (const bulletin of remade) {
    const own = items.filter((i) => bulletinOf.get(i.file) === bulletin);
    const sections = sectionsOf(input.config, own);
    const next: Bulletin = { ...bulletin, sections, items: sections.flatMap((s) => s.items) };
    fresh.set(bulletin, next);
  }
  for (const [file, bulletin] of bulletinOf) {
    const next = fresh.get(bulletin);
    if (next) bulletinOf.set(file, next);
  }
  return {
    ...site,
    items,
    bulletins: site.bulletins.map((b) => fresh.get(b) ?? b),
    bySection: lists(site.bySection, (i) => [i.category]),
    byAuthority: lists(site.byAuthority, (i) => i.authorities),
    byTag: lists(site.byTag, (i) => i.tags),
    bulletinOf,
  };
}

/** A bulletin's sections, in the configuration's order, each in the total order of items. */
function sectionsOf(config: Config, own: readonly Item[]): BulletinSection[] {
  return config.sections
    .map((section) => ({
      section,
      items: own.filter((i) => i.category === section.id).sort(compareItems),
    }))
    .filter((s) => s.items.length > 0);
}

function compareItemsByDate(a: Item, b: Item): number {
  return sortKey(b.date) - sortKey(a.date) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

/** Puts `item` into the sorted `list` at its place (binary search). */
function insertInOrder<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}
