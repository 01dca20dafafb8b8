import { formatDate, isoDate } from '../domain/dates.js';
import type { Item, Site } from '../model.js';
import type { Add, PageSpec } from './index.js';
import { itemMeta } from './view.js';

/**
 * The digest's records beyond bulletins: each legal instrument's timeline
 * (draft → adopted → effective → amended) and the list of published corrections.
 */
export function recordPages(site: Site, add: Add): void {
  const instruments = groupByInstrument(site.items);
  const index = [...instruments].map(([id, items]) => ({
    id,
    url: `/instruments/${id}/`,
    title: items[items.length - 1]!.title,
    first: formatDate(items[0]!.date),
    last: formatDate(items[items.length - 1]!.date),
    count: items.length,
  }));
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
  return {
    path: `/instruments/${id}/`,
    template: 'instrument',
    title: items[items.length - 1]!.title,
    data: { id, steps },
  };
}
