import type { Config } from '../config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { formatPeriod, periodContains, periodsOverlap } from '../domain/dates.js';
import { compareByDate, compareItems } from '../domain/ordering.js';
import { didYouMean } from '../domain/suggest.js';
import type { Bulletin, Item, LoadedBulletin, LoadedItem, Site } from '../model.js';
import type { Authority } from '../schema/authorities.js';

export interface ModelInput {
  config: Config;
  authorities: Map<string, Authority>;
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

  const sections = new Map(config.sections.map((s) => [s.id, s]));
  const items: Item[] = [];
  const bySlug = new Map<string, Item>();
  for (const loaded of [...input.items].sort(compareByDate)) {
    const item: Item = {
      ...loaded,
      url: `/items/${loaded.slug}/`,
      section: sections.get(loaded.category)!,
      bulletinRef: undefined,
    };
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
    item.bulletinRef = assignBulletin(item, bulletins, bulletinById, diagnostics);
    items.push(item);
  }
  checkAliases(items, diagnostics);

  const byBulletin = groupBy(items, (i) => (i.bulletinRef ? [i.bulletinRef.id] : []));
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
      items,
      bulletins,
      bySection: groupBy(items, (i) => [i.category]),
      byAuthority: groupBy(items, (i) => i.authorities),
      byTag: groupBy(items, (i) => i.tags),
    },
    diagnostics,
  };
}

function assignBulletin(
  item: Item,
  bulletins: Bulletin[],
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
  return bulletins.find((b) => periodContains(b.covers, item.date));
}

function checkOverlaps(bulletins: Bulletin[], diagnostics: Diagnostic[]): void {
  for (let i = 0; i < bulletins.length; i++) {
    for (let j = i + 1; j < bulletins.length; j++) {
      const a = bulletins[i]!;
      const b = bulletins[j]!;
      if (periodsOverlap(a.covers, b.covers)) {
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
    }
  }
}

function checkAliases(items: Item[], diagnostics: Diagnostic[]): void {
  const taken = new Map<string, string>(items.map((i) => [i.url, i.file]));
  for (const item of items) {
    for (const alias of item.aliases) {
      const other = taken.get(alias);
      if (other !== undefined) {
        diagnostics.push(
          diagnostic(
            item.file,
            item.positions.aliases ?? { line: 1, column: 1 },
            'alias-duplicate',
            `alias ${alias} is already the address of ${other}`,
            'remove the alias or change the other item',
          ),
        );
      } else {
        taken.set(alias, item.file);
      }
    }
  }
}

function groupBy(items: Item[], keys: (item: Item) => readonly string[]): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(item);
    }
  }
  return groups;
}
