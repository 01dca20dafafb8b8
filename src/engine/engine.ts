import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, type Config } from '../config.js';
import { diagnostic, sortDiagnostics, START, type Diagnostic } from '../diagnostics.js';
import { sortKey, type PartialDate } from '../domain/dates.js';
import type { Item, LoadedBulletin, LoadedItem, Site } from '../model.js';
import type { Writer } from '../output/writer.js';
import { writeFailure } from '../output/lock.js';
import { aliasPlans, planPages, type PagePlan } from '../pages/index.js';
import { AUTHORITIES_FILE, type Authority } from '../schema/authorities.js';
import { BULLETINS_DIR, discover, discoverPath, ITEMS_DIR } from '../stages/discover.js';
import { buildModel } from '../stages/model.js';
import { renderPage, sharedData } from '../stages/render.js';
import { memoryGuard } from '../stages/memory.js';
import type { Theme } from '../stages/theme.js';
import { BodyStore, packSizes, type BodyRef } from './bodies.js';
import { LoadCache } from './cache.js';
import { codeDigest, digest } from './digest.js';
import { contentFingerprint, fingerprint } from './fingerprint.js';
import { readConfigInput, readPublicInput, readRegistryInput, readThemeInput } from './inputs.js';
import type { PublicFile } from './inputs.js';
import {
  contextKey,
  loadBulletinSource,
  loadItems,
  readContentFile,
  type Loaded,
  type LoadContext,
  type SourceFile,
} from './loader.js';
import { siteAddressConflicts, outputOf } from './addresses.js';
import { renderShare, type RenderedShare } from './share.js';

/**
 * The one engine behind `check`, `build` and `dev`: the site's inputs, read
 * and kept (each file by its key, so that an unchanged file costs a digest),
 * and one sequence of stages run to the depth each command needs:
 *
 *   inputs (config, registry, theme, public/, content) → load each file
 *   → model → plan every page → fingerprints → render what changed → writer
 *
 * A full build is an update from an empty state; `dev` calls `refresh` with
 * the paths that changed and `run` again. Nothing else holds state: the same
 * inputs give the same site, whichever way they arrived.
 */
export interface EngineOptions {
  root: string;
  /** Items and bulletins marked `draft: true` are published too. */
  drafts?: boolean;
  /** Items dated after `today` are published too. */
  future?: boolean;
  /** Overrides the configured base URL (`--base-url`). */
  baseUrl?: string;
  /** The persistent cache's folder; undefined keeps results in memory only (`--no-cache`). */
  cacheDir?: string;
  /** The build date: items dated after it are left out unless `future`. */
  today: PartialDate;
}

export interface Outcome {
  /** Every problem, sorted; none when the run succeeded. */
  diagnostics: Diagnostic[];
  /** The problems are with the configuration or the command line (exit 2), not the content. */
  usage: boolean;
  site?: Site;
  /** Items left out because they are dated after the build date. */
  future: Item[];
  pages: number;
  rendered: number;
  written: number;
  kept: number;
  removed: number;
}

type Depth = 'check' | 'build';

/** An item as the cache keeps it: everything but its rendered body, which the body store holds. */
type StoredItem = Omit<LoadedItem, 'rendered'> & { body: BodyRef };

export class Engine {
  private config: ReturnType<typeof readConfigInput> | undefined;
  private registry: ReturnType<typeof readRegistryInput> | undefined;
  private theme: ReturnType<typeof readThemeInput> | undefined;
  private publicFiles: ReturnType<typeof readPublicInput> | undefined;
  private readonly items = new Map<string, { key: string; result: Loaded<LoadedItem> }>();
  private readonly bulletins = new Map<string, { key: string; result: Loaded<LoadedBulletin> }>();
  private discovery = new Map<string, Diagnostic>();
  private context: { ctx: LoadContext; key: string } | undefined;
  private readonly cache: LoadCache;
  private readonly bodies: BodyStore;
  /** The body packs found at start, with their sizes. */
  private readonly packs: Map<string, number>;

  constructor(readonly options: EngineOptions) {
    this.cache = LoadCache.open(options.cacheDir);
    const packs = options.cacheDir === undefined ? undefined : join(options.cacheDir, 'bodies');
    this.bodies = new BodyStore(packs);
    this.packs = packSizes(packs);
  }

  get root(): string {
    return this.options.root;
  }

  /** The configuration in force, once read and valid. */
  get configuration(): Config | undefined {
    return this.config?.config;
  }

  /**
   * Reads the inputs again: all of them, or those the `paths` (relative to
   * the root, as a watcher reports them) may have changed.
   */
  async refresh(paths?: readonly string[]): Promise<void> {
    const all = paths === undefined;
    const touches = (test: (path: string) => boolean) => all || paths.some(test);
    const under = (dir: string) => (p: string) => p === dir || p.startsWith(`${dir}/`);
    if (all) this.cache.resetUse();
    if (touches((p) => p === CONFIG_FILE)) this.config = readConfigInput(this.root, this.options);
    if (touches(under('data'))) this.registry = readRegistryInput(this.root);
    if (touches(under('templates'))) this.theme = readThemeInput(this.root);
    if (touches(under('public'))) this.publicFiles = readPublicInput(this.root);
    const config = this.config?.config;
    if (!config || !this.registry) return;

    const ctx: LoadContext = {
      sections: config.sections,
      authorities: [...this.registry.authorities.keys()],
    };
    const key = contextKey(ctx);
    const contextChanged = this.context?.key !== key;
    this.context = { ctx, key };
    const content = (paths ?? []).filter(under('content'));
    if (all || contextChanged) return this.readContent();
    const single = content.map((path) => ({ path, found: discoverPath(this.root, path) }));
    if (single.some((s) => s.found === undefined && existsSync(`${this.root}/${s.path}`)))
      return this.readContent(); // a folder appeared, was renamed or removed
    const items: string[] = [];
    for (const { path, found } of single) {
      this.discovery.delete(path);
      if (found === undefined) {
        // Gone: forget it (a removed folder is seen as its files by the watcher, or rediscovered).
        this.items.delete(path);
        this.bulletins.delete(path);
        if (!path.endsWith('.md')) return this.readContent();
      } else if (found.kind === 'problem') {
        this.discovery.set(path, found.diagnostic);
        this.items.delete(path);
        this.bulletins.delete(path);
      } else if (found.kind === 'item') items.push(path);
      else if (found.kind === 'bulletin') this.readBulletins([path]);
    }
    await this.readItems(items);
  }

  /** Looks at the whole of `content/` again: which files exist, and each file's key. */
  private async readContent(): Promise<void> {
    const found = await discover(this.root);
    this.discovery = new Map(found.diagnostics.map((d) => [d.file, d]));
    const items = new Set(found.items);
    const bulletins = new Set(found.bulletins);
    for (const file of this.items.keys()) if (!items.has(file)) this.items.delete(file);
    for (const file of this.bulletins.keys()) if (!bulletins.has(file)) this.bulletins.delete(file);
    await this.readItems(found.items);
    this.readBulletins(found.bulletins);
  }

  /** Reads item files; loads those whose key is new (from the cache when it has them). */
  private async readItems(files: readonly string[]): Promise<void> {
    const { ctx, key: context } = this.context!;
    const misses: SourceFile[] = [];
    for (const file of files) {
      const source = readContentFile(this.root, file, context);
      if (this.items.get(file)?.key === source.key) continue;
      const cached = source.bytes ? this.cache.get<StoredItem>(source.key) : undefined;
      if (cached && (!cached.value || this.bodyKept(cached.value.body))) {
        this.items.set(file, { key: source.key, result: this.unstash(cached, ctx) });
      } else misses.push(source);
    }
    await loadItems(this.root, misses, ctx, (source, result) => {
      const stored = this.stash(result);
      this.items.set(source.file, { key: source.key, result: this.unstash(stored, ctx) });
      if (source.bytes) this.cache.set(source.key, stored);
    });
  }

  /** An item as the cache keeps it: its rendered body in the body store. */
  private stash(result: Loaded<LoadedItem>): Loaded<StoredItem> {
    if (!result.value) return { diagnostics: result.diagnostics };
    const { rendered, ...rest } = result.value;
    return { value: { ...rest, body: this.bodies.put(rendered) }, diagnostics: result.diagnostics };
  }

  /** An item of the cache as the site uses it: `rendered` reads its body when a page needs it. */
  private unstash(stored: Loaded<StoredItem>, ctx: LoadContext): Loaded<LoadedItem> {
    if (!stored.value) return { diagnostics: stored.diagnostics };
    const bodies = this.bodies;
    const { body } = stored.value;
    const value = { ...stored.value, section: sectionOf(ctx, stored.value.category) };
    Object.defineProperty(value, 'rendered', { get: () => bodies.get(body), enumerable: false });
    return { value: value as unknown as LoadedItem, diagnostics: stored.diagnostics };
  }

  /** Whether a cached body is still in its pack (a pack cut short or deleted is a miss). */
  private bodyKept(ref: BodyRef): boolean {
    if (ref.pack === 'memory') return false;
    const size = this.packs.get(ref.pack);
    return size !== undefined && ref.offset + ref.length <= size;
  }

  private readBulletins(files: readonly string[]): void {
    for (const file of files) {
      const source = readContentFile(this.root, file, codeDigest());
      if (this.bulletins.get(file)?.key === source.key) continue;
      const result = loadBulletinSource(source);
      this.bulletins.set(file, { key: source.key, result });
    }
  }

  /**
   * Validates everything `build` would and makes every page the output does
   * not already hold intact (`previous`, the output's fingerprints), without
   * writing anything: template errors are found where they happen.
   */
  async check(previous: ReadonlyMap<string, string> = new Map()): Promise<Outcome> {
    return this.run('check', {
      previous,
      write: () => undefined,
      keep: () => {},
      commit: async () => ({ written: 0, kept: 0, removed: 0 }),
      abort: async () => {},
    });
  }

  /** Builds the site into `writer`; commits it when nothing went wrong, and aborts it otherwise. */
  async build(writer: Writer): Promise<Outcome> {
    return this.run('build', writer);
  }

  private async run(depth: Depth, writer: Writer): Promise<Outcome> {
    const outcome: Outcome = {
      diagnostics: [],
      usage: false,
      future: [],
      pages: 0,
      rendered: 0,
      written: 0,
      kept: 0,
      removed: 0,
    };
    const fail = async (diagnostics: Diagnostic[], usage = false) => {
      await writer.abort();
      return { ...outcome, diagnostics: sortDiagnostics(diagnostics), usage };
    };
    if (!existsSync(this.root)) return fail([missingRoot(this.root)], true);
    if (!this.config) await this.refresh();
    const prepared = this.prepare();
    outcome.future = prepared.future;
    if ('usage' in prepared) return fail(prepared.problems, prepared.usage);
    const { site, theme, plans, pages } = prepared;
    outcome.site = site;
    outcome.pages = plans.length;

    const problems: Diagnostic[] = [];
    const report = (made: Diagnostic) => {
      if (!problems.some((d) => d.message === made.message)) problems.push(made);
    };
    const put = (path: string, fp: string, make: () => string | Uint8Array | Diagnostic) => {
      if (writer.previous.get(path) === fp) {
        writer.keep(path);
        outcome.kept++;
        return undefined;
      }
      if (writer.lazy?.(path, fp, make)) return undefined;
      const made = make();
      outcome.rendered++;
      if (typeof made === 'object' && 'code' in made) return report(made);
      if (problems.length > 0) return undefined; // the build fails: write no more
      return writer.write(path, made, fp);
    };
    if (depth === 'build') {
      for (const file of this.publicFiles!.files) {
        await put(file.path, file.fingerprint, () => file.content);
      }
      for (const asset of theme.assets) {
        const path = outputOf(asset.path);
        await put(path, contentFingerprint(asset.bytes), () => asset.bytes);
      }
    }
    // check makes what only making finds: a site template's errors (every
    // page that is not already made, as the output holds it); the built-in
    // theme, which gazette's own tests render, is tried on the home page.
    const toMake = depth === 'build' || theme.own ? pages : pages.slice(0, 1);
    const pending = toMake.filter((p) => writer.previous.get(p.path) !== p.fingerprint);
    for (const page of toMake)
      if (!pending.includes(page)) put(page.path, page.fingerprint, noMake);
    // A large build shares the pages with a second thread, which reads the
    // site back from the cache this one has just saved.
    let shared: Promise<RenderedShare> | undefined;
    let mine = pending;
    const stage = writer.stage?.();
    if (stage && this.options.cacheDir !== undefined && pending.length >= SHARE_FROM) {
      this.saveCache();
      const theirs = pending.filter((_, i) => i % 2 === 1);
      mine = pending.filter((_, i) => i % 2 === 0);
      shared = renderShare(this.options, theirs, stage);
    }
    const make = makePages(site, theme);
    const withinBudget = memoryGuard();
    for (const page of mine) {
      withinBudget();
      await put(page.path, page.fingerprint, () => make(page.plan));
    }
    if (shared) {
      const share = await shared;
      if (share.failure) {
        await writer.abort();
        const { code, message, path } = share.failure;
        throw writeFailure(stage!, Object.assign(new Error(message), { code }), `write ${path}`);
      }
      for (const made of share.problems) report(made);
      for (const file of share.files) writer.adopt!(file.path, file.fingerprint, file.size);
      outcome.rendered += share.files.length + share.problems.length;
      // What the other thread could not make as this one planned it (a file
      // changed meanwhile, say) is made here.
      const again = new Set(share.redo);
      for (const page of pending) {
        if (again.has(page.path)) await put(page.path, page.fingerprint, () => make(page.plan));
      }
    }
    if (problems.length > 0) return fail(problems);
    this.saveCache();
    const summary = await writer.commit();
    return { ...outcome, ...summary, kept: summary.kept };
  }

  private saveCache(): void {
    this.cache.save((value) => (value as StoredItem | undefined)?.body, this.bodies);
  }

  /** The site, its theme and every page with its fingerprint; or why there is none. */
  prepare():
    | { site: Site; theme: Theme; plans: PagePlan[]; pages: PlannedPage[]; future: Item[] }
    | { problems: Diagnostic[]; usage: boolean; future: Item[] } {
    const config = this.config!;
    if (!config.config) return { problems: config.diagnostics, usage: true, future: [] };
    const { site, problems, future } = this.model();
    if (problems.length > 0 || !site) return { problems, usage: false, future };
    const theme = this.theme!.theme;
    const plans = [...planPages(site), ...aliasPlans(site)];
    const siteDigest = digest(
      codeDigest(),
      config.digest,
      this.registry!.digest,
      theme.digest,
    ).slice(0, 16);
    const pages = plans.map((plan) => ({
      plan,
      path: outputOf(plan.path),
      fingerprint: fingerprint(site, siteDigest, plan),
    }));
    return { site, theme, plans, pages, future };
  }

  /** Every problem of the inputs, and the model of the site when there are none. */
  private model(): { site?: Site; problems: Diagnostic[]; future: Item[] } {
    const problems: Diagnostic[] = [
      ...this.registry!.diagnostics,
      ...this.theme!.diagnostics,
      ...this.publicFiles!.diagnostics,
      ...this.discovery.values(),
    ];
    const { drafts = false, future: withFuture = false, today } = this.options;
    const items: LoadedItem[] = [];
    const future: Item[] = [];
    // Appended one by one: a file with 150,000 problems is more arguments than a call can take.
    const report = (list: readonly Diagnostic[]) => {
      for (const d of list) problems.push(d);
    };
    for (const { result } of this.items.values()) {
      report(result.diagnostics);
      const item = result.value;
      if (!item || (item.draft && !drafts)) continue;
      if (!withFuture && sortKey(item.date) > sortKey(today) && !isPeriodOf(item.date, today)) {
        future.push(item);
        continue;
      }
      items.push(item);
    }
    const bulletins: LoadedBulletin[] = [];
    for (const { result } of this.bulletins.values()) {
      report(result.diagnostics);
      if (result.value && (drafts || !result.value.draft)) bulletins.push(result.value);
    }
    const model = buildModel({
      config: this.config!.config!,
      authorities: this.registry!.authorities as Map<string, Authority>,
      items,
      bulletins,
    });
    report(model.diagnostics);
    if (problems.length === 0) {
      report(siteAddressConflicts(model.site, this.theme!.theme, this.publicFiles!.files));
    }
    return { site: problems.length === 0 ? model.site : undefined, problems, future };
  }
}

/** A month or a year that contains today is not in the future: it has begun. */
function isPeriodOf(date: PartialDate, today: PartialDate): boolean {
  if (date.day !== undefined) return false;
  if (date.year !== today.year) return false;
  return date.month === undefined || date.month === today.month;
}

function sectionOf(ctx: LoadContext, id: string) {
  return ctx.sections.find((s) => s.id === id)!;
}

/** A page of the plan, with where it goes and its fingerprint. */
export interface PlannedPage {
  plan: PagePlan;
  path: string;
  fingerprint: string;
}

/** Makes pages of one site with one theme: their content, or the template error met. */
export function makePages(site: Site, theme: Theme) {
  const shared = sharedData(site);
  return (plan: PagePlan): string | Uint8Array | Diagnostic => {
    const made = renderPage(site, theme, plan.make(), shared);
    return 'content' in made ? made.content : made;
  };
}

function noMake(): never {
  throw new Error('bug: a page kept as it is was made');
}

/** From this many pages to make, a second thread makes half of them. */
const SHARE_FROM = 1500;

/** The site folder does not exist: a usage error, reported the same by every command. */
export function missingRoot(root: string): Diagnostic {
  return diagnostic(
    root,
    START,
    'root-missing',
    'this folder does not exist',
    'pass the site folder with --root',
  );
}

export { ITEMS_DIR, BULLETINS_DIR, AUTHORITIES_FILE };
export type { PublicFile };
