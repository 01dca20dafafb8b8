import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_FILE, type Config } from '../config.js';
import { diagnostic, sortDiagnostics, START, type Diagnostic } from '../diagnostics.js';
import { sortKey, type PartialDate } from '../domain/dates.js';
import type { Item, LoadedBulletin, LoadedItem, Site } from '../model.js';
import type { Writer } from '../output/writer.js';
import { writeFailure } from '../output/lock.js';
import { aliasPlans, planPages, type PageInput, type PagePlan } from '../pages/index.js';
import { AUTHORITIES_FILE, type Authority } from '../schema/authorities.js';
import { BULLETINS_DIR, discover, discoverPath, ITEMS_DIR } from '../stages/discover.js';
import { buildModel, placement, POSITION_FIELDS, replaceItems } from '../stages/model.js';
import { renderPage, sharedData } from '../stages/render.js';
import { memoryGuard } from '../stages/memory.js';
import type { Theme } from '../stages/theme.js';
import { BodyStore, packSizes, type BodyRef } from './bodies.js';
import { LoadCache } from './cache.js';
import { codeDigest, digest } from './digest.js';
import { contentFingerprint, Fingerprints } from './fingerprint.js';
import {
  readConfigInput,
  readInstrumentsInput,
  readPublicInput,
  readRegistryInput,
  readThemeInput,
} from './inputs.js';
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
  /**
   * The persistent cache's folder. Without one (`--no-cache`) the engine
   * starts from an empty cache in a temporary folder, removed by `close` or
   * when the process ends.
   */
  cacheDir?: string;
  /** The build date: items dated after it are left out unless `future`. */
  today: PartialDate;
  /** The engine runs again and again (dev): keep what makes later runs cheaper. */
  incremental?: boolean;
}

export interface Outcome {
  /** Every problem, sorted; none when the run succeeded. */
  diagnostics: Diagnostic[];
  /** The problems are with the configuration or the command line (exit 2), not the content. */
  usage: boolean;
  site?: Site;
  /** Items left out because they are dated after the build date. */
  future: Item[];
  /** The files of the items and bulletins left out because they are drafts (none with `drafts`). */
  drafts: string[];
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
  private instruments: ReturnType<typeof readInstrumentsInput> | undefined;
  private theme: ReturnType<typeof readThemeInput> | undefined;
  private publicFiles: ReturnType<typeof readPublicInput> | undefined;
  private readonly items = new Map<string, { key: string; result: Loaded<LoadedItem> }>();
  private readonly bulletins = new Map<string, { key: string; result: Loaded<LoadedBulletin> }>();
  private discovery = new Map<string, Diagnostic>();
  private context: { ctx: LoadContext; key: string } | undefined;
  private readonly cache: LoadCache;
  /** How many models were made from the last one (dev; tests read it). */
  fastModels = 0;
  /** The last model made (dev), and the item edits since then: what lets the next model be made from it. */
  private last: { site: Site; future: Item[]; drafts: string[] } | undefined;
  private edits: { structural: boolean; before: Map<string, Loaded<LoadedItem> | undefined> } = {
    structural: true,
    before: new Map(),
  };
  private readonly bodies: BodyStore;
  private readonly prints: Fingerprints;
  /** The prototype of this engine's items: their body is read from this engine's store. */
  private readonly itemProto: object;
  /** The body packs found at start, with their sizes. */
  private readonly packs: Map<string, number>;

  /** The cache folder in use: the configured one, or a temporary one this engine removes. */
  private readonly cacheDir: string;
  private readonly temporary: boolean;

  constructor(readonly options: EngineOptions) {
    this.temporary = options.cacheDir === undefined;
    this.cacheDir = options.cacheDir ?? temporaryCache();
    this.cache = LoadCache.open(this.cacheDir);
    const packs = join(this.cacheDir, 'bodies');
    this.bodies = new BodyStore(packs);
    this.packs = packSizes(packs);
    this.prints = new Fingerprints(options.incremental === true);
    const bodies = this.bodies;
    this.itemProto = {
      get rendered() {
        return bodies.get((this as unknown as StoredItem).body);
      },
    };
  }

  /** Lets go of the cache: a temporary one is removed. */
  close(): void {
    this.bodies.close();
    if (this.temporary) removeTemporary(this.cacheDir);
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
    // Anything but the edit of items already there may move the site about:
    // the next model is made whole.
    if (all || paths.some((p) => !under('content/items')(p) || !this.items.has(p)))
      this.edits.structural = true;
    if (all) this.cache.resetUse();
    if (touches((p) => p === CONFIG_FILE)) this.config = readConfigInput(this.root, this.options);
    if (touches(under('data'))) {
      this.registry = readRegistryInput(this.root);
      this.instruments = readInstrumentsInput(this.root, this.registry.authorities);
    }
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
    if (all || contextChanged) {
      this.edits.structural = true;
      return this.readContent();
    }
    const single = content.map((path) => ({ path, found: discoverPath(this.root, path) }));
    if (single.some((s) => s.found === undefined && existsSync(`${this.root}/${s.path}`)))
      return this.readContent(); // a folder appeared, was renamed or removed
    const items: string[] = [];
    for (const { path, found } of single) {
      this.discovery.delete(path);
      if (found?.kind !== 'item') this.edits.structural = true;
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
    for (const file of items) {
      if (!this.edits.before.has(file)) this.edits.before.set(file, this.items.get(file)?.result);
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
      // An unchanged file is known by its stat: its key without reading it.
      const stat = statSync(join(this.root, file), { throwIfNoEntry: false });
      const known = stat && this.cache.knownKey(file, stat, context);
      if (known !== undefined && this.items.get(file)?.key === known) continue;
      const cachedKnown = known === undefined ? undefined : this.cache.get<StoredItem>(known);
      if (cachedKnown && (!cachedKnown.value || this.bodyKept(cachedKnown.value.body))) {
        this.items.set(file, { key: known!, result: this.unstash(cachedKnown, ctx) });
        continue;
      }
      const source = readContentFile(this.root, file, context);
      if (stat && source.bytes) this.cache.noteKey(file, stat, context, source.key);
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
    // One object per item, in the cache and in the site alike (a large site
    // holds a hundred thousand), and a compact one: a spread copy (V8 lays it
    // out in one block; adding a property afterwards would not) whose
    // prototype's \`rendered\` reads the body from this engine's store.
    if (Object.getPrototypeOf(stored.value) !== this.itemProto) {
      stored.value = Object.setPrototypeOf({ ...stored.value }, this.itemProto) as StoredItem;
    }
    stored.value.section = sectionOf(ctx, stored.value.category);
    return { value: stored.value as unknown as LoadedItem, diagnostics: stored.diagnostics };
  }

  /** Whether a cached body is still in its pack (a pack cut short or deleted is a miss). */
  private bodyKept(ref: BodyRef): boolean {
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
      drafts: [],
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
    outcome.drafts = prepared.drafts;
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
    if (stage && pending.length >= SHARE_FROM) {
      this.saveCache();
      const theirs = pending.filter((_, i) => i % 2 === 1);
      mine = pending.filter((_, i) => i % 2 === 0);
      shared = renderShare({ ...this.options, cacheDir: this.cacheDir }, theirs, stage);
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
    // A build keeps its cache at once; dev, between its runs (see DevSession).
    if (!this.options.incremental) this.saveCache();
    const summary = await writer.commit();
    return { ...outcome, ...summary, kept: summary.kept };
  }

  /** Writes the cache (when it changed), so that the next engine starts warm. */
  saveCache(): void {
    this.cache.save((value) => (value as StoredItem | undefined)?.body, this.bodies);
  }

  /** The site, its theme and every page with its fingerprint; or why there is none. */
  prepare(): (
    | { site: Site; theme: Theme; plans: PagePlan[]; pages: PlannedPage[] }
    | { problems: Diagnostic[]; usage: boolean }
  ) & { future: Item[]; drafts: string[] } {
    const config = this.config!;
    if (!config.config)
      return { problems: config.diagnostics, usage: true, future: [], drafts: [] };
    // Under dev, an edit that moves nothing makes the model from the last one.
    const fast = this.modelAfterEdits();
    const { site, problems, future, drafts } = fast ?? this.model();
    if (problems.length > 0 || !site) {
      this.edits.structural = true;
      return { problems, usage: false, future, drafts };
    }
    const theme = this.theme!.theme;
    const pagePlans = planPages(site);
    // Items that moved nothing leave every address as it was; after a move
    // the listings may have pages more or fewer.
    const clashes =
      fast && !fast.moves
        ? []
        : siteAddressConflicts(site, theme, this.publicFiles!.files, pagePlans);
    if (clashes.length > 0) {
      this.edits.structural = true;
      return { problems: clashes, usage: false, future, drafts };
    }
    const plans = [...pagePlans, ...aliasPlans(site)];
    const siteDigest = digest(
      codeDigest(),
      config.digest,
      this.registry!.digest,
      this.instruments!.digest,
      theme.digest,
    ).slice(0, 16);
    const prints = this.prints.of(site, siteDigest, plans, fast?.changed);
    const pages = plans.map((plan, i) => ({
      plan,
      path: outputOf(plan.path),
      fingerprint: prints[i]!,
    }));
    if (this.options.incremental) {
      this.last = { site, future, drafts };
      this.edits = { structural: false, before: new Map() };
    }
    return { site, theme, plans, pages, future, drafts };
  }

  /**
   * The model after edits that keep every edited item's placement (see
   * `placement` in stages/model.ts), made from the last one by replacing
   * those items; undefined when it must be made whole (a build; or any other
   * change since the last model: a file added or removed, a date or a
   * category changed, the configuration, a template…).
   */
  private modelAfterEdits() {
    if (!this.options.incremental || !this.last || this.edits.structural) return undefined;
    const pairs: [Item, Item][] = [];
    let moves = false;
    const { future: withFuture = false, today } = this.options;
    const isFuture = (date: PartialDate) =>
      !withFuture && sortKey(date) > sortKey(today) && !isPeriodOf(date, today);
    for (const [file, before] of this.edits.before) {
      const after = this.items.get(file)?.result;
      if (!before?.value || !after?.value || after.diagnostics.length > 0) return undefined;
      if (before.value === after.value) continue;
      if (placement(before.value) !== placement(after.value)) {
        // A move (a new date, section, authority, topic or weight): lists change, not pages.
        if (placement(before.value, POSITION_FIELDS) !== placement(after.value, POSITION_FIELDS))
          return undefined;
        if (isFuture(before.value.date) || isFuture(after.value.date)) return undefined;
        moves = true;
      }
      pairs.push([before.value, after.value]);
    }
    this.fastModels++;
    return {
      site: replaceItems(this.last.site, pairs, { config: this.config!.config! }),
      problems: [] as Diagnostic[],
      future: this.last.future,
      drafts: this.last.drafts,
      moves,
      // After a move, pages show other items than before: compare what each shows.
      changed: moves ? undefined : new Set<PageInput>(pairs.map(([, after]) => after)),
    };
  }

  /** Every problem of the inputs, and the model of the site when there are none. */
  private model(): { site?: Site; problems: Diagnostic[]; future: Item[]; drafts: string[] } {
    const problems: Diagnostic[] = [
      ...this.registry!.diagnostics,
      ...this.instruments!.diagnostics,
      ...this.theme!.diagnostics,
      ...this.publicFiles!.diagnostics,
      ...this.discovery.values(),
    ];
    const { drafts = false, future: withFuture = false, today } = this.options;
    const items: LoadedItem[] = [];
    const future: Item[] = [];
    const leftOut: string[] = [];
    // Appended one by one: a file with 150,000 problems is more arguments than a call can take.
    const report = (list: readonly Diagnostic[]) => {
      for (const d of list) problems.push(d);
    };
    for (const { result } of this.items.values()) {
      report(result.diagnostics);
      const item = result.value;
      if (!item) continue;
      if (item.draft && !drafts) {
        leftOut.push(item.file);
        continue;
      }
      if (!withFuture && sortKey(item.date) > sortKey(today) && !isPeriodOf(item.date, today)) {
        future.push(item);
        continue;
      }
      items.push(item);
    }
    const bulletins: LoadedBulletin[] = [];
    for (const { result } of this.bulletins.values()) {
      report(result.diagnostics);
      if (result.value?.draft && !drafts) leftOut.push(result.value.file);
      else if (result.value) bulletins.push(result.value);
    }
    const model = buildModel({
      memo: this.cache.memo,
      today,
      config: this.config!.config!,
      authorities: this.registry!.authorities as Map<string, Authority>,
      instruments: this.instruments!.instruments,
      items,
      bulletins,
    });
    report(model.diagnostics);
    return {
      site: problems.length === 0 ? model.site : undefined,
      problems,
      future,
      drafts: leftOut.sort(),
    };
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

/** Temporary cache folders of this process, removed when it ends at the latest. */
const temporaries = new Set<string>();

function temporaryCache(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-cache-'));
  if (temporaries.size === 0) process.once('exit', () => temporaries.forEach(removeTemporary));
  temporaries.add(dir);
  return dir;
}

function removeTemporary(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  temporaries.delete(dir);
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
