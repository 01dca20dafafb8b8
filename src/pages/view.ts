import { unbroken } from '../domain/amount-style.js';
import { formatDate, formatPeriod, isoDate } from '../domain/dates.js';
import { appendSourceRefs, fillRefs, NoteCounter } from '../domain/notes.js';
import type { Item, Site } from '../model.js';
import type { Source } from '../schema/item.js';
import { bareName } from './authority-label.js';
import { escapeHtml } from './html.js';

/** A note in a page's closing "Notes" list. */
export interface NoteView {
  number: number;
  /** Trusted HTML. */
  html: string;
}

/** An item as a page shows it: its body with numbered references, its facts. */
export interface ItemView {
  item: Item;
  /** Trusted HTML: the body with this page's note numbers. */
  html: string;
  meta: ItemMeta;
}

export interface LinkView {
  text: string;
  title?: string;
  url: string;
}

export interface ItemMeta {
  date: string;
  dateIso: string;
  section: LinkView;
  authorities: LinkView[];
  parties: string[];
  fines: string[];
  status: string | undefined;
  /** `draft`, `adopted`, `effective` or `repealed`, for styling. */
  statusKey: string | undefined;
  effective: string | undefined;
  effectiveIso: string | undefined;
  tags: LinkView[];
  bulletin: LinkView | undefined;
  jurisdiction: string | undefined;
  legalBasis: string[];
  sectors: string[];
}

/** A Map, as every lookup by a value an editor wrote (the status is checked, but not here). */
const STATUS_LABELS: ReadonlyMap<string, string> = new Map([
  ['draft', 'Draft for comments'],
  ['adopted', 'Adopted'],
  ['effective', 'In force'],
  ['repealed', 'Repealed'],
]);

function bulletinLink(site: Site, item: Item): LinkView | undefined {
  const bulletin = site.bulletinOf.get(item.file);
  return bulletin && { text: bulletin.title, url: bulletin.url };
}

export function itemMeta(site: Site, item: Item): ItemMeta {
  return {
    date: formatDate(item.date),
    dateIso: isoDate(item.date),
    section: { text: item.section.title, url: `/${item.section.id}/` },
    authorities: item.authorities.map((id) => {
      const a = site.authorities.get(id)!;
      return { text: a.abbr ?? a.name, title: bareName(a), url: `/authorities/${id}/` };
    }),
    parties: item.parties,
    // An amount never breaks across lines; a description is text like any other.
    fines: item.fines.map((f) =>
      f.kind === 'exact' || f.kind === 'range' ? unbroken(f.display) : f.display,
    ),
    status: item.status && STATUS_LABELS.get(item.status),
    statusKey: item.status,
    effective: item.effective && formatDate(item.effective),
    effectiveIso: item.effective && isoDate(item.effective),
    tags: item.tags.map((t) => ({ text: t.replace(/-/g, ' '), url: `/tags/${t}/` })),
    bulletin: bulletinLink(site, item),
    jurisdiction: item.jurisdiction,
    legalBasis: item.legalBasis,
    sectors: item.sectors,
  };
}

/**
 * Lays items out on one page in reading order, numbering their notes
 * continuously: each item's inline footnotes where they stand, then its
 * sources, whose references close its last paragraph.
 */
export function placeItems(
  site: Site,
  items: readonly Item[],
  counter: NoteCounter,
  notes: NoteView[],
): ItemView[] {
  return items.map((item) => {
    const { rendered, sources } = item;
    const first = counter.take(rendered.notes.length);
    rendered.notes.forEach((html, i) => notes.push({ number: first + i, html }));
    const firstSource = counter.take(sources.length);
    sources.forEach((source, i) =>
      notes.push({ number: firstSource + i, html: sourceHtml(source) }),
    );
    const html = appendSourceRefs(fillRefs(rendered.html, first), firstSource, sources.length);
    return { item, html, meta: itemMeta(site, item) };
  });
}

/** "Publisher, <a>Title</a>, January 28, 2022." */
export function sourceHtml(source: Source): string {
  const parts: string[] = [];
  if (source.publisher) parts.push(escapeHtml(source.publisher));
  const title = source.title ?? source.url!;
  parts.push(
    source.url
      ? `<a href="${escapeHtml(source.url)}" class="source-link">${escapeHtml(title)}</a>`
      : `<cite>${escapeHtml(title)}</cite>`,
  );
  if (source.date) {
    parts.push(`<time datetime="${isoDate(source.date)}">${formatDate(source.date)}</time>`);
  }
  const text = parts.join(', ');
  // A title such as "… Co., Ltd." already ends the sentence.
  return /\.(<\/(cite|a)>)?$/.test(text) ? text : `${text}.`;
}

/** A bulletin's intro and items with one continuous numbering of notes. */
export function bulletinView(site: Site, bulletinIndex: number) {
  const bulletin = site.bulletins[bulletinIndex]!;
  const counter = new NoteCounter();
  const notes: NoteView[] = [];
  const introFirst = counter.take(bulletin.intro.notes.length);
  bulletin.intro.notes.forEach((html, i) => notes.push({ number: introFirst + i, html }));
  const intro = fillRefs(bulletin.intro.html, introFirst);
  const sections = bulletin.sections.map((s) => ({
    section: s.section,
    items: placeItems(site, s.items, counter, notes),
  }));
  return {
    bulletin,
    coversText: formatPeriod(bulletin.covers),
    dateText: formatDate(bulletin.date),
    dateIso: isoDate(bulletin.date),
    intro,
    sections,
    notes,
    newer: site.bulletins[bulletinIndex - 1],
    older: site.bulletins[bulletinIndex + 1],
  };
}
