/**
 * Fines known to exist but not known exactly: undisclosed, described in words
 * ("Fine in five-digit amount") or known to lie in a range ("between EUR 50
 * and EUR 800"). Each is shown as written and counted apart, as "amount not
 * known": never added to a total, never taken for zero. A range's bounds are
 * exact amounts, read by the same rules as any amount. No I/O.
 */
import type { Code } from '../codes.js';
import { currencyLabel, findCurrency } from './currencies.js';
import {
  decimalAmount,
  exactScale,
  FINE_FORMS,
  parseFineText,
  type Fine,
  type FineResult,
} from './fines.js';

/** A fine whose amount was not made public (or is not known to the editors). */
export interface UndisclosedFine {
  kind: 'undisclosed';
  /** ISO 4217 code when the item says which currency, else undefined. */
  currency: string | undefined;
  display: string;
}

/** A fine described in words, shown as written. */
export interface DescribedFine {
  kind: 'described';
  description: string;
  currency: string | undefined;
  display: string;
}

/** A fine known to lie between two exact amounts of one currency. */
export interface RangeFine {
  kind: 'range';
  /** The bounds in minor units of the currency; min < max. */
  min: bigint;
  max: bigint;
  exponent: number;
  currency: string;
  display: string;
}

export type UnknownFine = UndisclosedFine | DescribedFine | RangeFine;

/** A fine as an item states it: an exact amount, or one not known exactly. */
export type ItemFine = Fine | UnknownFine;

export function isExact(fine: ItemFine): fine is Fine {
  return fine.kind === 'exact';
}

export type ItemFineResult =
  { ok: true; fine: ItemFine } | { ok: false; code: Code; reason: string; hint: string };

/** The word an editor writes for a fine whose amount is not public. */
export const UNDISCLOSED = 'undisclosed';

export function undisclosedFine(currency: string | undefined): UndisclosedFine {
  return {
    kind: 'undisclosed',
    currency,
    display:
      currency === undefined
        ? 'undisclosed amount'
        : `undisclosed amount in ${currencyLabel(currency)}`,
  };
}

/**
 * A fine written as text: an exact amount ("RMB 300,000"), or the word
 * `undisclosed`. Text that cannot be read says, in its hint, how to write what
 * it seems to mean: a range, an undisclosed amount, a description.
 */
export function parseFineValue(text: string, defaultCurrency?: string): ItemFineResult {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === UNDISCLOSED) {
    const currency = defaultCurrency === undefined ? undefined : findCurrency(defaultCurrency);
    return { ok: true, fine: undisclosedFine(currency?.code) };
  }
  const result = parseFineText(text, defaultCurrency);
  if (result.ok || result.code !== 'fine-invalid' || !result.reason.startsWith('cannot read'))
    return result;
  return { ...result, hint: unreadableHint(trimmed, defaultCurrency) };
}

/** What to write instead of text that reads as no amount. */
function unreadableHint(text: string, defaultCurrency: string | undefined): string {
  const range = rangeInText(text, defaultCurrency);
  if (range) return `write a range as a map: fine: {min: "${range.min}", max: "${range.max}"}`;
  if (/\bundisclosed\b/i.test(text))
    return 'write fine: undisclosed, with its currency as currency: EUR beside it, or fine: {amount: undisclosed, currency: EUR}';
  if (/^(unknown|not (disclosed|known|published)|n\/?a|none|\?+|-+)$/i.test(text))
    return 'if the amount was not made public, write fine: undisclosed; to quote the source, write fine: {description: "…"}';
  if (/\p{L}+\s+\p{L}+\s+\p{L}+/u.test(text))
    return `to publish what the source says, write fine: {description: "${text}"}; an amount is written ${FINE_FORMS}`;
  return `write ${FINE_FORMS}, or fine: undisclosed`;
}

/**
 * "EUR 50–800", "between EUR 50 and EUR 800", "50 to 800 EUR": the two bounds
 * as they should be written, when both read as amounts in one currency.
 */
function rangeInText(
  text: string,
  defaultCurrency: string | undefined,
): { min: string; max: string } | undefined {
  const m = /^(?:.*\bbetween\s+)?(.+?)\s*(?:[-–—]|\bto\b|\band\b|\bbis\b)\s*(.+)$/iu.exec(text);
  if (!m) return undefined;
  // Either bound may name the currency for both: "EUR 50–800", "50 to 800 EUR".
  let second = parseFineText(m[2]!, defaultCurrency);
  const first = parseFineText(m[1]!, second.ok ? second.fine.currency : defaultCurrency);
  if (!second.ok && first.ok) second = parseFineText(m[2]!, first.fine.currency);
  if (!first.ok || !second.ok || first.fine.currency !== second.fine.currency) return undefined;
  return { min: first.fine.display, max: second.fine.display };
}

/** A description as given, unless it is itself an exact amount or the word for none. */
export function describedFine(description: string, currency: string | undefined): ItemFineResult {
  if (description.toLowerCase() === UNDISCLOSED)
    return refuse(
      'fine-invalid',
      'the description says only "undisclosed"',
      'write fine: undisclosed',
    );
  const exact = parseFineText(description, currency);
  if (exact.ok)
    return refuse(
      'fine-invalid',
      `the description "${description}" is an exact amount`,
      `write it as the amount: fine: "${exact.fine.display}"`,
    );
  return { ok: true, fine: { kind: 'described', description, currency, display: description } };
}

/**
 * A range from its two bounds, each already read (by the amount rules) with
 * the range's currency as the default. Both in one currency, min below max.
 */
export function rangeFine(min: FineResult, max: FineResult): ItemFineResult {
  if (!min.ok) return min;
  if (!max.ok) return max;
  const [a, b] = [min.fine, max.fine];
  if (a.currency !== b.currency)
    return refuse(
      'fine-range',
      `the range's bounds are in two currencies (${a.display} and ${b.display})`,
      'give both bounds in the currency of the fine',
    );
  if (a.minor >= b.minor)
    return refuse(
      'fine-range',
      a.minor === b.minor
        ? `the range's min and max are the same amount (${a.display})`
        : `the range's min (${a.display}) is above its max (${b.display})`,
      a.minor === b.minor
        ? `it is one amount: write fine: "${a.display}"`
        : 'write the smaller amount as min and the larger as max',
    );
  const { numbers, word } = exactScale([a.minor, b.minor], a.exponent);
  const label = currencyLabel(a.currency);
  return {
    ok: true,
    fine: {
      kind: 'range',
      min: a.minor,
      max: b.minor,
      exponent: a.exponent,
      currency: a.currency,
      display: `${label} ${numbers[0]}–${numbers[1]}${word ? ` ${word}` : ''}`,
    },
  };
}

function refuse(code: Code, reason: string, hint: string): ItemFineResult {
  return { ok: false, code, reason, hint };
}

/**
 * A fine as data (open data, fines.json): the exact amount as a decimal
 * string, or null with what is known instead — a range's bounds, a
 * description — and always how the site shows it.
 */
export function fineData(fine: ItemFine) {
  const base = { currency: fine.currency ?? null, display: fine.display, kind: fine.kind };
  switch (fine.kind) {
    case 'exact':
      return { amount: decimalAmount(fine.minor, fine.exponent), ...base };
    case 'range':
      return {
        amount: null,
        ...base,
        min: decimalAmount(fine.min, fine.exponent),
        max: decimalAmount(fine.max, fine.exponent),
      };
    case 'described':
      return { amount: null, ...base, description: fine.description };
    case 'undisclosed':
      return { amount: null, ...base };
  }
}
