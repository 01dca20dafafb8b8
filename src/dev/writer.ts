import type { Diagnostic } from '../diagnostics.js';
import { isOutputPath } from '../output/manifest.js';
import type { CommitSummary, Writer } from '../output/writer.js';

type Content = string | Uint8Array;
type Make = () => Content | Diagnostic;

/**
 * Where `gazette dev` keeps the site: in memory, with the disk writer's
 * contract (a failed build changes nothing, so the last good site stays
 * served). Like Hugo's fast render, a page nobody has looked at is made when
 * it is first asked for, so that an edit costs what is on screen; `settle`
 * makes the rest when there is time, and reports what failed.
 */
export class DevWriter implements Writer {
  private readonly files = new Map<string, Content>();
  private readonly lazyPages = new Map<string, Make>();
  private readonly fingerprints = new Map<string, string>();
  /** Pages a browser has asked for: an edit makes these again at once. */
  private readonly viewed = new Set<string>();
  private pending = new Map<string, { content?: Content; make?: Make; fingerprint: string }>();
  private kept = new Set<string>();
  /** What the last commit changed, removed, and left to be made on request. */
  changed: string[] = [];
  removed: string[] = [];
  deferred: string[] = [];
  /** Template errors met while making a page on request, until the next commit. */
  late: Diagnostic[] = [];
  private started = false;
  /** Whether the first build makes every page (set by the session). */
  eagerStart = true;
  /** While an update runs (set by the session), `settle` stops. */
  updating = false;

  get previous(): ReadonlyMap<string, string> {
    return this.fingerprints;
  }

  write(path: string, content: Content, fingerprint: string): undefined {
    if (!isOutputPath(path)) throw new Error(`not an output path: ${path}`);
    this.pending.set(path, { content, fingerprint });
    return undefined;
  }

  lazy(path: string, fingerprint: string, make: Make): boolean {
    if ((!this.started && this.eagerStart) || this.viewed.has(path)) return false;
    this.pending.set(path, { make, fingerprint });
    return true;
  }

  keep(path: string): void {
    this.kept.add(path);
  }

  async commit(): Promise<CommitSummary> {
    const all = new Set([...this.files.keys(), ...this.lazyPages.keys()]);
    this.removed = [...all].filter((p) => !this.pending.has(p) && !this.kept.has(p));
    for (const path of this.removed) this.forget(path);
    this.changed = [];
    this.deferred = [];
    for (const [path, { content, make, fingerprint }] of this.pending) {
      this.fingerprints.set(path, fingerprint);
      if (make) {
        this.files.delete(path);
        this.lazyPages.set(path, make);
        this.deferred.push(path);
        continue;
      }
      this.lazyPages.delete(path);
      const before = this.files.get(path);
      if (before === undefined || !sameContent(before, content!)) this.changed.push(path);
      this.files.set(path, content!);
    }
    const summary = {
      written: this.changed.length,
      kept: this.kept.size,
      removed: this.removed.length,
    };
    this.pending = new Map();
    this.kept = new Set();
    this.late = [];
    this.started = true;
    return summary;
  }

  async abort(): Promise<void> {
    this.pending = new Map();
    this.kept = new Set();
  }

  has(path: string): boolean {
    return this.files.has(path) || this.lazyPages.has(path);
  }

  /** A file's content, made now if it was left to be made; marks the page as viewed. */
  get(path: string): Content | undefined {
    this.make(path);
    // A page on screen is made again at each edit, for its reload; a data
    // file, a feed or a search shard is fetched again when asked for.
    if (this.files.has(path) && path.endsWith('.html')) this.viewed.add(path);
    return this.files.get(path);
  }

  /**
   * Makes every page left to be made; returns the template errors met. An
   * update that starts meanwhile stops it: what is left stays to be made.
   */
  async settle(): Promise<Diagnostic[]> {
    for (const path of [...this.lazyPages.keys()]) {
      if (this.updating) break;
      this.make(path);
      await new Promise((resolve) => setImmediate(resolve)); // keep serving meanwhile
    }
    return this.late;
  }

  /** Every file, as a full build would write it. */
  snapshot(): Map<string, Content> {
    for (const path of [...this.lazyPages.keys()]) this.make(path);
    return new Map(this.files);
  }

  private make(path: string): void {
    const make = this.lazyPages.get(path);
    if (!make) return;
    this.lazyPages.delete(path);
    const made = make();
    if (typeof made === 'object' && 'code' in made) {
      if (!this.late.some((d) => d.message === made.message)) this.late.push(made);
      this.fingerprints.delete(path); // made again by the next update
    } else this.files.set(path, made);
  }

  private forget(path: string): void {
    this.files.delete(path);
    this.lazyPages.delete(path);
    this.fingerprints.delete(path);
  }
}

function sameContent(a: Content, b: Content): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}
