import type { Code } from '../codes.js';
import type { Diagnostic } from '../diagnostics.js';
import { dateHint, parseDate, type DatePrecision, type PartialDate } from '../domain/dates.js';
import { Suggestions } from '../domain/suggest.js';
import { valueProblem } from '../domain/text.js';
import type { YamlPath, YamlSource } from './yaml.js';

/**
 * Reads typed values out of a YAML source, collecting a diagnostic (with the
 * field's position) for everything that is wrong instead of stopping at the first.
 */
export class FieldReader {
  readonly diagnostics: Diagnostic[] = [];
  /** Suggestions per list of candidates, so that a misspelling repeated 20,000 times is looked up once. */
  private readonly suggestions = new Map<string, Suggestions>();
  private readonly largeSuggestions = new WeakMap<readonly string[], Suggestions>();

  constructor(
    readonly yaml: YamlSource,
    /** What the fields belong to, for messages: "item", "bulletin", … */
    readonly noun: string,
  ) {}

  fail(path: YamlPath, code: Code, message: string, hint?: string): undefined {
    this.diagnostics.push(this.yaml.error(path, code, message, hint));
    return undefined;
  }

  /** `did you mean "title"?`, or what is allowed. */
  suggest(word: string, candidates: readonly string[], noun: string): string {
    // A short list is known by its words (callers often build it anew), a long one by itself.
    const key = candidates.length <= 32 ? `${noun}\0${candidates.join('\0')}` : undefined;
    let suggestions =
      key === undefined ? this.largeSuggestions.get(candidates) : this.suggestions.get(key);
    if (!suggestions) {
      suggestions = new Suggestions(candidates, noun);
      if (key === undefined) this.largeSuggestions.set(candidates, suggestions);
      else this.suggestions.set(key, suggestions);
    }
    return suggestions.hint(word);
  }

  /** The top-level map, or a diagnostic when the YAML is not one. */
  root(): Record<string, unknown> | undefined {
    const value = this.yaml.value;
    if (value === null || value === undefined) return {};
    if (!isRecord(value)) {
      return this.fail(
        [],
        'field-type',
        `this ${this.noun} must be a list of "field: value" lines`,
      );
    }
    return value;
  }

  /** Reports every key not in `allowed`, suggesting the nearest allowed one. */
  denyUnknown(
    record: Record<string, unknown>,
    allowed: readonly string[],
    path: YamlPath = [],
  ): void {
    for (const key of Object.keys(record)) {
      if (allowed.includes(key)) continue;
      const where = [...path, key];
      const label = path.length === 0 ? `field "${key}"` : `field "${[...path, key].join('.')}"`;
      this.diagnostics.push(
        this.yaml.keyError(
          where,
          'field-unknown',
          `unknown ${label} in this ${this.noun}`,
          this.suggest(key, allowed, 'fields'),
        ),
      );
    }
  }

  required(record: Record<string, unknown>, key: string, hint: string): boolean {
    if (record[key] !== undefined && record[key] !== null) return true;
    const path = key in record ? [key] : [];
    this.fail(path, 'field-required', `the ${this.noun} has no "${key}"`, hint);
    return false;
  }

  string(value: unknown, path: YamlPath, what: string): string | undefined {
    if (typeof value === 'string') {
      if (value.trim() === '') return this.fail(path, 'field-empty', `${what} is empty`);
      const bad = valueProblem(value, what);
      if (bad) return this.fail(path, bad.code, bad.message, bad.hint);
      return value.trim();
    }
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.fail(path, 'field-type', `${what} must be text, not ${describe(value)}`);
  }

  optionalString(record: Record<string, unknown>, key: string): string | undefined {
    const value = record[key];
    return value === undefined || value === null
      ? undefined
      : this.string(value, [key], `"${key}"`);
  }

  /** A string or a list of strings, as a list. */
  stringList(record: Record<string, unknown>, key: string): string[] {
    const value = record[key];
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    const path = (i: number): YamlPath => (Array.isArray(value) ? [key, i] : [key]);
    const out: string[] = [];
    list.forEach((entry: unknown, i) => {
      const text = this.string(entry, path(i), `each entry of "${key}"`);
      if (text !== undefined) out.push(text);
    });
    return out;
  }

  /**
   * A date of at most `coarsest` precision. `date: 2018` is a YAML number,
   * read from the four digits as written (not `2018.0` or `0x7E2`).
   */
  date(
    value: unknown,
    path: YamlPath,
    what: string,
    coarsest: DatePrecision,
  ): PartialDate | undefined {
    const text =
      typeof value === 'string'
        ? value.trim()
        : typeof value === 'number'
          ? this.yaml.written(path)
          : undefined;
    const hint = dateHint(coarsest);
    if (text === undefined) {
      return this.fail(
        path,
        'date-invalid',
        `${what} must be a date like 2022-01-28, not ${describe(value)}`,
        hint,
      );
    }
    const result = parseDate(text, coarsest);
    if (!result.ok) return this.fail(path, 'date-invalid', `${what}: ${result.reason}`, hint);
    return result.date;
  }

  optionalDate(
    record: Record<string, unknown>,
    key: string,
    coarsest: DatePrecision = 'day',
  ): PartialDate | undefined {
    const value = record[key];
    if (value === undefined || value === null) return undefined;
    return this.date(value, [key], `"${key}"`, coarsest);
  }

  oneOf<T extends string>(
    value: unknown,
    path: YamlPath,
    allowed: readonly T[],
    /** The field's name, e.g. "category": in messages. */
    field: string,
    code: Code,
  ): T | undefined {
    const text = this.string(value, path, `"${field}"`);
    if (text === undefined) return undefined;
    if ((allowed as readonly string[]).includes(text)) return text as T;
    return this.fail(
      path,
      code,
      `unknown ${field} "${text}"`,
      this.suggest(text, allowed, 'values'),
    );
  }

  integer(record: Record<string, unknown>, key: string): number | undefined {
    const value = record[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    return this.fail(
      [key],
      'field-type',
      `"${key}" must be a whole number, not ${describe(value)}`,
    );
  }

  boolean(record: Record<string, unknown>, key: string): boolean | undefined {
    const value = record[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    return this.fail([key], 'field-type', `"${key}" must be true or false, not ${describe(value)}`);
  }

  /** A list, or a single value as a one-entry list, with each entry's path. */
  list(record: Record<string, unknown>, key: string): { value: unknown; path: YamlPath }[] {
    const value = record[key];
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value.map((entry, i) => ({ value: entry, path: [key, i] }));
    return [{ value, path: [key] }];
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map of fields';
  if (typeof value === 'string') return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}
