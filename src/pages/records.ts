import { formatDate, isoDate, sortKey, type PartialDate } from '../domain/dates.js';
import type { Item, Site } from '../model.js';
import { bareName } from './authority-label.js';
import type { Add, PageSpec } from './index.js';
import { itemMeta } from './view.js';

/**
 * The digest's records beyond bulletins: each legal instrument's timeline
 * (draft → adopted → effective → amended) and the list of published corrections.
 */
export function recordPages(site: Site, add: Add): void {
  const instruments = groupByInstrument(site.items);
  const index = [...instruments]
    .map(([id, items]) => {
      const dates = stepDates(items);
      return {
        id,
        url: `/instruments/${id}/`,
        ...instrumentNames(site, id, items),
        first: formatDate(dates[0]!),
        last: formatDate(dates[dates.length - 1]!),
        latest: sortKey(dates[dates.length - 1]!),
        // Each item is a step, and so is each entry into force, as on the timeline.
        count: dates.length,
      };
    })
    // The instrument that moved last first; the id breaks ties.
    .sort((a, b) => b.latest - a.latest || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  add('/instruments/', [...instruments.values()].flat(), () => ({
    path: '/instruments/',
    template: 'instruments',
    title: 'Legal instruments',
    data: { instruments: index },
  }));
  for (const [id, items] of instruments) {
    add(`/instruments/${id}/`, items, () => instrumentPage(site, id, items));
  }
  const corrected = site.items.filter((i) => i.updated !== undefined);
  add('/corrections/', corrected, () => ({
    path: '/corrections/',
    template: 'corrections',
    title: 'Corrections',
    data: {
      corrections: corrected
        .map((item) => ({
          item,
          meta: itemMeta(site, item),
          date: formatDate(item.updated!),
          dateIso: isoDate(item.updated!),
          text: item.correction,
        }))
        .sort((a, b) => (a.dateIso < b.dateIso ? 1 : a.dateIso > b.dateIso ? -1 : 0)),
    },
  }));
}

/** Each instrument's items, oldest first: the order in which its story unfolded. */
export function groupByInstrument(items: readonly Item[]): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of [...items].reverse()) {
    if (item.instrument === undefined) continue;
    const list = groups.get(item.instrument);
    if (list) list.push(item);
    else groups.set(item.instrument, [item]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every date in an instrument's story, oldest first: its items' and their entries into force. */
function stepDates(items: readonly Item[]): PartialDate[] {
  return items
    .flatMap((item) => (item.effective ? [item.date, item.effective] : [item.date]))
    .sort((a, b) => sortKey(a) - sortKey(b));
}

/**
 * What an instrument is called: its name in data/instruments.yaml, with its
 * original name, kind and issuing authority; without an entry, the title of
 * its latest item.
 */
function instrumentNames(site: Site, id: string, items: readonly Item[]) {
  const entry = site.instruments?.get(id);
  if (!entry) return { title: items[items.length - 1]!.title, registered: false };
  const authority =
    entry.authority === undefined ? undefined : site.authorities.get(entry.authority);
  return {
    title: entry.name,
    registered: true,
    nameOriginal: entry.nameOriginal,
    kind: entry.kind?.replace(/-/g, ' '),
    authority: authority && {
      text: authority.abbr ?? authority.name,
      title: bareName(authority),
      url: `/authorities/${authority.id}/`,
    },
  };
}

function instrumentPage(site: Site, id: string, items: Item[]): PageSpec {
  const steps = items.flatMap((item) => {
    const meta = itemMeta(site, item);
    const step = { kind: 'item', item, meta, date: meta.date, dateIso: meta.dateIso };
    return item.effective
      ? [
          step,
          { kind: 'effective', item, meta, date: meta.effective!, dateIso: meta.effectiveIso! },
        ]
      : [step];
  });
  steps.sort((a, b) => (a.dateIso < b.dateIso ? -1 : a.dateIso > b.dateIso ? 1 : 0));
  const names = instrumentNames(site, id, items);
  return {
    path: `/instruments/${id}/`,
    template: 'instrument',
    title: names.title,
    data: { id, steps, ...names },
  };
}
