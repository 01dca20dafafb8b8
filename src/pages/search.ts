/**
 * Full-text search from static files: `/search/` (a form that works with
 * `assets/search.js`, and without it explains itself and offers the
 * site's listings), `/search/index.json` (the manifest: how to read the
 * index, the filters' names, the shards) and one index shard per year,
 * `/search/2022.json`, newest first.
 *
 * Why shards by year: the browser loads the newest year first and answers
 * from it at once while older years arrive, never parses one large file in
 * one go, and under `gazette dev` an edit re-indexes its own year only (each
 * shard depends on its year's items, not on the whole site).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Item, Site } from '../model.js';
import type { Add, PageSpec } from './index.js';
import { INDEX_OPTIONS, SEARCH_OPTIONS, STOP_WORDS, TOKEN_PATTERN } from './search-index.js';
import { indexJson } from './search-serialize.js';

export interface Shard {
  year: number;
  /** Newest first, as the site lists them. */
  items: Item[];
}

/** The site's items by year, newest year first. */
export function yearShards(items: readonly Item[]): Shard[] {
  const byYear = new Map<number, Item[]>();
  for (const item of items) {
    const list = byYear.get(item.date.year) ?? [];
    list.push(item);
    byYear.set(item.date.year, list);
  }
  return [...byYear].sort(([a], [b]) => b - a).map(([year, list]) => ({ year, items: list }));
}

export const shardPath = (year: number) => `/search/${year}.json`;

export function searchPages(site: Site, add: Add): void {
  const shards = yearShards(site.items);
  // The form and the listings it offers show the site's structure, no item's content.
  add('/search/', [], () => searchPage(site), searchPageKey(site));
  add(
    '/search/index.json',
    [],
    () => manifestPage(site, shards),
    `${libraryVersion()} ${shards.map((s) => `${s.year}:${s.items.length}`).join(' ')}`,
  );
  for (const shard of shards) {
    const path = shardPath(shard.year);
    add(path, shard.items, () => ({
      path,
      template: 'raw',
      title: `search ${shard.year}`,
      data: { text: indexJson(site, shard.items) },
    }));
  }
  add('/search/minisearch.js', [], libraryPage, libraryVersion());
}

/** What the search page shows beyond the configuration: how many items each listing has. */
function searchPageKey(site: Site): string {
  const sizes = (map: Map<string, Item[]>) =>
    [...map].map(([k, v]) => `${k}:${v.length}`).join(',');
  return [
    site.items.length,
    site.byTag.size,
    site.bulletins.length,
    sizes(site.bySection),
    sizes(site.byAuthority),
  ].join(' ');
}

/** Authority ids to how results and filters name them. */
function authorityNames(site: Site) {
  return [...site.authorities.values()]
    .map((a) => ({ id: a.id, label: a.abbr ?? a.name, name: a.name }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function manifestPage(site: Site, shards: readonly Shard[]): PageSpec {
  const manifest = {
    engine: `minisearch ${libraryVersion()}`,
    options: INDEX_OPTIONS,
    search: SEARCH_OPTIONS,
    token: TOKEN_PATTERN,
    stopWords: STOP_WORDS,
    sections: site.config.sections.map((s) => ({ id: s.id, title: s.title })),
    authorities: Object.fromEntries(
      authorityNames(site).map((a) => [a.id, { label: a.label, name: a.name }]),
    ),
    // Relative to this file, so that the site works under any base path.
    shards: shards.map((s) => ({
      year: s.year,
      url: shardPath(s.year).slice('/search/'.length),
      count: s.items.length,
    })),
  };
  return {
    path: '/search/index.json',
    template: 'raw',
    title: 'search',
    data: { text: `${JSON.stringify(manifest, null, 1)}\n` },
  };
}

function searchPage(site: Site): PageSpec {
  const count = (map: Map<string, Item[]>, key: string) => map.get(key)?.length ?? 0;
  return {
    path: '/search/',
    template: 'search',
    title: 'Search',
    description: `Search every item of ${site.config.title}.`,
    data: {
      total: site.items.length,
      sections: site.config.sections.map((s) => ({
        id: s.id,
        title: s.title,
        url: `/${s.id}/`,
        count: count(site.bySection, s.id),
      })),
      authorities: authorityNames(site)
        .map((a) => ({ ...a, url: `/authorities/${a.id}/`, count: count(site.byAuthority, a.id) }))
        .filter((a) => a.count > 0),
      topics: site.byTag.size,
      bulletins: site.bulletins.length,
      manifest: '/search/index.json',
      library: '/search/minisearch.js',
    },
  };
}

/** The installed MiniSearch package: the one that builds the index ships the browser's copy. */
function libraryRoot(): string {
  return join(dirname(createRequire(import.meta.url).resolve('minisearch')), '../..');
}

function libraryVersion(): string {
  const pkg = readFileSync(join(libraryRoot(), 'package.json'), 'utf8');
  return (JSON.parse(pkg) as { version: string }).version;
}

/** MiniSearch's browser (UMD) build, with its licence notice. */
function libraryPage(): PageSpec {
  const text =
    `/*! MiniSearch ${libraryVersion()}, copyright Luca Ongaro, MIT License */\n` +
    readFileSync(join(libraryRoot(), 'dist/umd/index.js'), 'utf8');
  return { path: '/search/minisearch.js', template: 'raw', title: 'minisearch', data: { text } };
}
