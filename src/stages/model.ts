import type { Config } from '../config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { formatPeriod, periodContains, sortKey, type PartialDate } from '../domain/dates.js';
import { compareItems, sortByDate } from '../domain/ordering.js';
import { didYouMean } from '../domain/suggest.js';
import {
  memoryMemo,
  type Bulletin,
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
    const own = byBulletin.get(bulletin.id) ?? [];
    bulletin.sections = config.sections
      .map((section) => ({
        section,
        items: own.filter((i) => i.category === section.id).sort(compareItems),
      }))
      .filter((s) => s.items.length > 0);
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
