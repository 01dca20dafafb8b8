import type { PartialDate } from './domain/dates.js';
import type { Config, Section } from './config.js';
import type { RenderedBody } from './markdown/index.js';
import type { Authority } from './schema/authorities.js';
import type { Instrument } from './schema/instruments.js';
import type { BulletinData } from './schema/bulletin.js';
import type { ItemData } from './schema/item.js';

/**
 * An item, validated and its body rendered: everything one file alone
 * decides. Never changed once made: the model places it without touching it.
 */
export interface LoadedItem extends ItemData {
  /** The digest of the file's bytes and of everything its loading read (see engine/loader). */
  digest: string;
  rendered: RenderedBody;
  /** `/items/<slug>/` */
  url: string;
  section: Section;
}

export interface LoadedBulletin extends BulletinData {
  digest: string;
  intro: RenderedBody;
}

/** An item placed in the site. */
export type Item = LoadedItem;

export interface BulletinSection {
  section: Section;
  items: Item[];
}

export interface Bulletin extends LoadedBulletin {
  /** `/bulletins/2022-02/` */
  url: string;
  sections: BulletinSection[];
  /** Every item in reading order (sections in config order). */
  items: Item[];
}

/** The whole site, ready to render: every listing decided, every order total. */
export interface Site {
  config: Config;
  authorities: Map<string, Authority>;
  /** The registry of instruments (data/instruments.yaml); undefined when the site has none. */
  instruments: ReadonlyMap<string, Instrument> | undefined;
  /** Every item, newest first. */
  items: Item[];
  /** Newest first. */
  bulletins: Bulletin[];
  bySection: Map<string, Item[]>;
  byAuthority: Map<string, Item[]>;
  byTag: Map<string, Item[]>;
  /** The bulletin each item belongs to, by the item's file: what only the whole site decides. */
  bulletinOf: Map<string, Bulletin>;
  /** Where pages keep work that outlives one build, by keys that name all it depends on. */
  memo: Memo;
  /** The build date (SOURCE_DATE_EPOCH's day, else today's), when the engine gives one. */
  today?: PartialDate;
}

/**
 * Values kept by a key that names everything they depend on (the engine's
 * persistent cache keeps them between builds): a page's own work, such as
 * the e-mail styles of a theme, done once.
 */
export interface Memo {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** A memo that lasts as long as the site (tests, and a build without a cache). */
export function memoryMemo(): Memo {
  const values = new Map<string, unknown>();
  return { get: (key) => values.get(key), set: (key, value) => values.set(key, value) };
}
