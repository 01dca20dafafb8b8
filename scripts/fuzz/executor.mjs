// Where cases run. In this thread (`inProcess`: fast to set up, what the
// harness's own test uses with fake targets), or on a worker thread that
// loads gazette's compiled lib/ (`onWorker`): a case that runs past
// `hardMs` is a hang, the worker is stopped and a new one started, so that
// the fuzzer itself never hangs.
import { closeSync, constants, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { prepareEnv, runCase } from './case.mjs';

export async function loadTargets(lib) {
  const url = (p) => new URL(p, `file://${lib.endsWith('/') ? lib : `${lib}/`}`).href;
  const [api, session, cli, codes] = await Promise.all([
    import(url('api.js')),
    import(url('dev/session.js')),
    import(url('cli.js')),
    import(url('codes.js')),
  ]);
  return {
    build: api.build,
    check: api.check,
    DevSession: session.DevSession,
    main: cli.main,
    isCode: codes.isCode,
  };
}

export function inProcess(targets, base, dir, options) {
  let env;
  return {
    async run(kase) {
      env ??= await prepareEnv(targets, base, dir);
      return runCase(targets, env, kase, options);
    },
    async close() {},
  };
}

export function onWorker(lib, base, dir, { hardMs = 60_000, ...options } = {}) {
  let worker;
  let ready;
  let current;
  let n = 0;
  const start = () => {
    // Each worker its own folder: one stopped in a hang may wake up and go on writing.
    current = join(dir, `w${n++}`);
    worker = new Worker(new URL('./worker.mjs', import.meta.url), {
      workerData: { lib, base, dir: current, options },
    });
    worker.unref();
    ready = new Promise((resolve, reject) => {
      worker.once('message', (m) => (m.ready ? resolve() : reject(new Error(m.error))));
      worker.once('error', reject);
    });
  };
  start();
  return {
    async run(kase) {
      await ready;
      const started = performance.now();
      const result = await new Promise((resolve) => {
        const timer = setTimeout(() => {
          cleanup();
          resolve({ hang: true });
        }, hardMs);
        const onMessage = (m) => {
          cleanup();
          resolve(m);
        };
        const onError = (error) => {
          cleanup();
          resolve({ crash: error });
        };
        const cleanup = () => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        };
        const onExit = (code) => {
          cleanup();
          resolve({ crash: new Error(`the worker exited with status ${code}`) });
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        worker.postMessage({ tree: kase.tree, options: kase.options });
      });
      if (result.hang || result.crash) {
        // A thread blocked in a read (of a named pipe, say) cannot be stopped until the read ends.
        wakePipes(current);
        await Promise.race([
          worker.terminate(),
          new Promise((resolve) => setTimeout(resolve, 5000).unref()),
        ]);
        start();
        const ms = performance.now() - started;
        const failure = result.hang
          ? { check: 'hang', message: `no answer after ${Math.round(ms)} ms`, key: 'hang' }
          : {
              check: 'crash',
              message: String(result.crash?.message ?? result.crash),
              detail: result.crash?.stack,
              key: 'crash',
            };
        return { failures: [failure], times: { total: ms } };
      }
      return result;
    },
    async close() {
      wakePipes(current);
      await Promise.race([
        worker.terminate(),
        new Promise((resolve) => setTimeout(resolve, 5000).unref()),
      ]);
    },
  };
}

/** Opens every named pipe under `dir` for writing and closes it: a reader waiting on one reads its end. */
function wakePipes(dir) {
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFIFO()) {
        try {
          closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
        } catch {
          /* no reader: nothing waits on it */
        }
      }
    }
  };
  walk(dir);
}
