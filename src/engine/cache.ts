import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { BodyRef, BodyStore } from './bodies.js';
import type { Loaded } from './loader.js';

/**
 * The persistent cache (`.gazette-cache/` by default): what loading each
 * content file gave, keyed by the file's key (its path, its bytes, the
 * context it was loaded in and gazette's own code digest; see loader.ts).
 * A key says everything its value depends on, so the cache can never be a
 * source of wrong output; delete it at any time, the next build is a cold one.
 */
export class LoadCache {
  private readonly entries: Map<string, Loaded<unknown>>;
  private readonly used = new Set<string>();
  private changed = false;

  private constructor(
    private readonly dir: string | undefined,
    entries: Map<string, Loaded<unknown>>,
  ) {
    this.entries = entries;
  }

  /** The cache in `dir` (made when first saved); in memory only when `dir` is undefined. */
  static open(dir: string | undefined): LoadCache {
    if (dir === undefined) return new LoadCache(undefined, new Map());
    let entries = new Map<string, Loaded<unknown>>();
    try {
      const value = deserialize(readFileSync(join(dir, FILE))) as unknown;
      if (value instanceof Map) entries = value as Map<string, Loaded<unknown>>;
    } catch {
      /* absent, from another version, or damaged: start cold */
    }
    return new LoadCache(dir, entries);
  }

  get<T>(key: string): Loaded<T> | undefined {
    const found = this.entries.get(key) as Loaded<T> | undefined;
    if (found) this.used.add(key);
    return found;
  }

  set<T>(key: string, value: Loaded<T>): void {
    this.entries.set(key, value);
    this.used.add(key);
    this.changed = true;
  }

  /**
   * Writes the entries used since it was opened (and only those: what no
   * file needs any more goes), when anything changed. A failure to write is
   * not an error of the build: the next one is merely cold.
   */
  save(bodyOf: (value: unknown) => BodyRef | undefined, bodies: BodyStore): void {
    if (this.dir === undefined) return;
    for (const key of this.entries.keys()) {
      if (!this.used.has(key)) {
        this.entries.delete(key);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      removeDeadTemps(this.dir);
      const temp = join(this.dir, `${FILE}.${process.pid}.tmp`);
      writeFileSync(temp, serialize(this.entries));
      renameSync(temp, join(this.dir, FILE));
      writeFileSync(join(this.dir, 'README.txt'), README);
      this.changed = false;
      const live: BodyRef[] = [];
      for (const entry of this.entries.values()) {
        const ref = bodyOf(entry.value);
        if (ref) live.push(ref);
      }
      bodies.collect(live);
    } catch {
      /* read-only or full: the next build is cold, never wrong */
    }
  }

  /** Forgets which entries were used: a long-running dev session calls it before each full pass. */
  resetUse(): void {
    this.used.clear();
  }
}

const FILE = 'load.v8';

/** What a build killed while saving left: its temporary file, named after its process. */
function removeDeadTemps(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = Number(/^load\.v8\.(\d+)\.tmp$/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH')
        rmSync(join(dir, name), { force: true });
    }
  }
}

const README = `gazette's cache: what loading each content file gave, keyed by the file's
bytes and everything loading it read. Safe to delete at any time.
`;
