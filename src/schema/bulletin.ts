import { diagnostic, START, type Diagnostic } from '../diagnostics.js';
import {
  MONTH_NAMES,
  daysInMonth,
  parseDate,
  previousMonth,
  sortKey,
  type PartialDate,
  type Period,
} from '../domain/dates.js';
import type { Document } from '../stages/read.js';
import { FieldReader, isRecord } from './fields.js';

/** A bulletin's front matter, validated and typed. */
export interface BulletinData {
  /** `2022-02`: the publication month, from the file name. */
  id: string;
  file: string;
  title: string;
  date: PartialDate;
  covers: Period;
  /** Left out of a build unless `--drafts`. */
  draft: boolean;
  body: string;
  bodyLine: number;
}

export const BULLETIN_FIELDS = ['title', 'date', 'covers', 'draft'] as const;
const ID = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function bulletinId(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.md$/i, '');
}

export function validateBulletin(doc: Document): {
  bulletin?: BulletinData;
  diagnostics: Diagnostic[];
} {
  const id = bulletinId(doc.file);
  if (!ID.test(id)) {
    return {
      diagnostics: [
        diagnostic(
          doc.file,
          START,
          'bulletin-id',
          `"${id}" is not a bulletin id`,
          'name bulletin files after their publication month: content/bulletins/YYYY-MM.md',
        ),
      ],
    };
  }
  const r = new FieldReader(doc.yaml, 'bulletin');
  const raw = r.root();
  if (!raw) return { diagnostics: r.diagnostics };
  r.denyUnknown(raw, BULLETIN_FIELDS);
  const date = r.required(raw, 'date', 'add the publication date: date: 2022-02-17')
    ? r.date(raw.date, ['date'], '"date"', 'day')
    : undefined;
  const covers = date === undefined ? undefined : readCovers(r, raw.covers, date);
  const [year, month] = id.split('-').map(Number) as [number, number];
  const title = r.optionalString(raw, 'title') ?? `${MONTH_NAMES[month - 1]} ${year}`;
  const draft = r.boolean(raw, 'draft') ?? false;
  if (date === undefined || covers === undefined || r.diagnostics.length > 0)
    return { diagnostics: r.diagnostics };
  return {
    bulletin: {
      id,
      file: doc.file,
      title,
      date,
      covers,
      draft,
      body: doc.body,
      bodyLine: doc.bodyLine,
    },
    diagnostics: [],
  };
}

function readCovers(r: FieldReader, value: unknown, date: PartialDate): Period | undefined {
  if (value === undefined || value === null) return wholeMonth(previousMonth(date));
  if (typeof value === 'string') {
    const parsed = parseDate(value.trim(), 'month');
    if (!parsed.ok)
      return r.fail(
        ['covers'],
        'date-invalid',
        `"covers": ${parsed.reason}`,
        'write the month covered, covers: 2022-01, or covers: {from: 2022-01-01, to: 2022-01-31}',
      );
    return parsed.date.day === undefined
      ? wholeMonth(parsed.date)
      : { from: parsed.date, to: parsed.date };
  }
  if (!isRecord(value))
    return r.fail(['covers'], 'field-type', '"covers" must be a month (2022-01) or {from, to}');
  r.denyUnknown(value, ['from', 'to'], ['covers']);
  if (value.from === undefined || value.to === undefined)
    return r.fail(
      ['covers'],
      'field-required',
      '"covers" needs both "from" and "to"',
      'covers: {from: 2022-01-01, to: 2022-01-31}',
    );
  const from = r.date(value.from, ['covers', 'from'], '"covers.from"', 'day');
  const to = r.date(value.to, ['covers', 'to'], '"covers.to"', 'day');
  if (from === undefined || to === undefined) return undefined;
  if (sortKey(to) < sortKey(from))
    return r.fail(['covers', 'to'], 'date-order', '"covers.to" is before "covers.from"');
  return { from, to };
}

function wholeMonth(date: PartialDate): Period {
  const month = date.month ?? 12; // always a month here: previousMonth's, or covers: YYYY-MM
  return {
    from: { year: date.year, month, day: 1 },
    to: { year: date.year, month, day: daysInMonth(date.year, month) },
  };
}
