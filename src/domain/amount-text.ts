/**
 * The number in a fine as sources write it: "746,000,000", "746.000.000",
 * "2 000", "1.000.000,50", "16.74". Read to exact digits or refused; never a
 * float, never a guess. The rules (README, "Fines"):
 *
 * 1. Spaces (also no-break U+00A0, narrow no-break U+202F, thin U+2009) and
 *    apostrophes only ever group digits: "2 000", "1'000'000".
 * 2. Groups are regular: 1–3 digits, then groups of exactly 3, one grouping
 *    mark throughout. "1,00,000" (Indian grouping) and "1.000 000" are refused.
 * 3. A mark used twice or more groups: "746.000.000", "746,000,000".
 * 4. Both "," and "." present: the last one, used once, is the decimal mark:
 *    "1,000,000.50", "1.000.000,50".
 * 5. A single "," or "." followed by other than three digits is the decimal
 *    mark: "16.74", "1,2", "30,00". So is one after space grouping: "2 000,50".
 * 6. A single mark followed by exactly three digits, with nothing else to
 *    settle it, is where the two conventions meet:
 *    - "." is refused as ambiguous ("2.000": two, or two thousand?), except
 *      before an English or Chinese unit word, where it is the decimal point
 *      as gazette itself writes it ("8.026 billion", "1.234万");
 *    - "," groups thousands ("300,000", "EUR 2,000": the house style, and how
 *      every English-language source and tracker writes them), except where a
 *      decimal comma with three decimals is also an amount: in a currency with
 *      three or more minor digits ("KWD 1,234": 1,234 dinars or 1.234?) or
 *      before a German unit word ("1,234 Mio."), both refused as ambiguous.
 *    A grouping reading that is not well formed ("1234.567") leaves only the
 *    decimal one.
 */

/** A decimal number as digits: `{ whole: '1000000', fraction: '50' }`. */
export interface Digits {
  whole: string;
  fraction: string;
}

/** The kind of unit word after the number, which tells its convention. */
export type UnitStyle = 'none' | 'english' | 'german';

export type NumberReading =
  | { ok: true; value: Digits }
  | { ok: false; ambiguous: { mark: ',' | '.'; grouped: Digits; decimal: Digits } }
  | { ok: false; ambiguous?: undefined; reason: string; hint: string };

const SPACE = /^[ \u00A0\u202F\u2009]$/;
const APOSTROPHE = /^['’]$/;

/** The class of a separator: spaces are one mark however they are typed. */
function markOf(sep: string): string | undefined {
  if (sep === ',' || sep === '.') return sep;
  if (SPACE.test(sep)) return ' ';
  if (APOSTROPHE.test(sep)) return "'";
  return undefined;
}

/**
 * Reads `text` (digits and separators only, e.g. "1.000.000,50"). `exponent`
 * is the currency's number of minor digits (rule 6).
 */
export function readNumber(text: string, unit: UnitStyle, exponent: number): NumberReading {
  const parts = text.split(/(\D)/);
  const runs = parts.filter((_, i) => i % 2 === 0);
  const marks = parts.filter((_, i) => i % 2 === 1).map(markOf);
  if (runs.some((r) => r === '') || marks.some((m) => m === undefined)) {
    return invalid(`cannot read "${text}" as a number`, 'write digits, grouped by "," or spaces');
  }
  const seps = marks as string[];
  const last = seps.length - 1;
  const count = (m: string) => seps.filter((s) => s === m).length;
  let decimalAt = -1; // index in seps of the decimal mark, or -1
  if (count(',') > 0 && count('.') > 0) {
    const mark = seps[last]!;
    if ((mark !== ',' && mark !== '.') || count(mark) > 1) {
      return invalid(
        `"${text}" uses both "," and "." but no single one of them comes last as the decimal mark`,
        'write 1,000,000.50 or 1.000.000,50',
      );
    }
    decimalAt = last;
  } else if (count(',') + count('.') === 1) {
    const at = seps.findIndex((s) => s === ',' || s === '.');
    const mark = seps[at] as ',' | '.';
    const after = runs[at + 1]!;
    if (seps.length > 1 || after.length !== 3) {
      decimalAt = at; // rule 5; placement is checked with the groups below
    } else {
      const grouped: Digits = { whole: runs.join(''), fraction: '' };
      const decimal: Digits = { whole: runs[0]!, fraction: after };
      const groupedWellFormed = runs[0]!.length <= 3;
      const ambiguous = mark === '.' ? unit !== 'english' : unit === 'german' || exponent >= 3;
      if (!groupedWellFormed) decimalAt = at;
      else if (ambiguous) return { ok: false, ambiguous: { mark, grouped, decimal } };
      else if (mark === ',') return { ok: true, value: grouped };
      else return { ok: true, value: decimal };
    }
  }
  if (decimalAt !== -1 && decimalAt !== last) {
    return invalid(
      `"${text}" has digit groups after its decimal mark "${seps[decimalAt]}"`,
      'group the digits before the decimal mark only, e.g. 2 000,50 or 2,000.50',
    );
  }
  const groupMarks = new Set(seps.filter((_, i) => i !== decimalAt));
  if (groupMarks.size > 1) {
    return invalid(
      `"${text}" groups its digits with two different marks (${[...groupMarks].map((m) => `"${m}"`).join(' and ')})`,
      'group with one mark throughout, e.g. 1,000,000 or 1 000 000',
    );
  }
  const wholeRuns = decimalAt === -1 ? runs : runs.slice(0, -1);
  if (
    wholeRuns.length > 1 &&
    (wholeRuns[0]!.length > 3 || wholeRuns.slice(1).some((r) => r.length !== 3))
  ) {
    return invalid(
      `"${text}" groups its digits unevenly: after the first group every group has three digits`,
      'write the digits in groups of three (100,000, not 1,00,000), or with no separator',
    );
  }
  return {
    ok: true,
    value: { whole: wholeRuns.join(''), fraction: decimalAt === -1 ? '' : runs[last + 1]! },
  };
}

function invalid(reason: string, hint: string): NumberReading {
  return { ok: false, reason, hint };
}
