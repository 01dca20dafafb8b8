import { diagnostic, START, type Diagnostic } from './diagnostics.js';
import { ID, tooLong } from './domain/slugs.js';
import { readBaseUrl, type BaseUrl } from './domain/urls.js';
import { FieldReader, isRecord } from './schema/fields.js';
import { parseYaml } from './schema/yaml.js';

export interface Section {
  id: string;
  title: string;
}

/** A site's configuration, every key filled in (see DESIGN.md, "Configuration"). */
export interface Config {
  title: string;
  description: string | undefined;
  baseUrl: BaseUrl;
  language: string;
  sections: Section[];
  perPage: number;
}

export const DEFAULT_SECTIONS: readonly Section[] = [
  { id: 'legislation', title: 'Legislation' },
  { id: 'enforcement', title: 'Enforcement Cases' },
  { id: 'courts', title: 'Courts Litigation' },
];

export const DEFAULT_CONFIG: Config = {
  title: 'Regulatory Digest',
  description: undefined,
  baseUrl: { origin: '', path: '/' },
  language: 'en',
  sections: [...DEFAULT_SECTIONS],
  perPage: 50,
};

export const CONFIG_FILE = 'gazette.config.yaml';

const KEYS = ['title', 'description', 'baseUrl', 'language', 'sections', 'perPage'] as const;

/** Page names a section id must not take, since they are URLs of their own. */
const RESERVED = new Set([
  'items',
  'bulletins',
  'authorities',
  'tags',
  'fines',
  'calendar',
  'search',
  'instruments',
  'statistics',
  'corrections',
  'data',
  'assets',
  'page',
]);

export interface ConfigResult {
  config: Config;
  diagnostics: Diagnostic[];
}

/** Reads `gazette.config.yaml` (text, or undefined when the site has none). */
export function parseConfig(text: string | undefined): ConfigResult {
  if (text === undefined) return { config: DEFAULT_CONFIG, diagnostics: [] };
  const parsed = parseYaml(CONFIG_FILE, text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  if (!parsed.source) return { config: DEFAULT_CONFIG, diagnostics: parsed.diagnostics };
  const r = new FieldReader(parsed.source, 'configuration');
  const raw = r.root();
  if (!raw) return { config: DEFAULT_CONFIG, diagnostics: r.diagnostics };
  r.denyUnknown(raw, KEYS);

  const config: Config = { ...DEFAULT_CONFIG };
  config.title = r.optionalString(raw, 'title') ?? config.title;
  config.description = r.optionalString(raw, 'description');
  config.language = r.optionalString(raw, 'language') ?? config.language;
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(config.language)) {
    r.fail(
      ['language'],
      'config-invalid',
      `"${config.language}" is not a language tag`,
      'use a BCP 47 tag such as en, zh-Hans or en-GB',
    );
  }
  const baseUrl = r.optionalString(raw, 'baseUrl');
  if (baseUrl !== undefined) {
    const read = readBaseUrl(baseUrl);
    if ('base' in read) config.baseUrl = read.base;
    else
      r.fail(
        ['baseUrl'],
        'config-invalid',
        `"${baseUrl}" is not a base URL: ${read.reason}`,
        BASE_URL_HINT,
      );
  }
  const perPage = r.integer(raw, 'perPage');
  if (perPage !== undefined) {
    if (perPage < 1 || perPage > 10000)
      r.fail(
        ['perPage'],
        'config-invalid',
        `"perPage" must be between 1 and 10000, not ${perPage}`,
        'write a whole number of items per listing page, e.g. perPage: 50',
      );
    else config.perPage = perPage;
  }
  if (raw.sections !== undefined)
    config.sections = readSections(r, raw.sections) ?? config.sections;
  return { config, diagnostics: r.diagnostics };
}

function readSections(r: FieldReader, value: unknown): Section[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    return r.fail(
      ['sections'],
      'config-invalid',
      '"sections" must be a list of {id, title}',
      'e.g. sections: [{id: legislation, title: Legislation}]',
    );
  }
  const sections: Section[] = [];
  value.forEach((entry: unknown, i) => {
    if (!isRecord(entry)) {
      r.fail(['sections', i], 'config-invalid', 'each section must be a map with "id" and "title"');
      return;
    }
    r.denyUnknown(entry, ['id', 'title'], ['sections', i]);
    const id = r.string(entry.id, ['sections', i, 'id'], 'a section\'s "id"');
    if (id === undefined) return;
    const long = tooLong("a section's id", id);
    if (long) {
      r.fail(['sections', i, 'id'], 'name-too-long', long, 'shorten it');
      return;
    }
    if (!ID.test(id) || RESERVED.has(id)) {
      r.fail(
        ['sections', i, 'id'],
        'config-invalid',
        `"${id}" cannot be a section id`,
        RESERVED.has(id)
          ? `"${id}" is a page of its own; choose another id`
          : 'use lowercase letters, digits and hyphens',
      );
      return;
    }
    if (sections.some((s) => s.id === id)) {
      r.fail(['sections', i, 'id'], 'config-invalid', `section "${id}" is listed twice`);
      return;
    }
    const fallback = DEFAULT_SECTIONS.find((s) => s.id === id)?.title;
    const title =
      entry.title === undefined
        ? fallback
        : r.string(entry.title, ['sections', i, 'title'], 'a section\'s "title"');
    if (title === undefined) {
      if (entry.title === undefined)
        r.fail(['sections', i], 'field-required', `section "${id}" has no "title"`);
      return;
    }
    sections.push({ id, title });
  });
  return sections;
}

const BASE_URL_HINT =
  "write the site's public address, such as https://example.org/digest/, or a path such as /digest/";

/** The `--base-url` flag overrides the configured one. */
export function withBaseUrl(config: Config, text: string): ConfigResult {
  const read = readBaseUrl(text);
  if ('reason' in read) {
    return {
      config,
      diagnostics: [
        diagnostic(
          '--base-url',
          START,
          'config-invalid',
          `"${text}" is not a base URL: ${read.reason}`,
          BASE_URL_HINT,
        ),
      ],
    };
  }
  return { config: { ...config, baseUrl: read.base }, diagnostics: [] };
}
