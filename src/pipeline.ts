import { existsSync } from 'node:fs';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, withBaseUrl, type Config } from './config.js';
import { readSiteFile } from './stages/read.js';
import { diagnostic, sortDiagnostics, START, type Diagnostic } from './diagnostics.js';
import type { LoadedBulletin, LoadedItem, Site } from './model.js';
import { planPages, sitePages } from './pages/index.js';
import { AUTHORITIES_FILE, parseAuthorities } from './schema/authorities.js';
import { aliasPosition } from './schema/item.js';
import { discover } from './stages/discover.js';
import { loadBulletinFile } from './stages/load.js';
import { loadItems } from './stages/load-items.js';
import { buildModel } from './stages/model.js';
import { readPublic } from './stages/public.js';
import { addressConflicts, type Address, type ChosenAddress } from './pages/addresses.js';
import { outputPath, renderPages, type OutputFile } from './stages/render.js';
import { contentFingerprint, type Writer } from './output/writer.js';
import { loadTheme, type Theme } from './stages/theme.js';

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
  theme?: Theme;
  publicFiles: OutputFile[];
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
    return {
      config: undefined,
      site: undefined,
      publicFiles: [],
      configError: true,
      diagnostics: [missing],
    };
  const { config, diagnostics: configDiagnostics } = loadConfig(options);
  if (configDiagnostics.length > 0) {
    return {
      config: undefined,
      site: undefined,
      publicFiles: [],
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
    if (result.bulletin && (options.drafts || !result.bulletin.draft))
      bulletins.push(result.bulletin);
  }
  const model = buildModel({ config, authorities, items, bulletins });
  diagnostics.push(...model.diagnostics);
  const theme = loadTheme(options.root);
  const pub = readPublic(options.root);
  diagnostics.push(...theme.diagnostics, ...pub.diagnostics);
  diagnostics.push(...siteAddressConflicts(model.site, theme, pub.files));
  return {
    config,
    site: model.site,
    theme,
    publicFiles: pub.files,
    configError: false,
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/**
 * The addresses content chooses (aliases, public/) against every file the
 * site generates: one check, shared by build, check and dev.
 */
export function siteAddressConflicts(
  site: Site,
  theme: Theme,
  publicFiles: readonly OutputFile[],
): Diagnostic[] {
  const generated: Address[] = planPages(site).map((page) => ({
    path: outputPath(page.path),
    file: page.deps !== 'site' && page.path.startsWith('/items/') ? page.deps[0]?.file : undefined,
  }));
  for (const asset of theme.assets) generated.push({ path: outputPath(asset.path) });
  const chosen: ChosenAddress[] = [];
  for (const item of site.items) {
    for (const alias of item.aliases) {
      chosen.push({
        path: outputPath(alias),
        shown: alias,
        file: item.file,
        at: item.positions[aliasPosition(alias)] ?? item.positions.aliases ?? START,
        kind: 'alias',
        target: outputPath(item.url),
      });
    }
  }
  for (const file of publicFiles) {
    const shown = `public/${file.path}`;
    chosen.push({ path: file.path, shown, file: shown, at: START, kind: 'public' });
  }
  return addressConflicts(generated, chosen);
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
  if (!loaded.site || !loaded.theme || loaded.diagnostics.length > 0) {
    await writer.abort();
    return { ...loaded, written: 0 };
  }
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
  // Public files are copied as they are (an address clash was refused above).
  for (const file of loaded.publicFiles) await put(file);
  const diagnostics = sortDiagnostics(
    await renderPages(loaded.site, loaded.theme, sitePages(loaded.site), put),
  );
  if (diagnostics.length > 0) {
    await writer.abort();
    return { ...loaded, diagnostics, written: 0 };
  }
  await writer.commit();
  return { ...loaded, written };
}
