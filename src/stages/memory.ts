import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Keeps a long render within a memory budget. Large pages (a bulletin of 40
 * items is a few hundred KB) are allocated straight into V8's large-object
 * space, which only a full collection frees; left to itself V8 let a
 * 100,000-item build grow to 1.35 GB of heap for 0.58 GB of live data. This
 * asks for a full collection whenever the heap has grown `slackMiB` past what
 * the last one left (and past `floorMiB`, so that small sites never pay for one).
 */
export function memoryGuard(slackMiB = 192, floorMiB = 640): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (typeof gc !== 'function') return () => {};
  const slack = slackMiB * 1024 * 1024;
  const floor = floorMiB * 1024 * 1024;
  const next = () => Math.max(floor, getHeapStatistics().used_heap_size + slack);
  let limit = next();
  let calls = 0;
  return () => {
    if (++calls % 32 !== 0) return;
    if (getHeapStatistics().used_heap_size < limit) return;
    gc();
    limit = next();
  };
}
