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
import { scriptJson } from './html.js';
import type { Add, PageSpec } from './index.js';
import { INDEX_OPTIONS, SEARCH_OPTIONS, STOP_WORDS, TOKEN_PATTERN } from './search-index.js';
import { indexJson, textJson } from './search-serialize.js';

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
export const textPath = (year: number) => `/search/${year}.text.json`;

export function searchPages(site: Site, add: Add): void {
  const shards = yearShards(site.items);
  // The form and the listings it offers show the site's structure, no item's content.
  add(
    '/search/',
    [],
    () => searchPage(site, shards),
    `${searchPageKey(site)} ${manifestKey(shards)}`,
  );
  add('/search/index.json', [], () => manifestPage(site, shards), manifestKey(shards));
  for (const shard of shards) {
    const path = shardPath(shard.year);
    add(path, shard.items, () => ({
      path,
      template: 'raw',
      title: `search ${shard.year}`,
      data: { text: indexJson(site, shard.items) },
    }));
    const texts = textPath(shard.year);
    add(texts, shard.items, () => ({
      path: texts,
      template: 'raw',
      title: `search ${shard.year} texts`,
      data: { text: textJson(site, shard.items) },
    }));
  }
  add('/search/minisearch.js', [], libraryPage, libraryKey());
}

/** What the search page shows beyond the configuration: how many items each listing has. */
function searchPageKey(site: Site): string {
  const sizes = (map: Map<string, Item[]>) =>
    [...map].map(([k, v]) => `${k}:${v.length}`).join(',');
  return [
    site.items.length,
    [...site.byTag].map(([tag, items]) => `${tag}:${items.length}`).join(','),
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

/** How to read the index, the filters' names and the shards: `/search/index.json`, also in the page. */
function manifest(site: Site, shards: readonly Shard[]) {
  return {
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
      text: textPath(s.year).slice('/search/'.length),
      count: s.items.length,
    })),
  };
}

function manifestPage(site: Site, shards: readonly Shard[]): PageSpec {
  return {
    path: '/search/index.json',
    template: 'raw',
    title: 'search',
    data: { text: `${JSON.stringify(manifest(site, shards), null, 1)}\n` },
  };
}

/** What the manifest says beyond the configuration: the library and the shards. */
function manifestKey(shards: readonly Shard[]): string {
  return `${libraryVersion()} ${shards.map((s) => `${s.year}:${s.items.length}`).join(' ')}`;
}

function searchPage(site: Site, shards: readonly Shard[]): PageSpec {
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
      topics: [...site.byTag.keys()].sort().map((tag) => ({
        text: tag.replace(/-/g, ' '),
        url: `/tags/${tag}/`,
        count: site.byTag.get(tag)!.length,
      })),
      bulletins: site.bulletins.length,
      manifest: '/search/index.json',
      // In the page too, so that the first shard is asked for at once: one round trip fewer.
      manifestJson: scriptJson(manifest(site, shards)),
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

type Esbuild = typeof import('esbuild');
let esbuild: Esbuild | undefined;

/** esbuild, loaded on first use (only a build that writes the search page needs it). */
function minifier(): Esbuild {
  esbuild ??= createRequire(import.meta.url)('esbuild') as Esbuild;
  return esbuild;
}

/**
 * MiniSearch's browser (UMD) build, minified by esbuild (86 KB → 18 KB, 7 KB
 * gzipped), with its licence notice. The package ships no minified build.
 */
function libraryPage(): PageSpec {
  const source = readFileSync(join(libraryRoot(), 'dist/umd/index.js'), 'utf8');
  const { code } = minifier().transformSync(source, {
    minify: true,
    target: 'es2019',
    legalComments: 'none',
    charset: 'utf8',
  });
  const text = `/*! MiniSearch ${libraryVersion()}, copyright Luca Ongaro, MIT License */\n${code}`;
  return { path: '/search/minisearch.js', template: 'raw', title: 'minisearch', data: { text } };
}

/** What the library page is made of: MiniSearch's version and esbuild's, which minifies it. */
function libraryKey(): string {
  const pkg = readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8');
  return `${libraryVersion()} esbuild ${(JSON.parse(pkg) as { version: string }).version}`;
}
