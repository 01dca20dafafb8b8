/**
 * Fines known to exist but not known exactly, as editors write them in front
 * matter: every form read, every wrong one refused where it is written, with
 * a hint that says how to write what was meant.
 */
import { describe, expect, it } from 'vitest';
import { fineData, isExact, parseFineValue, rangeFine } from '../../src/domain/fine-forms.js';
import { parseFineText } from '../../src/domain/fines.js';
import { validateItem } from '../../src/schema/item.js';
import { splitFrontMatter } from '../../src/stages/read.js';

const SECTIONS = [{ id: 'enforcement', title: 'Enforcement Cases' }];

/** The item's fines as data, or its problems as `line:column code: message | hint`. */
function read(fields: string): unknown[] | string[] {
  const text = `---\ntitle: T\ndate: 2022-01-10\ncategory: enforcement\n${fields}\n---\nText.\n`;
  const { document } = splitFrontMatter('item.md', text);
  const { item, diagnostics } = validateItem(document!, {
    sections: SECTIONS,
    authorities: new Set(),
  });
  if (item) return item.fines.map(fineData);
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${d.message} | ${d.hint ?? ''}`);
}

describe('fines not known exactly: the forms, read', () => {
  it.each([
    [
      'fine: undisclosed',
      [{ amount: null, currency: null, display: 'undisclosed amount', kind: 'undisclosed' }],
    ],
    [
      'fine: Undisclosed\ncurrency: EUR',
      [
        {
          amount: null,
          currency: 'EUR',
          display: 'undisclosed amount in EUR',
          kind: 'undisclosed',
        },
      ],
    ],
    [
      'fine: {amount: undisclosed, currency: RMB}',
      [
        {
          amount: null,
          currency: 'CNY',
          display: 'undisclosed amount in RMB',
          kind: 'undisclosed',
        },
      ],
    ],
    [
      'fine: {description: "Fine in five-digit amount"}',
      [
        {
          amount: null,
          currency: null,
          display: 'Fine in five-digit amount',
          kind: 'described',
          description: 'Fine in five-digit amount',
        },
      ],
    ],
    [
      'fine: {description: "Fine in five-digit amount", currency: EUR}',
      [
        {
          amount: null,
          currency: 'EUR',
          display: 'Fine in five-digit amount',
          kind: 'described',
          description: 'Fine in five-digit amount',
        },
      ],
    ],
    [
      'fine: {min: 50, max: 800, currency: EUR}',
      [
        {
          amount: null,
          currency: 'EUR',
          display: 'EUR 50–800',
          kind: 'range',
          min: '50.00',
          max: '800.00',
        },
      ],
    ],
    [
      'fine: {min: "EUR 100", max: "EUR 1,000"}',
      [
        {
          amount: null,
          currency: 'EUR',
          display: 'EUR 100–1,000',
          kind: 'range',
          min: '100.00',
          max: '1000.00',
        },
      ],
    ],
    [
      'fine: {min: 1500000, max: "2 million"}\ncurrency: RMB',
      [
        {
          amount: null,
          currency: 'CNY',
          display: 'RMB 1.5–2 million',
          kind: 'range',
          min: '1500000.00',
          max: '2000000.00',
        },
      ],
    ],
    [
      'fine: {min: 0, max: 800, currency: EUR}',
      [
        {
          amount: null,
          currency: 'EUR',
          display: 'EUR 0–800',
          kind: 'range',
          min: '0.00',
          max: '800.00',
        },
      ],
    ],
  ])('%s', (fields, expected) => expect(read(fields)).toEqual(expected));

  it('lets one list mix every kind, each counted for what it is', () => {
    const fines = read(
      'fine: ["EUR 3,000", undisclosed, {description: "a warning and a fine"}, {min: 50, max: 800, currency: EUR}]',
    ) as { kind: string; display: string }[];
    expect(fines.map((f) => [f.kind, f.display])).toEqual([
      ['exact', 'EUR 3,000'],
      ['undisclosed', 'undisclosed amount'],
      ['described', 'a warning and a fine'],
      ['range', 'EUR 50–800'],
    ]);
  });

  it('reads a range whose bounds are past a billion exactly, in one scale', () => {
    const r = rangeFine(parseFineText('EUR 800 million'), parseFineText('EUR 1.2 billion'));
    expect(r.ok && r.fine.display).toBe('EUR 800,000,000–1,200,000,000');
    const s = rangeFine(parseFineText('USD 1.5 billion'), parseFineText('USD 2 billion'));
    expect(s.ok && s.fine.display).toBe('USD 1.5–2 billion');
  });

  it('never takes a fine of unknown amount for an exact one', () => {
    const r = parseFineValue('undisclosed', 'EUR');
    expect(r.ok && isExact(r.fine)).toBe(false);
  });
});

describe('fines not known exactly: what is refused, and the hint', () => {
  it.each([
    // Text that means an unknown amount, a description or a range
    [
      'fine: Unknown',
      '5:7 fine-invalid: cannot read "Unknown" as a fine | if the amount was not made public, write fine: undisclosed; to quote the source, write fine: {description: "…"}',
    ],
    [
      'fine: Fine in five-digit amount',
      '5:7 fine-invalid: cannot read "Fine in five-digit amount" as a fine | to publish what the source says, write fine: {description: "Fine in five-digit amount"}; an amount is written "RMB 300,000", "RMB 16.74 million", "¥300,000" or "USD 1.2 billion"',
    ],
    [
      'fine: Fine amount between EUR 50 and EUR 800',
      '5:7 fine-invalid: cannot read "Fine amount between EUR 50 and EUR 800" as a fine | write a range as a map: fine: {min: "EUR 50", max: "EUR 800"}',
    ],
    [
      'fine: EUR 50–800',
      '5:7 fine-invalid: cannot read "EUR 50–800" as a fine | write a range as a map: fine: {min: "EUR 50", max: "EUR 800"}',
    ],
    [
      'fine: 50 to 800 EUR',
      '5:7 fine-invalid: cannot read "50 to 800 EUR" as a fine | write a range as a map: fine: {min: "EUR 50", max: "EUR 800"}',
    ],
    [
      'fine: EUR undisclosed',
      '5:7 fine-invalid: cannot read "EUR undisclosed" as a fine | write fine: undisclosed, with its currency as currency: EUR beside it, or fine: {amount: undisclosed, currency: EUR}',
    ],
    // Ranges
    [
      'fine: {min: 800, max: 50, currency: EUR}',
      "5:7 fine-range: the range's min (EUR 800) is above its max (EUR 50) | write the smaller amount as min and the larger as max",
    ],
    [
      'fine: {min: 800, max: 800, currency: EUR}',
      '5:7 fine-range: the range\'s min and max are the same amount (EUR 800) | it is one amount: write fine: "EUR 800"',
    ],
    [
      'fine: {min: "EUR 50", max: "USD 800"}',
      "5:7 fine-range: the range's bounds are in two currencies (EUR 50 and USD 800) | give both bounds in the currency of the fine",
    ],
    [
      'fine: {max: 800, currency: EUR}',
      '5:7 fine-range: the range has no "min" | write both bounds, e.g. {min: 50, max: 800, currency: EUR}; for "up to EUR 800", min: 0',
    ],
    [
      'fine: {min: 50, currency: EUR}',
      '5:7 fine-range: the range has no "max" | write both bounds, e.g. {min: 50, max: 800, currency: EUR}',
    ],
    [
      'fine: {min: 50, max: 800}',
      '5:13 fine-currency: the range has no currency | add currency: EUR to the range, or write its bounds as "EUR 50"',
    ],
    [
      'fine: {min: 2.000, max: 3000, currency: EUR}',
      '5:13 fine-ambiguous: "2.000" is ambiguous: it is 2,000 where "." groups thousands, and 2 where it is a decimal point | write "EUR 2,000" or "EUR 2", whichever is meant',
    ],
    [
      'fine: {min: -5, max: 800, currency: EUR}',
      '5:13 fine-negative: a fine cannot be negative (-5) | write the amount without a minus sign',
    ],
    [
      'fine: {min: [1], max: 800, currency: EUR}',
      '5:13 fine-range: the range\'s "min" must be an amount, not a list | write {amount: 300000, currency: EUR}, {min: 50, max: 800, currency: EUR} or {description: "…"}',
    ],
    // Descriptions
    [
      'fine: {description: "EUR 20,000"}',
      '5:7 fine-invalid: the description "EUR 20,000" is an exact amount | write it as the amount: fine: "EUR 20,000"',
    ],
    [
      'fine: {description: undisclosed}',
      '5:7 fine-invalid: the description says only "undisclosed" | write fine: undisclosed',
    ],
    ['fine: {description: ""}', '5:21 field-empty: a fine\'s "description" is empty | '],
    // Maps mixing forms, or with other fields
    [
      'fine: {amount: 300, min: 50, max: 800, currency: EUR}',
      '5:7 fine-invalid: a fine is an amount, a range or a description, but this one has both an amount and a range | keep the one that is known, or list two fines',
    ],
    [
      'fine: {undisclosed: true, currency: EUR}',
      '5:8 field-unknown: unknown field "undisclosed" in this fine | write {amount: undisclosed, currency: EUR}, or fine: undisclosed',
    ],
    [
      'fine: {amount: 300, curency: EUR}',
      '5:21 field-unknown: unknown field "fine.curency" in this item | did you mean "currency"?',
    ],
    [
      'fine: {currency: EUR}',
      '5:7 fine-invalid: the fine has no "amount", range or "description" | write {amount: 300000, currency: EUR}, {min: 50, max: 800, currency: EUR} or {description: "…"}',
    ],
    [
      'fine: {description: "a large fine", currency: EURO}',
      '5:47 fine-currency: "EURO" is not an ISO 4217 currency code | did you mean EUR?',
    ],
  ])('%s', (fields, expected) => expect(read(fields)).toEqual([expected]));
});
