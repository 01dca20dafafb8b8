// The worker thread of executor.mjs: loads gazette from lib/, builds the
// golden output once, then runs each case it is sent and answers with its
// failures and times.
import { parentPort, workerData } from 'node:worker_threads';
import { prepareEnv, runCase } from './case.mjs';
import { loadTargets } from './executor.mjs';

const { lib, base, dir, options } = workerData;
try {
  const targets = await loadTargets(lib);
  const env = await prepareEnv(targets, base, dir);
  parentPort.on('message', async (kase) => {
    try {
      parentPort.postMessage(await runCase(targets, env, kase, options));
    } catch (error) {
      // A bug of the harness, not of gazette: say so plainly.
      parentPort.postMessage({ harness: String(error?.stack ?? error), failures: [], times: {} });
    }
  });
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ error: String(error?.stack ?? error) });
}
