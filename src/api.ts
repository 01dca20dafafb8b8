/**
 * gazette as a library: `build` and `check` a site from a program, with the
 * same engine, checks and output as the command line.
 *
 *   import { build, check } from 'gazette';
 *   const outcome = await build({ root: 'site', out: 'site/dist' });
 *   if (outcome.diagnostics.length > 0) …
 *
 * This module is the package's only entry point (`exports` in package.json);
 * the README's "Programmatic use" documents it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Engine, type EngineOptions, type Outcome } from './engine/engine.js';
import { DiskWriter } from './output/disk.js';
import { readManifest } from './output/manifest.js';
import { placeOutput } from './output/place.js';
import type { Writer } from './output/writer.js';
import { buildDate } from './domain/dates.js';

export type { Outcome } from './engine/engine.js';
export type { Diagnostic } from './diagnostics.js';
export type { Bulletin, Item, Site } from './model.js';
export type { CommitSummary, Writer } from './output/writer.js';
export { formatText } from './diagnostics.js';
export { MemoryWriter } from './output/memory.js';
export { OutputError } from './output/writer.js';

export interface SiteOptions {
  /** The site folder. */
  root: string;
  drafts?: boolean;
  future?: boolean;
  /** Overrides the configured base URL. */
  baseUrl?: string;
  /** The persistent cache's folder (default `<root>/.gazette-cache`); false for none. */
  cacheDir?: string | false;
}

export interface BuildOptions extends SiteOptions {
  /** The output folder (default `<root>/dist`). */
  out?: string;
  /** Replace a non-empty folder gazette did not write. */
  emptyOutDir?: boolean;
  /** Where the files go instead of a folder (tests, servers): a MemoryWriter, say. */
  writer?: Writer;
}

export function engineOptions(options: SiteOptions): EngineOptions {
  const root = resolve(options.root);
  return {
    root,
    drafts: options.drafts,
    future: options.future,
    baseUrl: options.baseUrl,
    cacheDir:
      options.cacheDir === false
        ? undefined
        : resolve(options.cacheDir ?? join(root, '.gazette-cache')),
    today: buildDate(),
  };
}

/** Builds the site. Throws an OutputError when the output folder is unsafe or cannot be written. */
export async function build(options: BuildOptions): Promise<Outcome> {
  // (Without a cache the engine's temporary one lives until the process ends:
  // the outcome's site reads its bodies from it.)
  const engine = new Engine(engineOptions(options));
  // A missing site is reported before any output folder is made or locked.
  if (!existsSync(engine.root)) return engine.check();
  const writer =
    options.writer ??
    DiskWriter.open(placeOutput(engine.root, options.out), {
      emptyOutDir: options.emptyOutDir,
      rewrite: options.cacheDir === false,
    });
  try {
    return await engine.build(writer);
  } catch (error) {
    // A bug met while building: the previous output stays, and no stage or lock is left beside it.
    await writer.abort().catch(() => {});
    throw error;
  }
}

/**
 * Validates the site as `build` would, templates included, writing nothing.
 * Pages the output folder already holds with the same fingerprint were made
 * without error by a build and are not made again.
 */
export async function check(options: SiteOptions & { out?: string }): Promise<Outcome> {
  const engine = new Engine(engineOptions(options));
  let previous = new Map<string, string>();
  if (options.cacheDir !== false) {
    try {
      const manifest = readManifest(placeOutput(engine.root, options.out));
      if (manifest) previous = new Map([...manifest].map(([path, e]) => [path, e.fingerprint]));
    } catch {
      /* no usable output: every page is made */
    }
  }
  return engine.check(previous);
}
