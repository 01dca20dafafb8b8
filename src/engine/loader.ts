import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Section } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { LoadedBulletin, LoadedItem } from '../model.js';
import { loadBulletin, loadItem } from '../stages/load.js';
import { readSource } from '../stages/source.js';
import { codeDigest, digest } from './digest.js';

/** A file's result: its value when valid, and its problems. */
export interface Loaded<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

/** What loading an item depends on besides its own bytes. */
export interface LoadContext {
  sections: readonly Section[];
  authorities: readonly string[];
}

/** The part of every item's cache key that the context makes. */
export function contextKey(ctx: LoadContext): string {
  return digest(codeDigest(), JSON.stringify(ctx.sections), ctx.authorities.join('\n'));
}

/** The cache key of a file: its path, its bytes and what loading it reads. */
export function fileKey(file: string, bytes: Uint8Array, context: string): string {
  return digest(context, file, bytes);
}

export interface SourceFile {
  file: string;
  /** Undefined when the file cannot be read (the diagnostics say why). */
  bytes?: Buffer;
  key: string;
  diagnostics: Diagnostic[];
}

/** Reads a content file and computes its key. */
export function readContentFile(root: string, file: string, context: string): SourceFile {
  const read = readSource(root, file);
  return {
    file,
    bytes: read.bytes,
    key: read.bytes ? fileKey(file, read.bytes, context) : `unreadable ${file}`,
    diagnostics: read.diagnostics,
  };
}

export function loadItemSource(source: SourceFile, ctx: LoadContext): Loaded<LoadedItem> {
  if (!source.bytes) return { diagnostics: source.diagnostics };
  const result = loadItem(source.file, source.bytes, ctxWithSet(ctx), source.key);
  return { value: result.item, diagnostics: result.diagnostics };
}

export function loadBulletinSource(source: SourceFile): Loaded<LoadedBulletin> {
  if (!source.bytes) return { diagnostics: source.diagnostics };
  const result = loadBulletin(source.file, source.bytes, source.key);
  return { value: result.bulletin, diagnostics: result.diagnostics };
}

const sets = new WeakMap<LoadContext, { sections: readonly Section[]; authorities: Set<string> }>();
function ctxWithSet(ctx: LoadContext) {
  let found = sets.get(ctx);
  if (!found) {
    found = { sections: ctx.sections, authorities: new Set(ctx.authorities) };
    sets.set(ctx, found);
  }
  return found;
}

/** Below this many files a second thread costs more than it saves. */
const PARALLEL_FROM = 600;
const WORKER = fileURLToPath(new URL('./load-worker.js', import.meta.url));

/**
 * Loads item files, in the order given. Many files are split in two: a
 * worker thread reads and loads the second half while this thread loads the
 * first. (The worker needs the compiled CLI; from TypeScript sources, as in
 * tests, everything runs here.)
 */
export async function loadItems(
  root: string,
  sources: readonly SourceFile[],
  ctx: LoadContext,
  /** Called with each result as it comes, so that no thread holds every rendered body at once. */
  done: (source: SourceFile, result: Loaded<LoadedItem>) => void,
): Promise<void> {
  if (sources.length < PARALLEL_FROM || !existsSync(WORKER)) {
    for (const source of sources) done(source, loadItemSource(source, ctx));
    return;
  }
  const half = Math.ceil(sources.length / 2);
  const theirs = sources.slice(half);
  const worker = new Worker(WORKER, {
    workerData: {
      root,
      files: theirs.map((s) => s.file),
      sections: ctx.sections,
      authorities: ctx.authorities,
    },
    resourceLimits: { maxYoungGenerationSizeMb: 48 },
  });
  // A cloned item carries a copy of its section: give it back the one the site uses.
  const sections = new Map(ctx.sections.map((s) => [s.id, s]));
  let next = 0;
  const finished = new Promise<void>((resolve, reject) => {
    worker.on('message', (chunk: { key: string; result: Loaded<LoadedItem> }[] | 'end') => {
      if (chunk === 'end') return resolve();
      for (const { key, result } of chunk) {
        const source = theirs[next++]!;
        // Changed since this thread read it: load the bytes this thread has, which its key names.
        if (key !== source.key) done(source, loadItemSource(source, ctx));
        else {
          if (result.value) result.value.section = sections.get(result.value.category)!;
          done(source, result);
        }
      }
    });
    worker.once('error', reject);
  });
  for (const [i, source] of sources.slice(0, half).entries()) {
    done(source, loadItemSource(source, ctx));
    // Let the worker's chunks in as they come, rather than queueing them all.
    if (i % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
  }
  await finished;
  await worker.terminate();
}
