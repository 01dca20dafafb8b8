import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, type Config } from '../config.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { LoadedBulletin, LoadedItem, Site } from '../model.js';
import { planPages, type PagePlan } from '../pages/index.js';
import { loadConfig, type SiteOptions } from '../pipeline.js';
import { AUTHORITIES_FILE, parseAuthorities, type Authority } from '../schema/authorities.js';
import { BULLETINS_DIR, discover, ITEMS_DIR } from '../stages/discover.js';
import { loadBulletin, loadItem } from '../stages/load.js';
import { buildModel } from '../stages/model.js';
import { readPublic } from '../stages/public.js';
import { readSiteFile } from '../stages/read.js';
import { outputPath, renderPage, sharedData, type OutputFile } from '../stages/render.js';
import { loadTheme, type Theme } from '../stages/theme.js';

/** What one update did, for the terminal and the browsers. */
export interface Update {
  /** Site paths (`/items/x/`, `/assets/style.css`) whose content changed or appeared. */
  changed: string[];
  /** Site paths that no longer exist. */
  removed: string[];
  /** Every current problem; while there are any, the last good site is kept. */
  diagnostics: Diagnostic[];
  /** Pages rendered (changed or not). */
  rendered: number;
  ms: number;
}

type Cached<T> = { digest: string; result: { value?: T; diagnostics: Diagnostic[] } };

/**
 * The state of a site under `gazette dev`: every file's parsed result, the
 * last good site in memory, and the current problems. `update(paths)` runs the
 * build's own stages again for what changed and re-renders only the pages that
 * show it. No globals: tests drive a session directly.
 */
export class DevSession {
  /** The last good site: output path (`items/x/index.html`) → content. */
  readonly files = new Map<string, string | Uint8Array>();
  diagnostics: Diagnostic[] = [];

  private config: Config | undefined;
  private configProblems: Diagnostic[] = [];
  private authorities = new Map<string, Authority>();
  private registryProblems: Diagnostic[] = [];
  private discoveryProblems: Diagnostic[] = [];
  private theme: Theme | undefined;
  private publicFiles: OutputFile[] = [];
  private publicProblems: Diagnostic[] = [];
  private readonly items = new Map<string, Cached<LoadedItem>>();
  private readonly bulletins = new Map<string, Cached<LoadedBulletin>>();
  /** Signature of each page of the last good render: what it showed, in order. */
  private signatures = new Map<string, string>();
  /** Item files changed since the last good render. */
  private pending = new Set<string>();
  private everything = true;

  constructor(private readonly options: SiteOptions) {}

  /** The configuration in force, when it is valid. */
  get configuration(): Config | undefined {
    return this.config;
  }

  /** Loads and renders the whole site. */
  async start(): Promise<Update> {
    this.readConfig();
    this.readRegistry();
    this.theme = loadTheme(this.options.root);
    this.readPublicFolder();
    const found = await discover(this.options.root);
    this.discoveryProblems = found.diagnostics;
    for (const file of found.items) this.loadItemFile(file);
    for (const file of found.bulletins) this.loadBulletinFile(file);
    this.everything = true;
    return this.render(performance.now());
  }

  /** Takes in changed, added or deleted paths (relative to the root, or folders) and re-renders. */
  async update(paths: readonly string[]): Promise<Update> {
    const started = performance.now();
    const root = this.options.root;
    let rediscover = false;
    for (const raw of paths) {
      const path = raw.split('\\').join('/').replace(/\/+$/, '');
      if (path === CONFIG_FILE) {
        this.readConfig();
        this.items.clear();
        rediscover = true;
      } else if (path === AUTHORITIES_FILE || path === 'data') {
        this.readRegistry();
        this.items.clear();
        rediscover = true;
      } else if (path === 'templates' || path.startsWith('templates/')) {
        this.theme = loadTheme(root);
        this.everything = true;
      } else if (path === 'public' || path.startsWith('public/')) {
        this.readPublicFolder();
        this.everything = true;
      } else if (
        path.startsWith(ITEMS_DIR) &&
        path.endsWith('.md') &&
        !isDirectory(join(root, path))
      ) {
        this.loadItemFile(path);
      } else if (path.startsWith(BULLETINS_DIR) && path.endsWith('.md')) {
        this.loadBulletinFile(path);
        this.everything = true;
      } else if (path === 'content' || path.startsWith('content/')) {
        rediscover = true; // a folder appeared, disappeared or was renamed
      }
    }
    if (rediscover) await this.rediscover();
    return this.render(started);
  }

  private async rediscover(): Promise<void> {
    const found = await discover(this.options.root);
    this.discoveryProblems = found.diagnostics;
    const items = new Set(found.items);
    const bulletins = new Set(found.bulletins);
    for (const file of [...this.items.keys()]) if (!items.has(file)) this.loadItemFile(file);
    for (const file of found.items) if (!this.items.has(file)) this.loadItemFile(file);
    for (const file of [...this.bulletins.keys()])
      if (!bulletins.has(file)) this.loadBulletinFile(file);
    for (const file of found.bulletins) if (!this.bulletins.has(file)) this.loadBulletinFile(file);
    this.everything = true;
  }

  private readConfig(): void {
    const { config, diagnostics } = loadConfig(this.options);
    this.config = diagnostics.length === 0 ? config : undefined;
    this.configProblems = diagnostics;
    this.everything = true;
  }

  private readRegistry(): void {
    const file = readSiteFile(this.options.root, AUTHORITIES_FILE);
    const parsed = parseAuthorities(file.text);
    this.authorities = parsed.authorities;
    this.registryProblems = [...file.diagnostics, ...parsed.diagnostics];
    this.everything = true;
  }

  private readPublicFolder(): void {
    const { files, diagnostics } = readPublic(this.options.root);
    this.publicFiles = files;
    this.publicProblems = diagnostics;
  }

  /** (Re)loads one item file, or forgets it when it is gone; unchanged bytes cost a hash. */
  private loadItemFile(file: string): void {
    const bytes = readBytes(join(this.options.root, file));
    if (!bytes || !this.config) {
      if (this.items.delete(file)) this.pending.add(file);
      return;
    }
    const digest = createHash('sha1').update(bytes).digest('hex');
    if (this.items.get(file)?.digest === digest) return;
    this.pending.add(file);
    const ctx = { sections: this.config.sections, authorities: new Set(this.authorities.keys()) };
    const { item, diagnostics } = loadItem(file, bytes, ctx);
    this.items.set(file, { digest, result: { value: item, diagnostics } });
  }

  private loadBulletinFile(file: string): void {
    const bytes = readBytes(join(this.options.root, file));
    if (!bytes) {
      this.bulletins.delete(file);
      return;
    }
    const digest = createHash('sha1').update(bytes).digest('hex');
    if (this.bulletins.get(file)?.digest === digest) return;
    const { bulletin, diagnostics } = loadBulletin(file, bytes);
    this.bulletins.set(file, { digest, result: { value: bulletin, diagnostics } });
  }

  /** Rebuilds the model and renders what changed, if the site is valid. */
  private render(started: number): Update {
    const result: Update = { changed: [], removed: [], diagnostics: [], rendered: 0, ms: 0 };
    const problems = [
      ...this.configProblems,
      ...this.registryProblems,
      ...this.discoveryProblems,
      ...this.publicProblems,
      ...(this.theme?.diagnostics ?? []),
    ];
    if (this.config && problems.length === 0) {
      const loaded = [...this.items.values()].map((c) => c.result);
      const bulletins = [...this.bulletins.values()].map((c) => c.result);
      for (const r of [...loaded, ...bulletins]) problems.push(...r.diagnostics);
      const model = buildModel({
        config: this.config,
        authorities: this.authorities,
        items: loaded.flatMap((r) =>
          r.value && (this.options.drafts || !r.value.draft) ? [r.value] : [],
        ),
        bulletins: bulletins.flatMap((r) => (r.value ? [r.value] : [])),
      });
      problems.push(...model.diagnostics);
      if (problems.length === 0) this.renderSite(model.site, result);
    }
    this.diagnostics = sortDiagnostics(problems);
    result.diagnostics = this.diagnostics;
    result.ms = performance.now() - started;
    return result;
  }

  private renderSite(site: Site, result: Update): void {
    const theme = this.theme!;
    const plan = planPages(site);
    const shared = sharedData(site);
    const next = new Map<string, string>();
    const outputs = new Map<string, string | Uint8Array>();
    const templateProblems: Diagnostic[] = [];
    for (const page of plan) {
      const signature = signatureOf(page);
      next.set(page.path, signature);
      if (!this.everything && !this.touches(page) && this.signatures.get(page.path) === signature)
        continue;
      const rendered = renderPage(site, theme, page.make(), shared);
      result.rendered++;
      if ('content' in rendered) outputs.set(page.path, rendered.content);
      else templateProblems.push(rendered);
    }
    if (templateProblems.length > 0) {
      result.diagnostics.push(...templateProblems);
      this.diagnostics = templateProblems;
      return;
    }
    const statics = [
      ...theme.assets.map((a) => ({ path: a.path, content: a.bytes })),
      ...this.publicFiles.map((f) => ({ path: `/${f.path}`, content: f.content })),
    ];
    if (this.everything) for (const s of statics) outputs.set(s.path, s.content);
    // Commit: the new pages replace the old; pages that no longer exist go.
    const wanted = new Set([...next.keys(), ...statics.map((s) => s.path)]);
    for (const path of this.signatures.keys()) {
      if (!wanted.has(path)) {
        this.files.delete(outputPath(path));
        result.removed.push(path);
      }
    }
    if (this.everything) {
      const keep = new Set([...wanted].map(outputPath));
      for (const file of [...this.files.keys()]) if (!keep.has(file)) this.files.delete(file);
    }
    for (const [path, content] of outputs) {
      const file = outputPath(path);
      const before = this.files.get(file);
      if (before === undefined || !sameContent(before, content)) {
        this.files.set(file, content);
        result.changed.push(path);
      }
    }
    this.signatures = next;
    this.pending.clear();
    this.everything = false;
  }

  /** Whether the page shows an item changed since the last good render. */
  private touches(page: PagePlan): boolean {
    if (page.deps === 'site') return this.pending.size > 0;
    return page.deps.some((item) => this.pending.has(item.file));
  }
}

/** What a page shows, in order: if it differs from last time, the page must be made again. */
function signatureOf(page: PagePlan): string {
  return page.deps === 'site' ? 'site' : page.deps.map((item) => item.file).join('\n');
}

function readBytes(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function sameContent(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}
