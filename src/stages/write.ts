import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OutputFile } from './render.js';

/** Where a build's files go: a folder on disk, or memory (dev server, tests). */
export interface Writer {
  write(files: readonly OutputFile[]): void;
}

/**
 * Writes the whole site into a fresh folder beside the output, then swaps it
 * in: the old output stays untouched until the new one is complete, and no
 * stale file survives.
 */
export class DiskWriter implements Writer {
  constructor(private readonly out: string) {}

  write(files: readonly OutputFile[]): void {
    const fresh = `${this.out}.gazette-new-${process.pid}`;
    const old = `${this.out}.gazette-old-${process.pid}`;
    rmSync(fresh, { recursive: true, force: true });
    const dirs = new Set<string>();
    for (const file of files) dirs.add(dirname(join(fresh, file.path)));
    for (const dir of [...dirs].sort()) mkdirSync(dir, { recursive: true });
    for (const file of files) writeFileSync(join(fresh, file.path), file.content);
    const hadOutput = existsSync(this.out);
    if (hadOutput) renameSync(this.out, old);
    renameSync(fresh, this.out);
    if (hadOutput) rmSync(old, { recursive: true, force: true });
  }
}

/** Keeps the built site in a map from path to content. */
export class MemoryWriter implements Writer {
  readonly files = new Map<string, string | Uint8Array>();

  write(files: readonly OutputFile[]): void {
    this.files.clear();
    for (const file of files) this.files.set(file.path, file.content);
  }
}
