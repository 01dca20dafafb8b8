import { diagnostic, START, type Diagnostic } from './diagnostics.js';
import { ID, tooLong } from './domain/slugs.js';
import { readBaseUrl, type BaseUrl } from './domain/urls.js';
import { FieldReader, isRecord } from './schema/fields.js';
import { parseYaml } from './schema/yaml.js';

export interface Section {
  id: string;
  title: string;
}

/** A sign-up form for a mailing list, shown on the home page and every bulletin. */
export interface Newsletter {
  /** Where the form posts: the mailing service's sign-up address (https). */
  action: string;
  /** The form's heading and button words. */
  label: string;
  /** The name the service expects for the address field (`email`; Mailchimp's `EMAIL`). */
  field: string;
}

/** A site's configuration, every key filled in (see DESIGN.md, "Configuration"). */
export interface Config {
  title: string;
  description: string | undefined;
  baseUrl: BaseUrl;
  language: string;
  sections: Section[];
  perPage: number;
  newsletter: Newsletter | undefined;
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
  newsletter: undefined,
};

export const CONFIG_FILE = 'gazette.config.yaml';

const KEYS = [
  'title',
  'description',
  'baseUrl',
  'language',
  'sections',
  'perPage',
  'newsletter',
] as const;

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
  if (raw.newsletter !== undefined && raw.newsletter !== null)
    config.newsletter = readNewsletter(r, raw.newsletter);
  return { config, diagnostics: r.diagnostics };
}

const NEWSLETTER_HINT =
  'e.g. newsletter: {action: https://buttondown.com/api/emails/embed-subscribe/NAME, label: Get each bulletin by e-mail}';

function readNewsletter(r: FieldReader, value: unknown): Newsletter | undefined {
  if (!isRecord(value)) {
    return r.fail(
      ['newsletter'],
      'config-invalid',
      '"newsletter" must be a map with "action" (and "label", "field")',
      NEWSLETTER_HINT,
    );
  }
  r.denyUnknown(value, ['action', 'label', 'field'], ['newsletter']);
  if (value.action === undefined || value.action === null) {
    return r.fail(
      ['newsletter'],
      'field-required',
      'the newsletter has no "action"',
      NEWSLETTER_HINT,
    );
  }
  const action = r.string(value.action, ['newsletter', 'action'], 'the newsletter\'s "action"');
  const label =
    value.label === undefined || value.label === null
      ? 'Get each bulletin by e-mail'
      : r.string(value.label, ['newsletter', 'label'], 'the newsletter\'s "label"');
  const field =
    value.field === undefined || value.field === null
      ? 'email'
      : r.string(value.field, ['newsletter', 'field'], 'the newsletter\'s "field"');
  if (action === undefined || label === undefined || field === undefined) return undefined;
  if (!/^https?:\/\//i.test(action) || /\s/.test(action) || !URL.canParse(action)) {
    return r.fail(
      ['newsletter', 'action'],
      'config-invalid',
      `"${action}" is not an http(s) address`,
      'write the sign-up address your mailing service gives for an HTML form, starting with https://',
    );
  }
  if (!/^[A-Za-z0-9_.:[\]-]+$/.test(field)) {
    return r.fail(
      ['newsletter', 'field'],
      'config-invalid',
      `"${field}" cannot be a form field's name`,
      'use the name your mailing service expects, such as email or EMAIL',
    );
  }
  return { action, label, field };
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
