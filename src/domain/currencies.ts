/**
 * Currencies as editors name them: every ISO 4217 code, current and historic
 * (`currencies-table.ts`, generated from ISO's List One and CLDR by
 * scripts/currencies.mjs), and the few symbols and names this digest reads.
 *
 * Every lookup by what an editor wrote goes through a `Map`: a plain object
 * would answer "constructor" or "__proto__" with something inherited.
 */
import { CURRENCY_TABLE } from './currencies-table.js';
import { editDistance } from './suggest.js';

export interface Currency {
  code: string;
  /** Digits of the minor unit: 2 for EUR (cents), 0 for JPY, 3 for KWD (fils). */
  exponent: number;
  /** The ISO name ("Yuan Renminbi"); '' for a historic code. */
  name: string;
  /** The last day it was used (`2023-01-14` for HRK), or '' while current. */
  withdrawn: string;
}

const CURRENCIES: ReadonlyMap<string, Currency> = new Map(
  CURRENCY_TABLE.map(([code, exponent, name, withdrawn]) => [
    code,
    { code, exponent, name, withdrawn },
  ]),
);

/**
 * Symbols and names, matched as written or in capitals. "¥" is read as
 * renminbi, the currency of this digest's domain; a bare "$" is refused (US,
 * Hong Kong, Canadian … dollars all write it).
 */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['RMB', 'CNY'],
  ['YUAN', 'CNY'],
  ['元', 'CNY'],
  ['人民币', 'CNY'],
  ['¥', 'CNY'],
  ['￥', 'CNY'],
  ['RMB¥', 'CNY'],
  ['US$', 'USD'],
  ['HK$', 'HKD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
]);

/** How a code is shown: the digest writes renminbi as "RMB". */
const LABELS: ReadonlyMap<string, string> = new Map([['CNY', 'RMB']]);

export function currencyByCode(code: string): Currency | undefined {
  return CURRENCIES.get(code);
}

/** The currency a code, symbol or name stands for ("RMB", "¥", "eur", "HRK"). */
export function findCurrency(text: string): Currency | undefined {
  const written = text.trim();
  const upper = written.toUpperCase();
  const code = ALIASES.get(written) ?? ALIASES.get(upper) ?? upper;
  return CURRENCIES.get(code);
}

export function currencyLabel(code: string): string {
  return LABELS.get(code) ?? code;
}

/** Why a currency cannot be read, and the nearest code if one is close ("EURO" → "EUR"). */
export function unknownCurrency(text: string): { reason: string; hint: string } {
  const written = text.trim();
  const reason =
    written === '$'
      ? '"$" alone does not say which dollar'
      : `"${written}" is not an ISO 4217 currency code`;
  if (written === '$') return { reason, hint: 'write US$ or USD, HK$ or HKD, CAD, AUD, …' };
  const near = nearestCodes(written.toUpperCase());
  const hint =
    near.length === 0
      ? 'write a three-letter ISO 4217 code such as EUR, USD or RMB (historic codes such as HRK count)'
      : `did you mean ${near.slice(0, -1).join(', ')}${near.length > 1 ? ' or ' : ''}${near.at(-1)}?`;
  return { reason, hint };
}

/**
 * The codes one edit away (two for a longer word), at most four: names this
 * digest reads first ("RMD" → RMB), then current codes, then historic ones.
 */
function nearestCodes(word: string): string[] {
  const limit = word.length > 4 ? 2 : 1;
  const scored: { code: string; distance: number; rank: number }[] = [];
  const consider = (code: string, rank: number) => {
    const distance = editDistance(word, code);
    if (distance <= limit) scored.push({ code, distance, rank });
  };
  for (const alias of ALIASES.keys()) if (/^[A-Z]{3,}$/.test(alias)) consider(alias, 0);
  for (const c of CURRENCIES.values()) consider(c.code, c.withdrawn === '' ? 1 : 2);
  scored.sort((a, b) => a.distance - b.distance || a.rank - b.rank || (a.code < b.code ? -1 : 1));
  const best = scored[0]?.distance;
  return scored
    .filter((s) => s.distance === best)
    .slice(0, 4)
    .map((s) => s.code);
}
