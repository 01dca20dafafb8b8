import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { engineOptions, type SiteOptions } from '../api.js';
import { Engine, type EngineOptions } from '../engine/engine.js';
import { DevWriter } from './writer.js';

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
  /** Pages made in this update. */
  rendered: number;
  ms: number;
}

/**
 * `gazette dev`: the build's engine run again for each batch of changed
 * paths, into a writer that keeps the site in memory. No state of its own
 * beyond what it serves: what a full build makes, dev shows.
 */
export class DevSession {
  readonly engine: Engine;
  private readonly writer = new DevWriter();
  diagnostics: Diagnostic[] = [];
  private saving: NodeJS.Timeout | undefined;

  constructor(options: EngineOptions | SiteOptions) {
    this.engine = new Engine({
      ...('today' in options ? options : engineOptions(options)),
      incremental: true,
    });
  }

  /** Loads and builds the whole site. */
  start(): Promise<Update> {
    return this.update(undefined);
  }

  /** Takes in changed, added or deleted paths (relative to the root; all when undefined). */
  async update(paths: readonly string[] | undefined): Promise<Update> {
    const started = performance.now();
    await this.engine.refresh(paths?.map((p) => p.split('\\').join('/').replace(/\/+$/, '')));
    const outcome = await this.engine.build(this.writer);
    this.saveSoon();
    const failed = outcome.diagnostics.length > 0;
    this.diagnostics = outcome.diagnostics;
    const site = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
    return {
      changed: failed ? [] : this.writer.changed.map(site),
      removed: failed ? [] : this.writer.removed.map(site),
      deferred: failed ? [] : this.writer.deferred.map(site),
      diagnostics: this.diagnostics,
      rendered: outcome.rendered,
      ms: performance.now() - started,
    };
  }

  /**
   * Makes the pages left for later; returns every current problem, template
   * errors in those pages included (the same a full build would report).
   */
  async settle(): Promise<Diagnostic[]> {
    const late = await this.writer.settle();
    if (late.length > 0) this.diagnostics = sortDiagnostics([...this.diagnostics, ...late]);
    return this.diagnostics;
  }

  /** Keeps the cache, then lets go of it (a temporary one is removed). */
  close(): void {
    clearTimeout(this.saving);
    this.engine.saveCache();
    this.engine.close();
  }

  /**
   * The cache is written when edits pause (writing it costs as much as an
   * edit), so that the next \`dev\` or build starts warm.
   */
  private saveSoon(): void {
    clearTimeout(this.saving);
    this.saving = setTimeout(() => this.engine.saveCache(), 2000);
    this.saving.unref();
  }

  /** Whether the site has this output file (`items/x/index.html`). */
  has(file: string): boolean {
    return this.writer.has(file);
  }

  /** The content of an output file, made now if an edit left it for later; marks it as viewed. */
  get(file: string): string | Uint8Array | undefined {
    return this.writer.get(file);
  }

  /** The whole last good site, every page made: what a full build would write. */
  snapshot(): Map<string, string | Uint8Array> {
    return this.writer.snapshot();
  }
}
