import { parentPort, workerData } from 'node:worker_threads';
import { contextKey, loadItemSource, readContentFile, type LoadContext } from './loader.js';

/** Loads its share of the items on a second core (see loader.ts). */
const job = workerData as { root: string; files: string[] } & LoadContext;
const context = contextKey(job);
/** Results go back in small chunks, so that neither thread holds two copies of them all. */
const CHUNK = 250;
for (let start = 0; start < job.files.length; start += CHUNK) {
  parentPort!.postMessage(
    job.files.slice(start, start + CHUNK).map((file) => {
      const source = readContentFile(job.root, file, context);
      return { key: source.key, result: loadItemSource(source, job) };
    }),
  );
}
parentPort!.postMessage('end');
