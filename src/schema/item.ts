import type { Section } from '../config.js';
import type { Diagnostic, Position } from '../diagnostics.js';
import type { PartialDate } from '../domain/dates.js';
import type { ItemFine } from '../domain/fine-forms.js';
import { ID, SLUG, isSlug, slugFromPath, slugify, tooLong } from '../domain/slugs.js';
import type { Document } from '../stages/read.js';
import { FieldReader } from './fields.js';
import { readFines } from './fine-field.js';
import { readSources } from './item-fields.js';
import type { YamlPath } from './yaml.js';

export const STATUSES = ['draft', 'adopted', 'effective', 'repealed'] as const;
export type Status = (typeof STATUSES)[number];

export interface Source {
  title: string | undefined;
  url: string | undefined;
  publisher: string | undefined;
  date: PartialDate | undefined;
}

/** An item's front matter, validated and typed. */
export interface ItemData {
  file: string;
  title: string;
  titleOriginal: string | undefined;
  date: PartialDate;
  category: string;
  authorities: string[];
  parties: string[];
  fines: ItemFine[];
  sources: Source[];
  status: Status | undefined;
  effective: PartialDate | undefined;
  bulletin: string | undefined;
  tags: string[];
  slug: string;
  weight: number;
  draft: boolean;
  summary: string | undefined;
  instrument: string | undefined;
  sectors: string[];
  legalBasis: string[];
  jurisdiction: string | undefined;
  updated: PartialDate | undefined;
  correction: string | undefined;
  aliases: string[];
  /** Where each top-level field's value starts, for errors found later. */
  positions: Record<string, Position>;
}

export const ITEM_FIELDS = [
  'title',
  'date',
  'category',
  'authority',
  'party',
  'fine',
  'currency',
  'sources',
  'status',
  'effective',
  'bulletin',
  'tags',
  'slug',
  'weight',
  'draft',
  'summary',
  'title_original',
  'instrument',
  'sector',
  'legal_basis',
  'jurisdiction',
  'updated',
  'correction',
  'aliases',
] as const;

/** Fields whose errors only the whole site can show (model stage): their positions are kept. */
const LATE_CHECKED = ['bulletin', 'slug', 'aliases', 'instrument'] as const;

export interface ItemContext {
  sections: readonly Section[];
  authorities: ReadonlySet<string>;
}

export function validateItem(
  doc: Document,
  ctx: ItemContext,
): { item?: ItemData; diagnostics: Diagnostic[] } {
  const r = new FieldReader(doc.yaml, 'item');
  const raw = r.root();
  if (!raw) return { diagnostics: r.diagnostics };
  r.denyUnknown(raw, ITEM_FIELDS);

  const title = r.required(raw, 'title', 'add a headline, e.g. title: "CAC Publishes Draft Rules"')
    ? r.string(raw.title, ['title'], '"title"')
    : undefined;
  const date = r.required(
    raw,
    'date',
    'add the date it happened: date: 2022-01-28 (or 2022-01 for a month)',
  )
    ? r.date(raw.date, ['date'], '"date"', 'year')
    : undefined;
  const sectionIds = ctx.sections.map((s) => s.id);
  const category = r.required(
    raw,
    'category',
    `add the section it belongs to: category: ${sectionIds.join(' | ')}`,
  )
    ? r.oneOf(raw.category, ['category'], sectionIds, 'category', 'category-unknown')
    : undefined;

  const authorities = readAuthorities(r, raw, ctx.authorities);
  const fines = readFines(r, raw);
  const sources = readSources(r, raw);
  const status =
    raw.status === undefined || raw.status === null
      ? undefined
      : r.oneOf(raw.status, ['status'], STATUSES, 'status', 'status-unknown');
  const tags = readIds(r, raw, 'tags', 'a tag');
  const slug = readSlug(r, raw, doc.file);
  const updated = r.optionalDate(raw, 'updated');
  const correction = r.optionalString(raw, 'correction');
  if (updated !== undefined && correction === undefined)
    r.fail(
      ['updated'],
      'field-required',
      '"updated" needs a "correction" saying what was corrected',
      'add correction: "…" under updated',
    );
  if (correction !== undefined && raw.updated === undefined)
    r.fail(
      ['correction'],
      'field-required',
      '"correction" needs the date of the correction in "updated"',
      'add updated: YYYY-MM-DD',
    );
  const bulletin = r.optionalString(raw, 'bulletin');
  if (bulletin !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(bulletin))
    r.fail(
      ['bulletin'],
      'id-invalid',
      `"bulletin" must be a bulletin id like 2022-02, not "${bulletin}"`,
      'write the publication month of the bulletin, as its file is named: bulletin: 2022-02',
    );
  const instrument = r.optionalString(raw, 'instrument');
  const longInstrument =
    instrument === undefined ? undefined : tooLong('the instrument id', instrument);
  if (longInstrument) r.fail(['instrument'], 'name-too-long', longInstrument, 'shorten it');
  else if (instrument !== undefined && !ID.test(instrument))
    r.fail(
      ['instrument'],
      'id-invalid',
      `"instrument" must be an id of lowercase letters, digits and hyphens, not "${instrument}"`,
      `e.g. instrument: ${slugify(instrument) || 'cybersecurity-review-measures'}`,
    );
  const aliasPositions: [string, YamlPath][] = [];
  const aliases = readAliases(r, raw, aliasPositions);

  const item: ItemData | undefined =
    title !== undefined && date !== undefined && category !== undefined && slug !== undefined
      ? {
          file: doc.file,
          title,
          titleOriginal: r.optionalString(raw, 'title_original'),
          date,
          category,
          authorities,
          parties: r.stringList(raw, 'party'),
          fines,
          sources,
          status,
          effective: r.optionalDate(raw, 'effective'),
          bulletin,
          tags,
          slug,
          weight: r.integer(raw, 'weight') ?? 0,
          draft: r.boolean(raw, 'draft') ?? false,
          summary: r.optionalString(raw, 'summary'),
          instrument,
          sectors: r.stringList(raw, 'sector'),
          legalBasis: r.stringList(raw, 'legal_basis'),
          jurisdiction: r.optionalString(raw, 'jurisdiction'),
          updated,
          correction,
          aliases,
          positions: doc.yaml.positions([
            ...LATE_CHECKED.filter((k) => k in raw),
            ...aliasPositions,
          ]),
        }
      : undefined;
  return r.diagnostics.length === 0 && item
    ? { item, diagnostics: [] }
    : { diagnostics: r.diagnostics };
}

function readAuthorities(
  r: FieldReader,
  raw: Record<string, unknown>,
  known: ReadonlySet<string>,
): string[] {
  const ids = new Set<string>();
  let candidates: string[] | undefined;
  for (const { value, path } of r.list(raw, 'authority')) {
    const id = r.string(value, path, 'an authority');
    if (id === undefined) continue;
    if (!known.has(id)) {
      candidates ??= [...known];
      r.fail(
        path,
        'authority-unknown',
        `unknown authority "${id}"`,
        `${r.suggest(id, candidates, 'authorities')} Authorities are defined in data/authorities.yaml.`,
      );
    } else {
      ids.add(id);
    }
  }
  return [...ids];
}

function readIds(
  r: FieldReader,
  raw: Record<string, unknown>,
  key: string,
  what: string,
): string[] {
  const ids = new Set<string>();
  for (const { value, path } of r.list(raw, key)) {
    const id = r.string(value, path, what);
    if (id === undefined) continue;
    const long = tooLong(what, id);
    if (long) r.fail(path, 'name-too-long', long, 'shorten it');
    else if (!ID.test(id))
      r.fail(
        path,
        'id-invalid',
        `${what} must be lowercase letters, digits and hyphens, not "${id}"`,
        `write "${slugify(id)}"`,
      );
    else ids.add(id);
  }
  return [...ids];
}

function readSlug(r: FieldReader, raw: Record<string, unknown>, file: string): string | undefined {
  const value = raw.slug;
  if (value === undefined || value === null) {
    const slug = slugFromPath(file);
    const long = tooLong('the URL name made from this file name', slug);
    if (long) return r.fail([], 'name-too-long', long, 'shorten the file name, or add slug: …');
    return slug === ''
      ? r.fail(
          [],
          'slug-invalid',
          'no URL name can be made from this file name',
          'rename the file or add slug: my-item',
        )
      : slug;
  }
  const slug = r.string(value, ['slug'], '"slug"');
  if (slug === undefined) return undefined;
  const long = tooLong('the slug', slug);
  if (long) return r.fail(['slug'], 'name-too-long', long, 'shorten it');
  if (!isSlug(slug)) {
    const escapes = /[/\\]|\.\./.test(slug);
    return r.fail(
      ['slug'],
      'slug-invalid',
      escapes
        ? `slug "${slug}" would leave the items folder`
        : `slug "${slug}" must be lowercase letters, digits and hyphens`,
      `write slug: ${slugify(slug) || 'my-item'} (pattern ${SLUG.source})`,
    );
  }
  return slug;
}

/** The key under which an item keeps the position of one of its aliases. */
export const aliasPosition = (alias: string) => `alias ${alias}`;

function readAliases(
  r: FieldReader,
  raw: Record<string, unknown>,
  /** Where each alias stands, found when first asked for. */
  positions: [string, YamlPath][],
): string[] {
  const aliases: string[] = [];
  for (const { value, path } of r.list(raw, 'aliases')) {
    const alias = r.string(value, path, 'an alias');
    if (alias === undefined) continue;
    const ok =
      /^\/([a-z0-9._~-]+\/)*[a-z0-9._~-]*$/i.test(alias) &&
      !alias.split('/').some((p) => p === '..' || p === '.');
    const long = alias
      .split('/')
      .map((part) => tooLong('a part of this alias', part))
      .find((why) => why !== undefined);
    if (ok && long) r.fail(path, 'name-too-long', long, 'shorten it');
    else if (!ok)
      r.fail(
        path,
        'alias-invalid',
        `alias "${alias}" is not a site path`,
        'write the old path from the site root, e.g. /items/old-name/',
      );
    else {
      const normal = alias.endsWith('/') || /\.html?$/.test(alias) ? alias : `${alias}/`;
      aliases.push(normal);
      positions.push([aliasPosition(normal), path]);
    }
  }
  return aliases;
}
