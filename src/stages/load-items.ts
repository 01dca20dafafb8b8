import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Section } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { LoadedItem } from '../model.js';
import { loadItem } from './load.js';

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
  const here = (files: string[]) =>
    files.map((file) => loadItem(file, readFileSync(join(job.root, file)), ctx));
  if (job.files.length < PARALLEL_FROM || !existsSync(WORKER)) return here(job.files);
  const half = Math.ceil(job.files.length / 2);
  const worker = new Worker(WORKER, { workerData: { ...job, files: job.files.slice(half) } });
  const theirs = new Promise<Loaded[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const mine = here(job.files.slice(0, half));
  const rest = await theirs;
  await worker.terminate();
  return [...mine, ...rest];
}
