import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Section } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { LoadedItem } from '../model.js';
import { loadItemFile } from './load.js';

export interface LoadJob {
  root: string;
  files: string[];
  sections: readonly Section[];
  authorities: string[];
}

type Loaded = { item?: LoadedItem; diagnostics: Diagnostic[] };

/** Below this many items a second thread costs more than it saves. */
const PARALLEL_FROM = 1000;
const WORKER = fileURLToPath(new URL('./load-worker.js', import.meta.url));

/**
 * Loads every item file, in file order. Large sites are split in two: a worker
 * thread loads the second half while this thread loads the first. (The worker
 * needs the compiled CLI; from TypeScript sources everything runs here.)
 */
export async function loadItems(job: LoadJob): Promise<Loaded[]> {
  const ctx = { sections: job.sections, authorities: new Set(job.authorities) };
  const load = (file: string) => loadItemFile(job.root, file, ctx);
  if (job.files.length < PARALLEL_FROM || !existsSync(WORKER)) return job.files.map(load);
  const half = Math.ceil(job.files.length / 2);
  const worker = new Worker(WORKER, {
    workerData: { ...job, files: job.files.slice(half) },
    resourceLimits: { maxYoungGenerationSizeMb: 48 },
  });
  // A cloned item carries a copy of its section: give it back the one the site uses.
  const sections = new Map(job.sections.map((s) => [s.id, s]));
  const rest: Loaded[] = [];
  const theirs = new Promise<void>((resolve, reject) => {
    worker.on('message', (chunk: Loaded[] | 'end') => {
      if (chunk === 'end') return resolve();
      for (const result of chunk) {
        if (result.item) result.item.section = sections.get(result.item.category)!;
        rest.push(result);
      }
    });
    worker.once('error', reject);
  });
  const mine: Loaded[] = [];
  for (const [i, file] of job.files.slice(0, half).entries()) {
    mine.push(load(file));
    // Let the worker's chunks in as they come, rather than queueing them all.
    if (i % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
  }
  await theirs;
  await worker.terminate();
  return [...mine, ...rest];
}
