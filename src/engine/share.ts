import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics.js';
import type { EngineOptions, PlannedPage } from './engine.js';

/** What the second thread made: files written into the stage, template errors, pages to make again. */
export interface RenderedShare {
  files: { path: string; fingerprint: string; size: number }[];
  problems: Diagnostic[];
  /** Pages it planned otherwise (its inputs differed): this thread makes them. */
  redo: string[];
  /** A file it could not write (a full disk): the build fails with it. */
  failure?: { code?: string; message: string; path: string };
}

const WORKER = fileURLToPath(new URL('./render-worker.js', import.meta.url));

/**
 * Makes `pages` on a second thread, which writes them into `stage`. The
 * thread reads the site as this one did (from the persistent cache, just
 * saved) and plans it again; a page whose fingerprint it finds different is
 * handed back rather than written, so both threads' files are of one site.
 * Without the compiled worker (TypeScript sources, as in tests) every page
 * is handed back.
 */
export function renderShare(
  options: EngineOptions,
  pages: readonly PlannedPage[],
  stage: string,
): Promise<RenderedShare> {
  const wanted = pages.map((p) => [p.path, p.fingerprint] as const);
  if (!existsSync(WORKER))
    return Promise.resolve({ files: [], problems: [], redo: wanted.map(([path]) => path) });
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      workerData: { options, wanted, stage },
      resourceLimits: { maxYoungGenerationSizeMb: 48 },
    });
    worker.once('message', (share: RenderedShare) => {
      void worker.terminate();
      resolve(share);
    });
    worker.once('error', reject);
  });
}
