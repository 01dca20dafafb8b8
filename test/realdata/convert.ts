/**
 * Real GDPR enforcement records (the CMS Enforcement Tracker's JSON and
 * GDPRhub's CSV export) converted, field for field, into a gazette site: one
 * item per record, an authority registry of every authority they name. What
 * a record says is written as gazette's front matter says it — a fine's text
 * as the tracker has it, its date as given — so that gazette, not this
 * converter, decides what can be read; a record it cannot read is refused
 * there, with the reason. The records are a test fixture: they are read where
 * they lie and written only into temporary folders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'yaml';

export const CMS_FILE = 'enforcementtracker_full_download.json';
export const HUB_FILE = 'gdprhub-eu_full_download.csv';

/** A CMS tracker row: [_, ETid, country (HTML), authority, date, fine, party, sector, articles, type, summary (HTML), source (HTML), ETid link]. */
export type CmsRow = string[];
export type HubRow = Record<string, string>;

export function readCms(dir: string): CmsRow[] {
  return (JSON.parse(readFileSync(join(dir, CMS_FILE), 'utf8')) as { data: CmsRow[] }).data;
}

export function readHub(dir: string): HubRow[] {
  return parse(readFileSync(join(dir, HUB_FILE)), {
    columns: true,
    bom: true,
    relax_quotes: true,
  }) as HubRow[];
}

export interface Authority {
  name: string;
  abbr?: string;
  kind: 'regulator' | 'court';
  jurisdiction?: string;
}

/** One record as an item: where its file goes, its front matter and body, and where it came from. */
export interface Converted {
  file: string;
  source: 'cms' | 'hub';
  /** The record's own id: its ETid, or its row in the GDPRhub export. */
  record: string;
  fields: Record<string, unknown>;
  body: string;
}

export class Converter {
  readonly authorities = new Map<string, Authority>();
  private readonly idOf = new Map<string, string>();

  /** A CMS row. "Only intention to issue fine" is no fine yet: the item says so and has none. */
  cms(row: CmsRow): Converted {
    const [, etid = '', countryHtml = '', authority = '', date = '', fine = ''] = row;
    // A name broken over two lines in the tracker ("FACTOR ENERGÍA,\r\nS.A.") is one name.
    const party = oneLine(row[6] ?? '');
    const [sector = '', articles = '', type = '', summary = '', sourceHtml = ''] = row.slice(7);
    const country = titleCase(/alt='([^']*)'/.exec(countryHtml)?.[1] ?? '');
    const id = this.authority(authority, {
      ...nameAndAbbr(authority),
      kind: 'regulator',
      jurisdiction: country || undefined,
    });
    const fields: Record<string, unknown> = {
      title: `${etid}: ${party || 'unnamed party'} fined`,
      date,
      category: 'enforcement',
      authority: id,
    };
    if (party) fields.party = party;
    const intention = /^only intention to issue fine$/i.test(fine.trim());
    Object.assign(fields, intention ? {} : cmsFine(fine));
    if (sector && sector !== 'Not assigned') fields.sector = sector;
    const basis = articles.split(/,/).map(oneLine).filter(Boolean);
    if (basis.length) fields.legal_basis = basis;
    if (type && type !== 'Unknown') fields.tags = [slugTag(type)];
    if (country) fields.jurisdiction = country;
    const urls = [...sourceHtml.matchAll(/href='([^']*)'/g)].map((m) => m[1]!);
    fields.sources = [...urls, `https://www.enforcementtracker.com/${etid}`];
    const text = htmlText(summary);
    const body = intention
      ? `${text}\n\nThe tracker notes only an intention to issue a fine.`
      : text;
    return {
      file: `content/items/cms/${etid.toLowerCase()}.md`,
      source: 'cms',
      record: etid,
      fields,
      body,
    };
  }

  /** A GDPRhub row (its number in the export, from 1). */
  hub(row: HubRow, n: number): Converted {
    const by = (row['Decision by'] ?? '').trim();
    const court = /^(Court|CJEU)\b/.test(by);
    const jurisdiction = (row.Jurisdiction ?? '').trim();
    const fields: Record<string, unknown> = {
      title: `${by.replace(/^(DPA|Court):\s*/, '') || 'Decision'}: ${(row['Case number/name'] ?? '').trim() || `record ${n}`}`,
    };
    const date = hubDate(row['Date of decision'] ?? '');
    if (date !== undefined) fields.date = date;
    fields.category = court ? 'courts' : 'enforcement';
    // "'-" is no authority at all.
    if (by !== '' && by !== "'-") {
      const name = by.replace(/^(DPA|Court):\s*/, '');
      fields.authority = this.authority(
        by,
        by.startsWith('CJEU')
          ? { name: 'Court of Justice of the European Union', abbr: 'CJEU', kind: 'court' }
          : { name, kind: court ? 'court' : 'regulator', jurisdiction: jurisdiction || undefined },
      );
    }
    const parties = (row.Parties ?? '')
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parties.length) fields.party = parties.length === 1 ? parties[0] : parties;
    const fine = (row.Fine ?? '').trim();
    if (fine !== '') fields.fine = fine;
    const basis = [
      ...(row['Relevant GDPR articles'] ?? '')
        .split(/,\s*/)
        .filter(Boolean)
        .map((a) => `GDPR Art. ${a}`),
      ...[row['Relevant EU laws'], row['Relevant national/other laws']].filter(
        (x): x is string => !!x && x.trim() !== '',
      ),
    ];
    if (basis.length) fields.legal_basis = basis;
    const outcome = (row['Type of decision & outcome'] ?? '').trim();
    if (outcome) fields.tags = [slugTag(outcome)];
    if (jurisdiction) fields.jurisdiction = jurisdiction;
    return {
      file: `content/items/hub/gdprhub-${n}.md`,
      source: 'hub',
      record: `GDPRhub row ${n}`,
      fields,
      body: (row.Summary ?? '').trim(),
    };
  }

  /** The registry id of an authority, by the text the record names it with. */
  private authority(text: string, entry: Authority): string {
    const known = this.idOf.get(text);
    if (known) return known;
    const base = slugTag(entry.name).slice(0, 80).replace(/-+$/, '') || 'authority';
    let id = base;
    for (let i = 2; this.authorities.has(id); i++) id = `${base}-${i}`;
    this.idOf.set(text, id);
    this.authorities.set(id, entry);
    return id;
  }
}

/** The files of a site holding `items`, with its registry and a config. */
export function siteFiles(
  converter: Converter,
  items: readonly Converted[],
): Record<string, string> {
  const files: Record<string, string> = {
    'gazette.config.yaml': stringify({
      title: 'GDPR enforcement (real-data test)',
      baseUrl: 'https://example.org/',
    }),
    'data/authorities.yaml': stringify(Object.fromEntries(converter.authorities)),
  };
  for (const item of items)
    files[item.file] = `---\n${stringify(item.fields, { lineWidth: 0 })}---\n${item.body}\n`;
  return files;
}

/**
 * A CMS fine as gazette's front matter writes it: an amount ("4,800") in EUR,
 * the tracker's "Unknown" as undisclosed, its "Fine in five-digit amount" as
 * a description, its "Fine amount between EUR 50 and EUR 800" as a range.
 */
function cmsFine(text: string): Record<string, unknown> {
  const t = text.trim();
  if (t === '') return {};
  if (/^unknown$/i.test(t)) return { fine: 'undisclosed' };
  const range = /^fine amount between (.+) and (.+)$/i.exec(t);
  if (range) return { fine: { min: range[1], max: range[2] } };
  if (/^fine in [a-z]+-digit amount$/i.test(t))
    return { fine: { description: t, currency: 'EUR' } };
  return { fine: t, currency: 'EUR' };
}

/** "Spanish Data Protection Authority (aepd)" → its abbreviation "aepd", the name kept as written. */
function nameAndAbbr(text: string): { name: string; abbr?: string } {
  const m = /\(([^()]{2,12})\)\s*$/.exec(text);
  return m ? { name: text.trim(), abbr: m[1]! } : { name: text.trim() };
}

/** A field of one line, as the tracker's cells hold it with stray line breaks: its words. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "31.01.2024" → "2024-01-31"; what is not such a date is kept as written, for gazette to judge. */
function hubDate(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(t);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : t;
}

function slugTag(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 90)
    .replace(/-+$/, '');
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** The tracker's HTML summary as text: links as their text, entities decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}
