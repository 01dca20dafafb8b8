import type { Diagnostic } from '../diagnostics.js';
import { isAbsoluteHttpUrl } from '../domain/urls.js';
import { registryEntries } from './registry.js';

export const AUTHORITY_KINDS = [
  'regulator',
  'court',
  'procuratorate',
  'legislature',
  'police',
  'standards-body',
  'other',
] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

export interface Authority {
  id: string;
  name: string;
  abbr: string | undefined;
  nameOriginal: string | undefined;
  kind: AuthorityKind | undefined;
  jurisdiction: string | undefined;
  url: string | undefined;
}

export const AUTHORITIES_FILE = 'data/authorities.yaml';
const FIELDS = ['name', 'abbr', 'name_original', 'kind', 'jurisdiction', 'url'] as const;

export interface AuthoritiesResult {
  authorities: Map<string, Authority>;
  diagnostics: Diagnostic[];
}

/** Reads the registry of authorities (text, or undefined when the site has none). */
export function parseAuthorities(
  text: string | undefined,
  file = AUTHORITIES_FILE,
): AuthoritiesResult {
  const authorities = new Map<string, Authority>();
  if (text === undefined) return { authorities, diagnostics: [] };
  const read = registryEntries(file, text, {
    noun: 'authority',
    idCode: 'authority-id',
    idExample: 'pboc-shanghai',
    entryExample: 'name: Cyberspace Administration of China\n    abbr: CAC',
    fields: FIELDS,
  });
  if ('failed' in read) return { authorities, diagnostics: read.failed };
  const r = read.reader;
  for (const [id, entry] of read.entries) {
    const name =
      entry.name === undefined
        ? r.fail(
            [id],
            'field-required',
            `authority "${id}" has no "name"`,
            'add name: <the full name>',
          )
        : r.string(entry.name, [id, 'name'], '"name"');
    const text = (key: string) =>
      entry[key] === undefined || entry[key] === null
        ? undefined
        : r.string(entry[key], [id, key], `"${key}"`);
    const kind =
      entry.kind === undefined
        ? undefined
        : r.oneOf(entry.kind, [id, 'kind'], AUTHORITY_KINDS, 'kind', 'kind-unknown');
    const url = text('url');
    if (url !== undefined && !isAbsoluteHttpUrl(url))
      r.fail([id, 'url'], 'url-unsafe', `"${url}" is not an http(s) URL`);
    if (name === undefined) continue;
    authorities.set(id, {
      id,
      name,
      abbr: text('abbr'),
      nameOriginal: text('name_original'),
      kind,
      jurisdiction: text('jurisdiction'),
      url: url !== undefined && isAbsoluteHttpUrl(url) ? url : undefined,
    });
  }
  return { authorities, diagnostics: r.diagnostics };
}
