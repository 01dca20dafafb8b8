import { isOutputPath } from './manifest.js';
import type { CommitSummary, Writer } from './writer.js';

/**
 * Keeps a site in memory (`gazette dev`, tests): the same contract as the
 * disk writer, and `changed`/`removed` say what the last commit changed.
 */
export class MemoryWriter implements Writer {
  readonly files = new Map<string, string | Uint8Array>();
  private readonly fingerprints = new Map<string, string>();
  private pending = new Map<string, { content: string | Uint8Array; fingerprint: string }>();
  private kept = new Set<string>();
  /** Paths the last commit wrote or removed. */
  changed: string[] = [];
  removed: string[] = [];

  get previous(): ReadonlyMap<string, string> {
    return this.fingerprints;
  }

  write(path: string, content: string | Uint8Array, fingerprint: string): undefined {
    if (!isOutputPath(path)) throw new Error(`not an output path: ${path}`);
    this.pending.set(path, { content, fingerprint });
    return undefined;
  }

  keep(path: string): void {
    if (!this.fingerprints.has(path)) throw new Error(`keep of a file not held: ${path}`);
    this.kept.add(path);
  }

  async commit(): Promise<CommitSummary> {
    this.removed = [...this.files.keys()].filter((p) => !this.pending.has(p) && !this.kept.has(p));
    for (const path of this.removed) {
      this.files.delete(path);
      this.fingerprints.delete(path);
    }
    this.changed = [];
    for (const [path, { content, fingerprint }] of this.pending) {
      const before = this.files.get(path);
      if (before === undefined || !sameContent(before, content)) this.changed.push(path);
      this.files.set(path, content);
      this.fingerprints.set(path, fingerprint);
    }
    const summary = {
      written: this.pending.size,
      kept: this.kept.size,
      removed: this.removed.length,
    };
    this.pending = new Map();
    this.kept = new Set();
    return summary;
  }

  async abort(): Promise<void> {
    this.pending = new Map();
    this.kept = new Set();
  }
}

function sameContent(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}
