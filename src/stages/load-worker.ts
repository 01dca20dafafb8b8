import { parentPort, workerData } from 'node:worker_threads';
import { loadItemFile } from './load.js';
import type { LoadJob } from './load-items.js';

/** Loads its share of the items on a second core (see load-items.ts). */
const job = workerData as LoadJob;
const ctx = { sections: job.sections, authorities: new Set(job.authorities) };
/** Results go back in small chunks, so that neither thread holds two copies of them all. */
const CHUNK = 250;
for (let start = 0; start < job.files.length; start += CHUNK) {
  const files = job.files.slice(start, start + CHUNK);
  parentPort!.postMessage(files.map((file) => loadItemFile(job.root, file, ctx)));
}
parentPort!.postMessage('end');
