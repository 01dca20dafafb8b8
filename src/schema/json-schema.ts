import { AUTHORITY_KINDS } from './authorities.js';
import { STATUSES } from './item.js';

const DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' };
const DAY_OR_MONTH = {
  oneOf: [
    {
      type: 'string',
      pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$',
      description: 'YYYY-MM-DD, YYYY-MM for month precision, or YYYY for year precision',
    },
    { type: 'integer', minimum: 1000, maximum: 9999, description: 'a year, as YAML reads 2018' },
  ],
};
const ID = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' };
const TEXT = { type: 'string', minLength: 1 };
const TEXT_OR_LIST = { oneOf: [TEXT, { type: 'array', items: TEXT }] };
const AMOUNT = { type: ['number', 'string'] };
const FINE = {
  oneOf: [
    {
      type: 'string',
      description:
        '"RMB 16.74 million", "RMB 300,000", "¥300,000", "USD 1.2 billion", or "undisclosed" for a fine whose amount was not made public',
    },
    { type: 'number', minimum: 0, description: 'an amount; needs "currency"' },
    {
      type: 'object',
      description:
        'an amount beside its currency (the item\'s "currency" when it has none); amount may be "undisclosed"',
      properties: { amount: AMOUNT, currency: TEXT },
      required: ['amount'],
      additionalProperties: false,
    },
    {
      type: 'object',
      description: 'a fine known to lie between two exact amounts of one currency, min below max',
      properties: { min: AMOUNT, max: AMOUNT, currency: TEXT },
      required: ['min', 'max'],
      additionalProperties: false,
    },
    {
      type: 'object',
      description:
        'a fine whose amount is known only in words ("Fine in five-digit amount"), shown as written',
      properties: { description: TEXT, currency: TEXT },
      required: ['description'],
      additionalProperties: false,
    },
  ],
};

/**
 * The front matter of an item as a JSON Schema (draft 2020-12), published at
 * /data/item.schema.json for editors' tools. gazette's own validation is
 * stricter (real dates, known authorities, readable fines); a test keeps the
 * two field lists the same.
 */
export function itemJsonSchema(sections: readonly string[]): object {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'gazette item front matter',
    type: 'object',
    required: ['title', 'date', 'category'],
    additionalProperties: false,
    properties: {
      title: TEXT,
      date: DAY_OR_MONTH,
      category: { enum: [...sections] },
      authority: { oneOf: [ID, { type: 'array', items: ID }] },
      party: TEXT_OR_LIST,
      fine: { oneOf: [FINE, { type: 'array', items: FINE }] },
      currency: { ...TEXT, description: 'ISO 4217 code (or RMB) of a fine given as a number' },
      sources: {
        type: 'array',
        items: {
          oneOf: [
            { type: 'string', format: 'uri' },
            {
              type: 'object',
              properties: {
                title: TEXT,
                url: { type: 'string', format: 'uri' },
                publisher: TEXT,
                date: DAY_OR_MONTH,
              },
              anyOf: [{ required: ['title'] }, { required: ['url'] }],
              additionalProperties: false,
            },
          ],
        },
      },
      status: { enum: [...STATUSES] },
      effective: DAY,
      bulletin: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
      tags: { type: 'array', items: ID },
      slug: ID,
      weight: { type: 'integer' },
      draft: { type: 'boolean' },
      summary: TEXT,
      title_original: TEXT,
      instrument: ID,
      sector: TEXT_OR_LIST,
      legal_basis: TEXT_OR_LIST,
      jurisdiction: TEXT,
      updated: DAY,
      correction: TEXT,
      aliases: { type: 'array', items: { type: 'string', pattern: '^/' } },
    },
    dependentRequired: { updated: ['correction'], correction: ['updated'] },
    $defs: { authorityKinds: { enum: [...AUTHORITY_KINDS] } },
  };
}
