/**
 * The search index: every item's title, text, authorities, parties and tags,
 * indexed with MiniSearch at build time and serialized as JSON, which the
 * browser loads with the same library (`/search/minisearch.js`).
 *
 * How words are cut and normalised is decided here only: the manifest hands
 * the browser the same token pattern and stop words, so that a query is read
 * exactly as the index was made.
 */
import type { Options } from 'minisearch';
import { formatDate } from '../domain/dates.js';
import type { Item, Site } from '../model.js';
import { decodeEntities } from './html.js';

/**
 * A word: a run of letters, marks and digits; or one Chinese character, so
 * that "数据" finds 数据 within a longer phrase (CJK text has no spaces).
 */
export const TOKEN_PATTERN = String.raw`\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+`;

/** Words too common to help: dropped from the index and from queries alike. */
export const STOP_WORDS = [
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'has',
  'have',
  'in',
  'is',
  'it',
  'its',
  'of',
  'on',
  'or',
  'that',
  'the',
  'this',
  'to',
  'was',
  'were',
  'which',
  'with',
];

const TOKEN = new RegExp(TOKEN_PATTERN, 'gu');
const STOP = new Set(STOP_WORDS);

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Lower case without accents ("Zürich" → "zurich"); a stop word is dropped. */
export function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  // Most words are ASCII: only the others need Unicode normalisation.
  const word = ASCII.test(lower) ? lower : lower.normalize('NFKD').replace(/\p{M}/gu, '');
  return word === '' || STOP.has(word) ? null : word;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * One indexed item: `u` is its address; `t`, `s`, `a`, `d` are kept to show a
 * result; `x`, its text, is written beside the index (see `textJson`).
 */
export interface SearchDoc {
  u: string;
  /** The title and the original-language title, indexed. */
  title: string;
  /** The title as a result shows it. */
  t: string;
  body: string;
  authorities: string;
  parties: string;
  tags: string;
  /** Section id. */
  s: string;
  /** Authority ids. */
  a: string[];
  /** "January 10, 2022" */
  d: string;
  /**
   * The body as plain text (without its notes), in full: the browser cuts the
   * snippet a result shows from it, around the words that matched. Not in the
   * index: in a file of its own per shard, fetched only for shards whose
   * results are on screen, so that the index that answers first stays small.
   */
  x: string;
}

/** What MiniSearch needs to read the index back; the manifest carries it to the browser. */
export const INDEX_OPTIONS = {
  idField: 'u',
  fields: ['title', 'body', 'authorities', 'parties', 'tags'],
  storeFields: ['t', 's', 'a', 'd'],
} as const satisfies Options<SearchDoc>;

/** How the browser searches: every word must match, the last one as a prefix (typing). */
export const SEARCH_OPTIONS = {
  boost: { title: 4, parties: 3, authorities: 2, tags: 2 },
  combineWith: 'AND',
};

/** Tags that end a block of text: each becomes a space, so that its words do not run on. */
const BLOCK_TAG =
  /<\/?(?:p|li|ul|ol|dl|dt|dd|blockquote|h[1-6]|br|hr|div|pre|table|tr|td|th)\b[^>]*>/gi;

/**
 * Rendered HTML as plain text, as a snippet shows it: a block's edges become
 * spaces, inline tags (and note placeholders) go without one, so that
 * "<em>Rules</em>," reads "Rules,".
 */
export function plainText(html: string): string {
  return decodeEntities(html.replace(BLOCK_TAG, ' ').replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

export function searchDoc(site: Site, item: Item): SearchDoc {
  const authorities = item.authorities.map((id) => site.authorities.get(id)!);
  const text = plainText(item.rendered.html);
  return {
    u: item.url,
    title: item.titleOriginal ? `${item.title} ${item.titleOriginal}` : item.title,
    t: item.title,
    body: [text, ...item.rendered.notes.map(plainText)].join(' '),
    authorities: authorities
      .map((a) => [a.name, a.abbr, a.nameOriginal].filter(Boolean).join(' '))
      .join(' '),
    parties: item.parties.join(' '),
    tags: item.tags.join(' '),
    s: item.section.id,
    a: item.authorities,
    d: formatDate(item.date),
    x: text,
  };
}
