import { existsSync, renameSync, rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { OutputFile } from './render.js';

/**
 * Where a build's files go. Files arrive one by one as they are rendered;
 * `commit` publishes them all at once, `abort` throws them all away.
 */
export interface Writer {
  /** Takes a file; returns a promise when the caller should wait before the next. */
  add(file: OutputFile): Promise<void> | undefined;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

const BATCH = 64;
/** Batches handed to the worker and not yet written: beyond this, rendering waits. */
const IN_FLIGHT = 8;

/**
 * The disk side of DiskWriter, run on a worker thread: writes batches of
 * files, and answers when told the last has come. (A script rather than a
 * module file so that it runs the same from the compiled CLI and from tests.)
 */
const WORKER = `
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
const made = new Set();
parentPort.on('message', (batch) => {
  if (batch === null) return parentPort.postMessage('done');
  for (const file of batch) {
    const path = join(workerData.dir, file.path);
    const dir = dirname(path);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path, file.content);
  }
  parentPort.postMessage('written');
});
`;

/**
 * Writes the site into a fresh folder beside the output, on a worker thread so
 * that rendering and disk writes overlap, then swaps it in: the old output
 * stays untouched until the new one is complete, and no stale file survives.
 */
export class DiskWriter implements Writer {
  private readonly fresh: string;
  private readonly worker: Worker;
  private batch: OutputFile[] = [];
  private readonly done: Promise<void>;
  private inFlight = 0;
  private drained: (() => void) | undefined;

  constructor(private readonly out: string) {
    this.fresh = `${out}.gazette-new-${process.pid}`;
    rmSync(this.fresh, { recursive: true, force: true });
    this.worker = new Worker(WORKER, {
      eval: true,
      // Not the parent's flags: `--input-type=module` would make this script a module.
      execArgv: [],
      workerData: { dir: this.fresh },
    });
    this.done = new Promise((resolve, reject) => {
      this.worker.on('message', (message: string) => {
        if (message === 'done') return resolve();
        this.inFlight--;
        if (this.inFlight < IN_FLIGHT / 2) this.drained?.();
      });
      this.worker.once('error', (error) => {
        this.drained?.(); // let rendering finish; commit reports the error
        reject(error);
      });
    });
    this.done.catch(() => {}); // awaited (and rethrown) by commit
  }

  add(file: OutputFile): Promise<void> | undefined {
    this.batch.push(file);
    if (this.batch.length < BATCH) return undefined;
    this.flush();
    if (this.inFlight < IN_FLIGHT) return undefined;
    // The disk is behind: hold rendering so that pages do not pile up in memory.
    return new Promise((resolve) => {
      this.drained = () => {
        this.drained = undefined;
        resolve();
      };
    });
  }

  private flush(): void {
    if (this.batch.length > 0) {
      this.worker.postMessage(this.batch);
      this.inFlight++;
    }
    this.batch = [];
  }

  async commit(): Promise<void> {
    this.flush();
    this.worker.postMessage(null);
    await this.done;
    await this.worker.terminate();
    const old = `${this.out}.gazette-old-${process.pid}`;
    const hadOutput = existsSync(this.out);
    if (hadOutput) renameSync(this.out, old);
    renameSync(this.fresh, this.out);
    if (hadOutput) rmSync(old, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    await this.worker.terminate();
    rmSync(this.fresh, { recursive: true, force: true });
  }
}

/** Keeps the built site in a map from path to content (dev server, tests). */
export class MemoryWriter implements Writer {
  readonly files = new Map<string, string | Uint8Array>();
  private pending = new Map<string, string | Uint8Array>();

  add(file: OutputFile): undefined {
    this.pending.set(file.path, file.content);
    return undefined;
  }

  async commit(): Promise<void> {
    this.files.clear();
    for (const [path, content] of this.pending) this.files.set(path, content);
    this.pending = new Map();
  }

  async abort(): Promise<void> {
    this.pending = new Map();
  }
}
