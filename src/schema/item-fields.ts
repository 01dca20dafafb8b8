import { valueProblem } from '../domain/text.js';
import { isAbsoluteHttpUrl, isSafeUrl } from '../domain/urls.js';
import { FieldReader, describe, isRecord } from './fields.js';
import type { Source } from './item.js';
import type { YamlPath } from './yaml.js';

/** An item's sources (its fines: fine-field.ts). */

export function readSources(r: FieldReader, raw: Record<string, unknown>): Source[] {
  const value = raw.sources;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    r.fail(
      ['sources'],
      'field-type',
      '"sources" must be a list',
      'write each source on its own line starting with "- "',
    );
    return [];
  }
  const sources: Source[] = [];
  value.forEach((entry: unknown, i) => {
    const path = ['sources', i];
    if (typeof entry === 'string') {
      const url = checkUrl(r, entry.trim(), path);
      if (url !== undefined)
        sources.push({ title: undefined, url, publisher: undefined, date: undefined });
      return;
    }
    if (!isRecord(entry)) {
      r.fail(path, 'field-type', `a source must be a URL or {title, url}, not ${describe(entry)}`);
      return;
    }
    r.denyUnknown(entry, ['title', 'url', 'publisher', 'date'], path);
    const text = (key: string) =>
      entry[key] === undefined || entry[key] === null
        ? undefined
        : r.string(entry[key], [...path, key], `a source's "${key}"`);
    const title = text('title');
    const rawUrl = text('url');
    const url = rawUrl === undefined ? undefined : checkUrl(r, rawUrl, [...path, 'url']);
    if (title === undefined && rawUrl === undefined) {
      r.fail(path, 'field-required', 'a source needs a "title" or a "url"');
      return;
    }
    const date =
      entry.date === undefined || entry.date === null
        ? undefined
        : r.date(entry.date, [...path, 'date'], `a source's "date"`, 'year');
    sources.push({ title, url, publisher: text('publisher'), date });
  });
  return sources;
}

/** A source's URL: one http(s) address, as a browser reads it. */
function checkUrl(r: FieldReader, url: string, path: YamlPath): string | undefined {
  const what = path[path.length - 1] === 'url' ? `a source's "url"` : 'a source';
  const control = valueProblem(url, what); // a source given as a plain string skips r.string
  if (control) return r.fail(path, control.code, control.message, control.hint);
  const space = /\s/u.exec(url);
  if (space) {
    // Tracker data joins two addresses with a line break; published as one, the link is broken.
    const kind = space[0] === '\n' ? 'a line break' : 'a space';
    return r.fail(
      path,
      'url-invalid',
      `${what} holds ${kind} after "${url.slice(0, space.index)}"`,
      'a URL cannot hold whitespace: list each URL as its own source, on its own line starting with "- " (a space inside an address is written %20)',
    );
  }
  if (!isSafeUrl(url))
    return r.fail(
      path,
      'url-unsafe',
      `"${url}" is not a safe link: a source must be an http:// or https:// address`,
      'write the address of the page that publishes it, e.g. https://www.cac.gov.cn/…',
    );
  if (!isAbsoluteHttpUrl(url) || !URL.canParse(url))
    return r.fail(
      path,
      'url-invalid',
      `"${url}" is not an absolute http(s) URL`,
      'write the full address, e.g. https://www.cac.gov.cn/…',
    );
  return url;
}
