import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { lockOutput, token, writeFailure, type Lock } from './lock.js';
import {
  intactFiles,
  isOutputPath,
  manifestText,
  MANIFEST,
  readManifest,
  type Manifest,
} from './manifest.js';
import { entries } from './place.js';
import { OutputError, type CommitSummary, type Writer } from './writer.js';

/**
 * The disk writer. New and changed files are written into a stage beside the
 * output (`dist.gazette-new-<pid>-<token>`) on a worker thread while the
 * engine renders; unchanged files are left where they are. `commit` first
 * marks the stage committed (`.gazette-commit.json`: what to remove, what to
 * move in), then applies it: every step can be repeated, so a build killed at
 * any moment is finished by the next one (`recover`), and a build killed
 * before its commit leaves only a stage, which the next one deletes.
 *
 * An output without a manifest (a new folder, or one the user allowed gazette
 * to empty) is replaced whole: the stage holds the complete site and is
 * renamed into place.
 */
export interface DiskOptions {
  /** Replace a non-empty folder that gazette did not write (`--empty-out-dir`). */
  emptyOutDir?: boolean;
  /** Write every file again, trusting nothing the output holds (`--no-cache`). */
  rewrite?: boolean;
  /**
   * Called after each step of a commit: tests throw from it to stop a commit
   * where a crash could, then check that `recover` finishes it.
   */
  onStep?: (step: string) => void;
}

const COMMIT = '.gazette-commit.json';
const BATCH = 64;
/** Batches handed to the worker and not yet written: beyond this, rendering waits. */
const IN_FLIGHT = 8;

interface Commit {
  /** replace: the stage becomes the output; apply: its files move into the output. */
  mode: 'replace' | 'apply';
  removed: string[];
  moved: string[];
}

/**
 * The worker's side: writes batches of files into the stage and answers each
 * with the files' sizes, or with the first error (a full disk). A script
 * rather than a module file, so that it runs the same from the compiled CLI
 * and from tests.
 */
const WORKER = `
const { closeSync, mkdirSync, openSync, writeSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
const made = new Set();
let failed = false;
parentPort.on('message', (batch) => {
  if (batch === null) return parentPort.postMessage({ done: true });
  if (failed) return parentPort.postMessage({ sizes: [] });
  const sizes = [];
  for (const file of batch) {
    const path = join(workerData.dir, file.path);
    try {
      const dir = dirname(path);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      const fd = openSync(path, 'w');
      try {
        const size = typeof file.content === 'string'
          ? writeSync(fd, file.content)
          : writeSync(fd, file.content, 0, file.content.byteLength);
        sizes.push(size);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      failed = true;
      return parentPort.postMessage({ error: { code: error.code, message: error.message, path: file.path } });
    }
  }
  parentPort.postMessage({ sizes });
});
`;

type WorkerMessage =
  | { done: true }
  | { sizes: number[] }
  | { error: { code?: string; message: string; path: string } };

export class DiskWriter implements Writer {
  readonly previous: ReadonlyMap<string, string>;
  private readonly stageDir: string;
  private readonly next: Manifest = new Map();
  private readonly kept = new Set<string>();
  private worker: Worker | undefined;
  private batch: { path: string; content: string | Uint8Array; fingerprint: string }[] = [];
  private readonly sent: { path: string; fingerprint: string }[][] = [];
  private inFlight = 0;
  private drained: (() => void) | undefined;
  private finished: (() => void) | undefined;
  private failure: OutputError | undefined;
  private closed = false;

  private constructor(
    readonly out: string,
    private readonly lock: Lock,
    private readonly manifest: Manifest | undefined,
    rewrite: boolean,
    private readonly onStep: (step: string) => void,
  ) {
    this.stageDir = `${out}.gazette-new-${process.pid}-${lock.token}`;
    this.previous = manifest && !rewrite ? intactFiles(out, manifest) : new Map();
  }

  /**
   * Takes the output folder for one build: locks it, finishes or clears what
   * a killed build left, and reads what it holds. Throws an OutputError when
   * the folder holds files gazette did not write (unless `emptyOutDir`) or
   * cannot be written.
   */
  static open(out: string, options: DiskOptions = {}): DiskWriter {
    try {
      mkdirSync(dirname(out), { recursive: true });
    } catch (error) {
      throw writeFailure(dirname(out), error, 'create the folder for the output');
    }
    const lock = lockOutput(out);
    try {
      recover(out);
      const manifest = readManifest(out);
      const names = entries(out);
      if (!manifest && names.length > 0 && !options.emptyOutDir) {
        const shown = names.sort().slice(0, 3).join(', ');
        throw new OutputError(
          `${out} holds files gazette did not write (${names.length} ${names.length === 1 ? 'entry' : 'entries'}: ${shown}${names.length > 3 ? ', …' : ''}); gazette will not replace it`,
          'choose an empty or new folder with --out, or pass --empty-out-dir to replace everything in it',
        );
      }
      return new DiskWriter(out, lock, manifest, options.rewrite === true, options.onStep ?? noop);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  write(
    path: string,
    content: string | Uint8Array,
    fingerprint: string,
  ): Promise<void> | undefined {
    if (this.closed) throw new Error(`write after commit or abort: ${path}`);
    if (!isOutputPath(path)) throw new Error(`not an output path: ${path}`);
    if (this.failure) return undefined;
    this.batch.push({ path, content, fingerprint });
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

  stage(): string | undefined {
    if (this.failure) return undefined;
    try {
      mkdirSync(this.stageDir, { recursive: true });
      return this.stageDir;
    } catch (error) {
      this.failure = writeFailure(dirname(this.out), error, 'create a folder');
      return undefined;
    }
  }

  adopt(path: string, fingerprint: string, size: number): void {
    if (!isOutputPath(path)) throw new Error(`not an output path: ${path}`);
    this.next.set(path, { fingerprint, size });
  }

  keep(path: string): void {
    const entry = this.manifest?.get(path);
    if (!entry || this.previous.get(path) !== entry.fingerprint)
      throw new Error(`keep of a file the output does not hold intact: ${path}`);
    this.kept.add(path);
    this.next.set(path, entry);
  }

  private startWorker(): Worker {
    try {
      mkdirSync(this.stageDir, { recursive: true });
    } catch (error) {
      this.failure = writeFailure(dirname(this.out), error, 'create a folder');
    }
    const worker = new Worker(WORKER, {
      eval: true,
      // Not the parent's flags: `--input-type=module` would make this script a module.
      execArgv: [],
      workerData: { dir: this.stageDir },
    });
    worker.on('message', (message: WorkerMessage) => {
      if ('done' in message) return this.finished?.();
      const files = this.sent.shift() ?? [];
      if ('error' in message) {
        this.failure ??= writeFailure(
          this.out,
          Object.assign(new Error(message.error.message), { code: message.error.code }),
          `write ${message.error.path}`,
        );
      } else {
        message.sizes.forEach((size, i) => {
          const file = files[i]!;
          this.next.set(file.path, { fingerprint: file.fingerprint, size });
        });
      }
      this.inFlight--;
      if (this.inFlight < IN_FLIGHT / 2 || this.failure) this.drained?.();
    });
    worker.once('error', (error) => {
      this.failure ??= writeFailure(this.out, error, 'write the site');
      this.drained?.();
      this.finished?.();
    });
    return worker;
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.worker ??= this.startWorker();
    this.sent.push(this.batch.map(({ path, fingerprint }) => ({ path, fingerprint })));
    this.worker.postMessage(this.batch.map(({ path, content }) => ({ path, content })));
    this.inFlight++;
    this.batch = [];
  }

  /** Waits until the worker has written every batch, then stops it. */
  private async drain(): Promise<void> {
    this.flush();
    if (!this.worker) return;
    const worker = this.worker;
    await new Promise<void>((resolve) => {
      this.finished = resolve;
      worker.postMessage(null);
    });
    await worker.terminate();
  }

  async commit(): Promise<CommitSummary> {
    this.closed = true;
    try {
      await this.drain();
      if (this.failure) throw this.failure;
      const removed = [...(this.manifest?.keys() ?? [])].filter((p) => !this.next.has(p));
      const moved = [...this.next.keys()].filter((p) => !this.kept.has(p));
      const mode = this.manifest ? 'apply' : 'replace';
      const summary = { written: moved.length, kept: this.kept.size, removed: removed.length };
      if (mode === 'apply' && moved.length === 0 && removed.length === 0) {
        this.cleanStage();
        return summary; // nothing changed: the output stays byte for byte as it was
      }
      try {
        mkdirSync(this.stageDir, { recursive: true });
        writeFileSync(join(this.stageDir, MANIFEST), manifestText(this.next));
        const marker: Commit = { mode, removed, moved };
        writeFileSync(join(this.stageDir, `${COMMIT}.tmp`), JSON.stringify(marker));
        this.onStep('manifest');
        renameSync(join(this.stageDir, `${COMMIT}.tmp`), join(this.stageDir, COMMIT));
      } catch (error) {
        throw writeFailure(this.out, error, 'finish the new site');
      }
      this.onStep('committed');
      try {
        applyStage(this.out, this.stageDir, this.onStep);
      } catch (error) {
        throw writeFailure(
          this.out,
          error,
          'move the new site into place (the next build finishes it)',
        );
      }
      return summary;
    } catch (error) {
      if (!existsSync(join(this.stageDir, COMMIT))) this.cleanStage();
      throw error;
    } finally {
      this.lock.release();
    }
  }

  async abort(): Promise<void> {
    this.closed = true;
    try {
      await this.worker?.terminate();
      // A committed stage is the new site, half moved in: the next build finishes it.
      if (!existsSync(join(this.stageDir, COMMIT))) this.cleanStage();
    } finally {
      this.lock.release();
    }
  }

  private cleanStage(): void {
    rmSync(this.stageDir, { recursive: true, force: true });
  }
}

function noop(): void {}

/** Temporary folders beside the output: stages of new sites and old sites moved aside. */
const TEMPORARY = /\.gazette-(new|old)-\d+-[0-9a-f]+$/;

/**
 * Finishes what a killed build left beside `out` (called under the lock, so
 * every temporary folder found belongs to a build that is gone): a committed
 * stage is applied, an uncommitted one deleted; an old site moved aside comes
 * back when the output is missing, and is deleted otherwise.
 */
export function recover(out: string): void {
  const base = basename(out);
  const parent = dirname(out);
  const leftovers = entries(parent)
    .filter((name) => name.startsWith(`${base}.gazette-`) && TEMPORARY.test(name))
    .sort()
    .map((name) => join(parent, name));
  for (const stage of leftovers.filter((p) => p.includes('.gazette-new-'))) {
    if (existsSync(join(stage, COMMIT))) applyStage(out, stage, noop);
    else rmSync(stage, { recursive: true, force: true });
  }
  for (const old of leftovers.filter((p) => p.includes('.gazette-old-'))) {
    if (!existsSync(old)) continue;
    if (!existsSync(out)) renameSync(old, out);
    else rmSync(old, { recursive: true, force: true });
  }
  rmSync(join(out, COMMIT), { force: true });
}

/** Applies a committed stage to the output. Each step may run again after a crash. */
function applyStage(out: string, stage: string, onStep: (step: string) => void): void {
  const marker = JSON.parse(readFileSync(join(stage, COMMIT), 'utf8')) as Commit;
  if (marker.mode === 'replace') {
    const aside = `${out}.gazette-old-${process.pid}-${token()}`;
    if (existsSync(out)) renameSync(out, aside);
    onStep('aside');
    unlinkSync(join(stage, COMMIT));
    onStep('uncommitted');
    renameSync(stage, out);
    onStep('replaced');
    rmSync(aside, { recursive: true, force: true });
    return;
  }
  for (const path of marker.removed) {
    if (!isOutputPath(path)) continue;
    try {
      unlinkSync(join(out, path));
    } catch (error) {
      // Gone already, or a new file took its folder's name (a repeat after a crash).
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
  }
  // Before the moves: a folder that held a removed page may be a new file's name.
  for (const path of marker.removed) pruneEmpty(out, dirname(path));
  onStep('removed');
  const made = new Set<string>();
  for (const path of marker.moved) {
    if (!isOutputPath(path)) continue;
    const from = join(stage, path);
    if (!existsSync(from)) continue; // moved before the crash
    const to = join(out, path);
    const dir = dirname(to);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    renameSync(from, to);
    onStep('moved');
  }
  if (existsSync(join(stage, MANIFEST))) renameSync(join(stage, MANIFEST), join(out, MANIFEST));
  onStep('manifest-moved');
  rmSync(stage, { recursive: true, force: true });
}

/** Removes `dir` (relative to `out`) and its parents while they are empty. */
function pruneEmpty(out: string, dir: string): void {
  for (let d = dir; d !== '.' && d !== ''; d = dirname(d)) {
    try {
      rmdirSync(join(out, d));
    } catch {
      return; // not empty (or already gone)
    }
  }
}
