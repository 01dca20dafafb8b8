import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics.js';
import { Engine, makePages, type EngineOptions } from './engine.js';
import type { RenderedShare } from './share.js';

/** The second thread of a large build (see share.ts): reads the site, makes its pages, writes them. */
const job = workerData as {
  options: EngineOptions;
  wanted: [string, string][];
  stage: string;
};
const engine = new Engine(job.options);
await engine.refresh();
const prepared = engine.prepare();
const share: RenderedShare = { files: [], problems: [], redo: [] };
if ('usage' in prepared) {
  share.redo = job.wanted.map(([path]) => path);
} else {
  const byPath = new Map(prepared.pages.map((p) => [p.path, p]));
  const make = makePages(prepared.site, prepared.theme);
  const made = new Set<string>();
  for (const [path, fingerprint] of job.wanted) {
    const page = byPath.get(path);
    if (!page || page.fingerprint !== fingerprint) {
      share.redo.push(path);
      continue;
    }
    const content = make(page.plan);
    if (typeof content === 'object' && 'code' in content) {
      const problem = content as Diagnostic;
      if (!share.problems.some((d) => d.message === problem.message)) share.problems.push(problem);
      continue;
    }
    const file = join(job.stage, path);
    try {
      const dir = dirname(file);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(file, content);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      share.failure = { code: e.code, message: e.message, path };
      break;
    }
    share.files.push({ path, fingerprint, size: Buffer.byteLength(content) });
  }
}
parentPort!.postMessage(share);
