import { existsSync } from 'node:fs';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, withBaseUrl, type Config } from './config.js';
import { readSiteFile } from './stages/read.js';
import { diagnostic, sortDiagnostics, START, type Diagnostic } from './diagnostics.js';
import type { LoadedBulletin, LoadedItem, Site } from './model.js';
import { sitePages } from './pages/index.js';
import { AUTHORITIES_FILE, parseAuthorities } from './schema/authorities.js';
import { discover } from './stages/discover.js';
import { loadBulletinFile } from './stages/load.js';
import { loadItems } from './stages/load-items.js';
import { buildModel } from './stages/model.js';
import { publicConflicts, readPublic } from './stages/public.js';
import { renderPages, type OutputFile } from './stages/render.js';
import { contentFingerprint, type Writer } from './output/writer.js';
import { loadTheme } from './stages/theme.js';

/**
 * The stages in order:
 *   config → discover → load (read, validate, Markdown) per file → model → pages → render.
 * `check` stops after the model, `build` renders and hands the files to a writer.
 */
export interface SiteOptions {
  root: string;
  drafts?: boolean;
  /** Overrides the configured baseUrl (the `--base-url` flag). */
  baseUrl?: string;
}

export interface LoadResult {
  config: Config | undefined;
  site: Site | undefined;
  /** Sorted; empty when the site is valid. */
  diagnostics: Diagnostic[];
  /** The configuration itself is wrong: a usage error (exit 2), not a content error. */
  configError: boolean;
}

export function loadConfig(options: SiteOptions): { config: Config; diagnostics: Diagnostic[] } {
  const file = readSiteFile(options.root, CONFIG_FILE);
  if (file.diagnostics.length > 0) return { config: DEFAULT_CONFIG, diagnostics: file.diagnostics };
  const parsed = parseConfig(file.text);
  if (parsed.diagnostics.length > 0 || options.baseUrl === undefined) return parsed;
  return withBaseUrl(parsed.config, options.baseUrl);
}

/** The site folder does not exist: a usage error, reported the same by every command. */
export function missingRoot(root: string): Diagnostic | undefined {
  if (existsSync(root)) return undefined;
  return diagnostic(
    root,
    START,
    'root-missing',
    'this folder does not exist',
    'pass the site folder with --root',
  );
}

/** Everything short of rendering: what `check` runs, and what `build` starts with. */
export async function loadSite(options: SiteOptions): Promise<LoadResult> {
  const missing = missingRoot(options.root);
  if (missing)
    return { config: undefined, site: undefined, configError: true, diagnostics: [missing] };
  const { config, diagnostics: configDiagnostics } = loadConfig(options);
  if (configDiagnostics.length > 0) {
    return {
      config: undefined,
      site: undefined,
      configError: true,
      diagnostics: sortDiagnostics(configDiagnostics),
    };
  }
  const registry = readSiteFile(options.root, AUTHORITIES_FILE);
  const { authorities, diagnostics } = parseAuthorities(registry.text);
  diagnostics.push(...registry.diagnostics);
  const files = await discover(options.root);
  diagnostics.push(...files.diagnostics);

  const loadedItems = await loadItems({
    root: options.root,
    files: files.items,
    sections: config.sections,
    authorities: [...authorities.keys()],
  });
  const items: LoadedItem[] = [];
  for (const result of loadedItems) {
    diagnostics.push(...result.diagnostics);
    if (result.item && (options.drafts || !result.item.draft)) items.push(result.item);
  }
  const bulletins: LoadedBulletin[] = [];
  for (const file of files.bulletins) {
    const result = loadBulletinFile(options.root, file);
    diagnostics.push(...result.diagnostics);
    if (result.bulletin) bulletins.push(result.bulletin);
  }
  const model = buildModel({ config, authorities, items, bulletins });
  diagnostics.push(...model.diagnostics);
  return {
    config,
    site: model.site,
    configError: false,
    diagnostics: sortDiagnostics(diagnostics),
  };
}

export interface BuildResult extends LoadResult {
  /** Files handed to the writer (0 when the build failed). */
  written: number;
}

/**
 * Loads and renders the whole site, handing each file to the writer as it is
 * made; commits the writer only if nothing went wrong, and aborts it otherwise.
 */
export async function buildSite(options: SiteOptions, writer: Writer): Promise<BuildResult> {
  const loaded = await loadSite(options);
  const theme = loadTheme(options.root);
  const pub = readPublic(options.root);
  const early = [...loaded.diagnostics, ...theme.diagnostics, ...pub.diagnostics];
  if (!loaded.site || early.length > 0) {
    await writer.abort();
    return { ...loaded, diagnostics: sortDiagnostics(early), written: 0 };
  }
  // Public files are copied as they are; only one at the address of a file
  // gazette generates is an error (naming both), found once every page is made.
  let written = 0;
  const put = (file: OutputFile) => {
    written++;
    const fingerprint = contentFingerprint(file.content);
    if (writer.previous.get(file.path) === fingerprint) {
      writer.keep(file.path);
      return undefined;
    }
    return writer.write(file.path, file.content, fingerprint);
  };
  for (const file of pub.files) await put(file);
  const generated = new Set<string>();
  const emit = (file: OutputFile) => {
    generated.add(file.path);
    return put(file);
  };
  const diagnostics = sortDiagnostics([
    ...(await renderPages(loaded.site, theme, sitePages(loaded.site), emit)),
    ...publicConflicts(pub.files, generated),
  ]);
  if (diagnostics.length > 0) {
    await writer.abort();
    return { ...loaded, diagnostics, written: 0 };
  }
  await writer.commit();
  return { ...loaded, written };
}
