import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { RenderedBody } from '../markdown/index.js';
import { token } from '../output/lock.js';

/** Where a rendered body lies: a pack file of the store, and its bytes in it. */
export interface BodyRef {
  pack: string;
  offset: number;
  length: number;
}

/**
 * The rendered bodies of items, kept on disk between their uses so that a
 * large site's memory holds the model, not every item's HTML: each process
 * appends what it renders to a pack file of its own, and reads bodies back
 * by offset, the most recent ones from memory. The packs live in the cache
 * folder (so a warm build reads a body only when a page shows it).
 */
export class BodyStore {
  private readonly recent = new Map<string, RenderedBody>();
  private readonly fds = new Map<string, number>();
  private pack: { name: string; fd: number; size: number } | undefined;

  constructor(
    /** The folder of the packs. */
    readonly dir: string,
    private readonly keepRecent = 2000,
  ) {}

  put(body: RenderedBody): BodyRef {
    const bytes = Buffer.from(JSON.stringify(body));
    if (!this.pack) {
      mkdirSync(this.dir, { recursive: true });
      const name = `bodies-${process.pid}-${token()}.pack`;
      this.pack = { name, fd: openSync(join(this.dir, name), 'a+'), size: 0 };
      this.fds.set(name, this.pack.fd);
    }
    const ref = { pack: this.pack.name, offset: this.pack.size, length: bytes.length };
    writeSync(this.pack.fd, bytes, 0, bytes.length, this.pack.size);
    this.pack.size += bytes.length;
    return ref;
  }

  get(ref: BodyRef): RenderedBody {
    const key = refKey(ref);
    const known = this.recent.get(key);
    if (known) {
      this.recent.delete(key); // most recently used last
      this.recent.set(key, known);
      return known;
    }
    let fd = this.fds.get(ref.pack);
    if (fd === undefined) {
      fd = openSync(join(this.dir, ref.pack), 'r');
      this.fds.set(ref.pack, fd);
    }
    const bytes = Buffer.allocUnsafe(ref.length);
    const read = readSync(fd, bytes, 0, ref.length, ref.offset);
    if (read !== ref.length) throw new Error(`body store: short read in ${ref.pack}`);
    const body = JSON.parse(bytes.toString('utf8')) as RenderedBody;
    this.recent.set(key, body);
    if (this.recent.size > this.keepRecent) this.recent.delete(this.recent.keys().next().value!);
    return body;
  }

  /** Deletes the packs no saved reference points into any more. */
  collect(live: Iterable<BodyRef>): void {
    const used = new Set<string>();
    for (const ref of live) used.add(ref.pack);
    if (this.pack) used.add(this.pack.name);
    let names: string[] = [];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.endsWith('.pack') || used.has(name) || ownerAlive(name)) continue;
      const fd = this.fds.get(name);
      if (fd !== undefined) closeSync(fd);
      this.fds.delete(name);
      rmSync(join(this.dir, name), { force: true });
    }
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
    this.pack = undefined;
  }
}

/** Whether the process that writes a pack (named after it) still runs: its pack is not ours to delete. */
function ownerAlive(name: string): boolean {
  const pid = Number(/^bodies-(\d+)-/.exec(name)?.[1]);
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The packs' sizes: a saved reference beyond its pack's end (a pack cut short) is not used. */
export function packSizes(dir: string): Map<string, number> {
  const sizes = new Map<string, number>();
  try {
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.pack')) sizes.set(name, statSync(join(dir, name)).size);
    }
  } catch {
    /* no packs yet */
  }
  return sizes;
}

function refKey(ref: BodyRef): string {
  return `${ref.pack}:${ref.offset}`;
}
