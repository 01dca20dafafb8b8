import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, type Config } from '../config.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { Item, LoadedBulletin, LoadedItem, Site } from '../model.js';
import { aliasPlans, planPages, type PagePlan } from '../pages/index.js';
import { loadConfig, siteAddressConflicts, type SiteOptions } from '../pipeline.js';
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
  /** Site paths an edit touched that nobody is viewing: made when first asked for. */
  deferred: string[];
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
  /**
   * The last good site: output path (`items/x/index.html`) → content, except
   * for `stale` pages, made when first asked for (see `get`, `snapshot`).
   */
  private readonly files = new Map<string, string | Uint8Array>();
  /** Pages an edit touched that nobody has looked at yet: made on request. */
  private readonly stale = new Map<string, PagePlan>();
  /** Pages a browser has asked for: an edit makes these again at once. */
  private readonly viewed = new Set<string>();
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
  /** The last good render: its model, its pages, and what each page showed. */
  private site: Site | undefined;
  private plan: PagePlan[] = [];
  private shown = new Map<string, PagePlan>();
  /** For each item file, the pages of the last good render that show it. */
  private pagesByFile = new Map<string, PagePlan[]>();
  /** Items replaced since the last good render: file → the object the site holds. */
  private replaced = new Map<string, LoadedItem | undefined>();
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
      if (this.items.has(file)) {
        this.pending.add(file);
        this.replaced.set(file, undefined); // a deletion is never a patch
        this.items.delete(file);
      }
      return;
    }
    const digest = createHash('sha1').update(bytes).digest('hex');
    const before = this.items.get(file);
    if (before?.digest === digest) return;
    this.pending.add(file);
    if (!this.replaced.has(file)) this.replaced.set(file, before?.result.value);
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
    const result: Update = {
      changed: [],
      removed: [],
      deferred: [],
      diagnostics: [],
      rendered: 0,
      ms: 0,
    };
    const problems = [
      ...this.configProblems,
      ...this.registryProblems,
      ...this.discoveryProblems,
      ...this.publicProblems,
      ...(this.theme?.diagnostics ?? []),
    ];
    const nothingChanged = !this.everything && this.pending.size === 0 && this.site !== undefined;
    if (nothingChanged && problems.length === 0 && this.diagnostics.length === 0) {
      result.ms = performance.now() - started;
      return result; // a save that left the bytes as they were
    }
    const patched = this.config && problems.length === 0 ? this.patch(result) : undefined;
    if (patched !== undefined) {
      this.diagnostics = patched;
      result.diagnostics = patched;
      result.ms = performance.now() - started;
      return result;
    }
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
        bulletins: bulletins.flatMap((r) =>
          r.value && (this.options.drafts || !r.value.draft) ? [r.value] : [],
        ),
      });
      problems.push(...model.diagnostics);
      if (problems.length === 0) problems.push(...this.renderSite(model.site, result));
    }
    this.diagnostics = sortDiagnostics(problems);
    result.diagnostics = this.diagnostics;
    result.ms = performance.now() - started;
    return result;
  }

  /**
   * The fast path: when every change since the last good render is an edit
   * that leaves an item where it was (same address, date, section, bulletin,
   * listings), the item's new content is copied into the object the site
   * already holds and only the pages that show it are made again.
   */
  private patch(result: Update): Diagnostic[] | undefined {
    if (this.everything || !this.site || this.replaced.size === 0) return undefined;
    const edits: [Item, LoadedItem][] = [];
    for (const [file, before] of this.replaced) {
      const after = this.items.get(file)?.result;
      if (!before || !after?.value || after.diagnostics.length > 0) return undefined;
      if (placement(before) !== placement(after.value)) return undefined;
      edits.push([before as Item, after.value]);
    }
    for (const [held, next] of edits) {
      Object.assign(held, next, { bulletinRef: held.bulletinRef });
      this.items.get(held.file)!.result.value = held;
    }
    const pages = new Set(this.plan.filter((p) => p.deps === 'site'));
    for (const [held] of edits) for (const p of this.pagesByFile.get(held.file) ?? []) pages.add(p);
    // Like Hugo's fast render: pages someone is looking at are made now; the
    // rest when first asked for, so that an edit costs what is on screen.
    const now: PagePlan[] = [];
    for (const page of pages) {
      const file = outputPath(page.path);
      if (this.viewed.has(file)) now.push(page);
      else {
        this.stale.set(file, page);
        result.deferred.push(page.path);
      }
    }
    return this.commit(this.site, now, result, false);
  }

  /** Whether the site has this output file (`items/x/index.html`). */
  has(file: string): boolean {
    return this.files.has(file) || this.stale.has(file);
  }

  /** The content of an output file, made now if an edit left it stale; marks it as viewed. */
  get(file: string): string | Uint8Array | undefined {
    const page = this.stale.get(file);
    if (page && this.site) {
      this.stale.delete(file);
      const rendered = renderPage(this.site, this.theme!, page.make(), sharedData(this.site));
      if ('content' in rendered) this.files.set(file, rendered.content);
    }
    if (this.files.has(file)) this.viewed.add(file);
    return this.files.get(file);
  }

  /** The whole last good site, every stale page made: what a full build would write. */
  snapshot(): Map<string, string | Uint8Array> {
    for (const file of [...this.stale.keys()]) this.get(file);
    return new Map(this.files);
  }

  /** The slow path: a new model; pages whose items, order or structure changed are made again. */
  private renderSite(site: Site, result: Update): Diagnostic[] {
    const plan = [...planPages(site), ...aliasPlans(site)];
    const conflicts = siteAddressConflicts(site, this.theme!, this.publicFiles);
    if (conflicts.length > 0) return conflicts;
    const pages = plan.filter((page) => {
      if (this.everything || page.deps === 'site' || page.structural) return true;
      if (this.stale.has(outputPath(page.path))) return true;
      const before = this.shown.get(page.path);
      return (
        !before ||
        before.key !== page.key ||
        !sameItems(before.deps, page.deps) ||
        this.touches(page)
      );
    });
    return this.commit(site, pages, result, true, plan);
  }

  /**
   * Makes `pages`, and if every one rendered, puts them in the last good site;
   * with `plan`, pages not in it are removed and the plan becomes the current one.
   */
  private commit(
    site: Site,
    pages: PagePlan[],
    result: Update,
    whole: boolean,
    plan?: PagePlan[],
  ): Diagnostic[] {
    const theme = this.theme!;
    const shared = sharedData(site);
    const outputs = new Map<string, string | Uint8Array>();
    const templateProblems: Diagnostic[] = [];
    for (const page of pages) {
      const rendered = renderPage(site, theme, page.make(), shared);
      result.rendered++;
      if ('content' in rendered) outputs.set(page.path, rendered.content);
      else if (!templateProblems.some((d) => d.message === rendered.message))
        templateProblems.push(rendered);
    }
    if (templateProblems.length > 0) return templateProblems;
    if (whole && plan) {
      const statics = [
        ...theme.assets.map((a) => ({ path: a.path, content: a.bytes })),
        ...this.publicFiles.map((f) => ({ path: `/${f.path}`, content: f.content })),
      ];
      if (this.everything) for (const s of statics) outputs.set(s.path, s.content);
      const wanted = new Set([...plan.map((p) => p.path), ...statics.map((s) => s.path)]);
      for (const path of this.shown.keys()) {
        if (!wanted.has(path)) {
          this.files.delete(outputPath(path));
          result.removed.push(path);
        }
      }
      if (this.everything) {
        const keep = new Set([...wanted].map(outputPath));
        for (const file of [...this.files.keys()]) if (!keep.has(file)) this.files.delete(file);
      }
      this.stale.clear();
      this.site = site;
      this.plan = plan;
      this.shown = new Map(plan.map((p) => [p.path, p]));
      this.pagesByFile = new Map();
      for (const page of plan) {
        if (page.deps === 'site') continue;
        for (const item of page.deps) {
          const list = this.pagesByFile.get(item.file);
          if (list) list.push(page);
          else this.pagesByFile.set(item.file, [page]);
        }
      }
    }
    for (const [path, content] of outputs) {
      const file = outputPath(path);
      const before = this.files.get(file);
      if (before === undefined || !sameContent(before, content)) {
        this.files.set(file, content);
        result.changed.push(path);
      }
    }
    this.pending.clear();
    this.replaced.clear();
    this.everything = false;
    return [];
  }

  /** Whether the page shows an item changed since the last good render. */
  private touches(page: PagePlan): boolean {
    if (page.deps === 'site') return this.pending.size > 0;
    return page.deps.some((item) => this.pending.has(item.file));
  }
}

/** Whether two pages show the same items in the same order. */
function sameItems(a: PagePlan['deps'], b: PagePlan['deps']): boolean {
  if (a === 'site' || b === 'site') return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.file !== b[i]!.file) return false;
  return true;
}

/**
 * What decides where an item appears: its address, order, section, bulletin
 * and every listing that holds it. An edit that keeps this is a patch.
 */
function placement(item: LoadedItem): string {
  return JSON.stringify([
    item.slug,
    item.date,
    item.category,
    item.weight,
    item.draft,
    item.bulletin,
    item.authorities,
    item.tags,
    item.aliases,
    item.instrument,
    item.effective,
    item.updated,
    item.fines.length > 0,
    item.status,
  ]);
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
