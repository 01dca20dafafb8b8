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
  /** Each content file's key as its last reading found it, with the file's stat then. */
  private readonly stats: Map<string, FileStat>;
  /** Values any stage may keep by a key it makes (see `memo`). */
  private readonly memos: Map<string, unknown>;
  private readonly usedMemos = new Set<string>();

  private constructor(
    private readonly dir: string | undefined,
    stored: Stored,
  ) {
    this.entries = stored.entries;
    this.stats = stored.stats;
    this.memos = stored.memos;
  }

  /** The cache in `dir` (made when first saved); in memory only when `dir` is undefined. */
  static open(dir: string | undefined): LoadCache {
    const empty = (): Stored => ({ entries: new Map(), stats: new Map(), memos: new Map() });
    if (dir === undefined) return new LoadCache(undefined, empty());
    let stored = empty();
    try {
      const value = deserialize(readFileSync(join(dir, FILE))) as Partial<Stored> | undefined;
      if (value?.entries instanceof Map && value.stats instanceof Map && value.memos instanceof Map)
        stored = value as Stored;
    } catch {
      /* absent, from another version, or damaged: start cold */
    }
    return new LoadCache(dir, stored);
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
   * The key of a content file when its stat shows it unchanged since the key
   * was made (size, modification and change times, inode), so that a warm
   * build need not read it; undefined when it must be read. A stat taken
   * within two seconds of the file's modification is not trusted (a file
   * written again in the same tick would look the same).
   */
  knownKey(file: string, stat: StatLike, context: string): string | undefined {
    const known = this.stats.get(file);
    if (!known?.trusted || known.context !== context) return undefined;
    return sameStat(known, stat) ? known.key : undefined;
  }

  noteKey(file: string, stat: StatLike, context: string, key: string): void {
    const trusted = Date.now() - Math.max(stat.mtimeMs, stat.ctimeMs) > 2000;
    const known = this.stats.get(file);
    if (known && known.key === key && known.trusted === trusted && sameStat(known, stat)) return;
    this.stats.set(file, {
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      ctimeMs: stat.ctimeMs,
      ino: stat.ino,
      key,
      context,
      trusted,
    });
    this.changed = true;
  }

  /**
   * A value kept by a key that names everything it depends on (a stage's own
   * work, such as the e-mail styles of a theme): made once, then read.
   */
  readonly memo = {
    get: (key: string): unknown => {
      if (!this.memos.has(key)) return undefined;
      this.usedMemos.add(key);
      return this.memos.get(key);
    },
    set: (key: string, value: unknown): void => {
      this.memos.set(key, value);
      this.usedMemos.add(key);
      this.changed = true;
    },
  };

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
    for (const key of this.memos.keys()) {
      if (!this.usedMemos.has(key)) {
        this.memos.delete(key);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      removeDeadTemps(this.dir);
      const temp = join(this.dir, `${FILE}.${process.pid}.tmp`);
      const stored: Stored = { entries: this.entries, stats: this.stats, memos: this.memos };
      writeFileSync(temp, serialize(stored));
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
    this.usedMemos.clear();
  }
}

const FILE = 'load.v8';

interface Stored {
  entries: Map<string, Loaded<unknown>>;
  stats: Map<string, FileStat>;
  memos: Map<string, unknown>;
}

export interface StatLike {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

interface FileStat extends StatLike {
  key: string;
  context: string;
  trusted: boolean;
}

function sameStat(a: StatLike, b: StatLike): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

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
