import { isoDate } from '../domain/dates.js';
import { fineData } from '../domain/fine-forms.js';
import type { Item, Site } from '../model.js';
import { itemJsonSchema } from '../schema/json-schema.js';
import type { Add } from './index.js';

/** Open data: every item, every bulletin and the front-matter schema, as JSON. */
export function openDataPages(site: Site, add: Add): void {
  const absolute = (path: string) =>
    site.config.baseUrl.origin + site.config.baseUrl.path + path.slice(1);
  const json = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;
  add('/data/items.json', site.items, () => ({
    path: '/data/items.json',
    template: 'raw',
    title: 'items',
    data: {
      text: `{\n "items": [\n${site.items.map((item) => recordText(site, item, absolute)).join(',\n')}\n ]\n}\n`,
    },
  }));
  for (const bulletin of site.bulletins) {
    const path = `/data/bulletins/${bulletin.id}.json`;
    add(path, [bulletin, ...bulletin.items], () => ({
      path,
      template: 'raw',
      title: bulletin.id,
      data: {
        text: json({
          id: bulletin.id,
          title: bulletin.title,
          date: isoDate(bulletin.date),
          covers: { from: isoDate(bulletin.covers.from), to: isoDate(bulletin.covers.to) },
          url: absolute(bulletin.url),
          sections: bulletin.sections.map((s) => ({
            id: s.section.id,
            title: s.section.title,
            items: s.items.map((item) => itemRecord(site, item, absolute)),
          })),
        }),
      },
    }));
  }
  add('/data/item.schema.json', [], () => ({
    path: '/data/item.schema.json',
    template: 'raw',
    title: 'schema',
    data: { text: json(itemJsonSchema(site.config.sections.map((s) => s.id))) },
  }));
}

/** One item's record as indented JSON text, as the items file lists it. */
function recordText(site: Site, item: Item, absolute: (path: string) => string): string {
  return JSON.stringify(itemRecord(site, item, absolute), null, 1).replace(/^/gm, '  ');
}

/** One item as data: every field normalised (fines as exact decimal amounts). */
export function itemRecord(site: Site, item: Item, absolute: (path: string) => string) {
  return {
    slug: item.slug,
    url: absolute(item.url),
    title: item.title,
    title_original: item.titleOriginal,
    date: isoDate(item.date),
    date_precision:
      item.date.month === undefined ? 'year' : item.date.day === undefined ? 'month' : 'day',
    category: item.category,
    authorities: item.authorities.map((id) => {
      const a = site.authorities.get(id)!;
      return { id, name: a.name, abbr: a.abbr };
    }),
    parties: item.parties,
    fines: item.fines.map(fineData),
    sources: item.sources.map((s) => ({ ...s, date: s.date && isoDate(s.date) })),
    status: item.status,
    effective: item.effective && isoDate(item.effective),
    bulletin: site.bulletinOf.get(item.file)?.id,
    tags: item.tags,
    instrument: item.instrument,
    sectors: item.sectors,
    legal_basis: item.legalBasis,
    jurisdiction: item.jurisdiction,
    updated: item.updated && isoDate(item.updated),
    correction: item.correction,
    summary: item.summary ?? item.rendered.summary,
  };
}
