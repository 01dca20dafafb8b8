/**
 * An item's `fine` (and the `currency` beside it): an exact amount, or one
 * known to exist but not known exactly — undisclosed, a description, a range.
 * Each form and each error is described in the README, "Fines".
 */
import type { Code } from '../codes.js';
import { findCurrency, unknownCurrency } from '../domain/currencies.js';
import {
  describedFine,
  parseFineValue,
  rangeFine,
  UNDISCLOSED,
  type ItemFine,
  type ItemFineResult,
} from '../domain/fine-forms.js';
import { FINE_FORMS, parseFineAmount, parseFineText } from '../domain/fines.js';
import { FieldReader, describe, isRecord } from './fields.js';
import type { YamlPath } from './yaml.js';

export function readFines(r: FieldReader, raw: Record<string, unknown>): ItemFine[] {
  const fines: ItemFine[] = [];
  const currency = r.optionalString(raw, 'currency');
  // The currency is checked once, where it is written, even when no fine needs it.
  const known = currency === undefined || findCurrency(currency) !== undefined;
  if (!known) {
    const { reason, hint } = unknownCurrency(currency);
    r.fail(['currency'], 'fine-currency', reason, hint);
  }
  for (const { value, path } of r.list(raw, 'fine')) {
    // A fine that leans on a currency reported above is not reported again.
    if (!known && (typeof value === 'number' || (isRecord(value) && value.currency === undefined)))
      continue;
    const result = readFine(r, value, path, known ? currency : undefined);
    if (result) fines.push(result);
  }
  if (currency !== undefined && raw.fine === undefined)
    r.fail(['currency'], 'field-unused', '"currency" is given but there is no "fine"');
  return fines;
}

/** The keys of a fine written as a map, and the forms they make. */
const FINE_KEYS = ['amount', 'currency', 'description', 'min', 'max'] as const;
const MAP_FORMS =
  'write {amount: 300000, currency: EUR}, {min: 50, max: 800, currency: EUR} or {description: "…"}';

function readFine(
  r: FieldReader,
  value: unknown,
  path: YamlPath,
  currency: string | undefined,
): ItemFine | undefined {
  let result: ItemFineResult;
  if (typeof value === 'string') {
    result = parseFineValue(value, currency);
  } else if (typeof value === 'number') {
    if (currency === undefined)
      return r.fail(
        path,
        'fine-currency',
        `the fine ${r.yaml.written(path) ?? value} has no currency`,
        `write it with its currency, e.g. fine: "RMB ${r.yaml.written(path) ?? value}", or add currency: RMB`,
      );
    // Read from what was typed: YAML reads 2.000 as the float 2.
    result = parseFineAmount(value, currency, r.yaml.written(path));
  } else if (isRecord(value)) {
    const read = readFineMap(r, value, path, currency);
    if (read === undefined) return undefined;
    result = read;
  } else {
    return r.fail(
      path,
      'fine-invalid',
      `a fine must be text such as "RMB 300,000", not ${describe(value)}`,
      `write ${FINE_FORMS}, fine: undisclosed, or a map: ${MAP_FORMS.replace(/^write /, '')}`,
    );
  }
  if (!result.ok) return r.fail(path, result.code, result.reason, result.hint);
  return result.fine;
}

/**
 * A fine written as a map: an amount with its currency (`amount` may be
 * `undisclosed`), a range (`min` and `max`) or a `description`, each with an
 * optional `currency` that overrides the item's.
 */
function readFineMap(
  r: FieldReader,
  value: Record<string, unknown>,
  path: YamlPath,
  itemCurrency: string | undefined,
): ItemFineResult | undefined {
  if ('undisclosed' in value) {
    // {undisclosed: true} says what {amount: undisclosed} does: point there, once.
    r.diagnostics.push(
      r.yaml.keyError(
        [...path, 'undisclosed'],
        'field-unknown',
        'unknown field "undisclosed" in this fine',
        'write {amount: undisclosed, currency: EUR}, or fine: undisclosed',
      ),
    );
    return undefined;
  }
  const unknown = r.diagnostics.length;
  r.denyUnknown(value, FINE_KEYS, path);
  const reported = r.diagnostics.length > unknown;
  const has = (key: string) => value[key] !== undefined && value[key] !== null;
  const forms = [
    has('amount') && 'an amount',
    (has('min') || has('max')) && 'a range',
    has('description') && 'a description',
  ].filter((f): f is string => f !== false);
  if (forms.length > 1)
    return r.fail(
      path,
      'fine-invalid',
      `a fine is an amount, a range or a description, but this one has ${forms.length === 2 ? 'both ' : ''}${forms.slice(0, -1).join(', ')} and ${forms.at(-1)}`,
      'keep the one that is known, or list two fines',
    );
  const own = has('currency')
    ? r.string(value.currency, [...path, 'currency'], `a fine's "currency"`)
    : undefined;
  if (has('currency') && own === undefined) return undefined;
  if (own !== undefined && findCurrency(own) === undefined) {
    const { reason, hint } = unknownCurrency(own);
    return r.fail([...path, 'currency'], 'fine-currency', reason, hint);
  }
  const cur = own ?? itemCurrency;
  if (has('description')) {
    const text = r.string(value.description, [...path, 'description'], `a fine's "description"`);
    if (text === undefined) return undefined;
    return describedFine(text, cur === undefined ? undefined : findCurrency(cur)!.code);
  }
  if (forms.length === 0 && reported) return undefined;
  if (forms.length === 0)
    return r.fail(
      path,
      'fine-invalid',
      'the fine has no "amount", range or "description"',
      MAP_FORMS,
    );
  if (forms[0] === 'a range') {
    for (const key of ['min', 'max'])
      if (!has(key))
        return r.fail(
          path,
          'fine-range',
          `the range has no "${key}"`,
          `write both bounds, e.g. {min: 50, max: 800, currency: EUR}${key === 'min' ? '; for "up to EUR 800", min: 0' : ''}`,
        );
    const bound = (key: 'min' | 'max') => {
      const v = value[key];
      if (typeof v === 'string') return parseFineText(v, cur);
      if (typeof v !== 'number')
        return refusal('fine-range', `the range's "${key}" must be an amount, not ${describe(v)}`);
      if (cur === undefined)
        return refusal(
          'fine-currency',
          'the range has no currency',
          'add currency: EUR to the range, or write its bounds as "EUR 50"',
        );
      return parseFineAmount(v, cur, r.yaml.written([...path, key]));
    };
    const min = bound('min');
    if (!min.ok) return r.fail([...path, 'min'], min.code, min.reason, min.hint);
    const max = bound('max');
    if (!max.ok) return r.fail([...path, 'max'], max.code, max.reason, max.hint);
    return rangeFine(min, max);
  }
  const amount = value.amount;
  if (typeof amount !== 'number' && typeof amount !== 'string')
    return r.fail(
      [...path, 'amount'],
      'fine-invalid',
      `a fine's "amount" must be a number or text, not ${describe(amount)}`,
      MAP_FORMS,
    );
  if (typeof amount === 'string' && amount.trim().toLowerCase() === UNDISCLOSED)
    return parseFineValue(amount, cur);
  // A misspelt "currency" was reported above: not again as a missing one.
  if (cur === undefined && reported) return undefined;
  if (cur === undefined)
    return r.fail(
      path,
      'fine-currency',
      'the fine has no "currency"',
      'write {amount: 300000, currency: RMB}',
    );
  return parseFineAmount(amount, cur, r.yaml.written([...path, 'amount']));
}

function refusal(code: Code, reason: string, hint = MAP_FORMS) {
  return { ok: false as const, code, reason, hint };
}
