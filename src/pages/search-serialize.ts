/**
 * Writes a search index in MiniSearch's own serialized form (its `toJSON`,
 * serialization version 2), without building MiniSearch's in-memory radix
 * tree first: a plain map of terms is enough to write the file, and the
 * browser builds the tree as it loads it. At 10,000 items this takes a
 * shard's indexing from about 1.6 s to 0.9 s of a build.
 *
 * The file must stay what MiniSearch itself would write: the tests load it
 * with `MiniSearch.loadJSON` and compare it, term by term, with an index that
 * MiniSearch built from the same documents (a new MiniSearch version that
 * changed its format would fail there, not on a reader's screen).
 */
import type { Item, Site } from '../model.js';
import { INDEX_OPTIONS, processTerm, searchDoc, tokenize, type SearchDoc } from './search-index.js';

/** The serialized index of some items (one shard), in their order. */
export function indexJson(site: Site, items: readonly Item[]): string {
  return JSON.stringify(serializeIndex(items.map((item) => searchDoc(site, item))));
}

/**
 * The texts of a shard's items, in the index's order (the n-th text is that of
 * document id n): what the browser cuts snippets from.
 */
export function textJson(site: Site, items: readonly Item[]): string {
  return JSON.stringify(items.map((item) => searchDoc(site, item).x));
}

/** MiniSearch's `AsPlainObject`, as far as we write it. */
export interface SerializedIndex {
  documentCount: number;
  nextId: number;
  documentIds: Record<number, string>;
  fieldIds: Record<string, number>;
  fieldLength: Record<number, number[]>;
  averageFieldLength: number[];
  storedFields: Record<number, Record<string, unknown>>;
  dirtCount: number;
  /** Each term with, per field id, each document's term frequency. */
  index: [string, Record<number, Record<number, number>>][];
  serializationVersion: 2;
}

export function serializeIndex(docs: readonly SearchDoc[]): SerializedIndex {
  const { fields, storeFields } = INDEX_OPTIONS;
  const terms = new Map<string, Record<number, Record<number, number>>>();
  const documentIds: SerializedIndex['documentIds'] = {};
  const fieldLength: SerializedIndex['fieldLength'] = {};
  const storedFields: SerializedIndex['storedFields'] = {};
  const averageFieldLength: number[] = [];
  docs.forEach((doc, id) => {
    documentIds[id] = doc.u;
    const stored: Record<string, unknown> = {};
    for (const name of storeFields) stored[name] = doc[name];
    storedFields[id] = stored;
    const lengths: number[] = [];
    fields.forEach((field, fieldId) => {
      const tokens = tokenize(doc[field]);
      // As MiniSearch counts a field's length: its distinct words before processing.
      const length = new Set(tokens).size;
      lengths[fieldId] = length;
      averageFieldLength[fieldId] = ((averageFieldLength[fieldId] ?? 0) * id + length) / (id + 1);
      const counts = new Map<string, number>();
      for (const token of tokens) {
        const term = processTerm(token);
        if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
      }
      for (const [term, frequency] of counts) {
        let data = terms.get(term);
        if (!data) terms.set(term, (data = {}));
        const frequencies = data[fieldId];
        if (frequencies) frequencies[id] = frequency;
        else data[fieldId] = { [id]: frequency };
      }
    });
    fieldLength[id] = lengths;
  });
  return {
    documentCount: docs.length,
    nextId: docs.length,
    documentIds,
    fieldIds: Object.fromEntries(fields.map((field, id) => [field, id])),
    fieldLength,
    averageFieldLength,
    storedFields,
    dirtCount: 0,
    index: [...terms],
    serializationVersion: 2,
  };
}
