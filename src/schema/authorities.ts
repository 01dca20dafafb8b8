import type { Diagnostic } from '../diagnostics.js';
import { ID, tooLong } from '../domain/slugs.js';
import { isAbsoluteHttpUrl } from '../domain/urls.js';
import { FieldReader, isRecord } from './fields.js';
import { parseYaml } from './yaml.js';

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
  const parsed = parseYaml(file, text);
  if (!parsed.source) return { authorities, diagnostics: parsed.diagnostics };
  const r = new FieldReader(parsed.source, 'authority registry');
  const raw = r.root();
  if (!raw) return { authorities, diagnostics: r.diagnostics };
  for (const [id, entry] of Object.entries(raw)) {
    const long = tooLong('the authority id', id);
    if (long) {
      r.diagnostics.push(parsed.source.keyError([id], 'name-too-long', long, 'shorten it'));
      continue;
    }
    if (!ID.test(id)) {
      r.diagnostics.push(
        parsed.source.keyError(
          [id],
          'authority-id',
          `"${id}" is not a valid authority id`,
          'use lowercase letters, digits and hyphens, e.g. pboc-shanghai',
        ),
      );
      continue;
    }
    if (!isRecord(entry)) {
      r.fail(
        [id],
        'field-type',
        `authority "${id}" must be a map of fields`,
        'e.g.\n    name: Cyberspace Administration of China\n    abbr: CAC',
      );
      continue;
    }
    r.denyUnknown(entry, FIELDS, [id]);
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
