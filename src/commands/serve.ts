import { statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { EXIT, type Io } from '../cli.js';
import { loadConfig } from '../engine/inputs.js';
import { StaticServer } from '../serve/server.js';
import type { Values } from './index.js';
import { report } from './report.js';

/** A running `gazette serve`. */
export interface ServeHandle {
  port: number;
  /** Where the site is, e.g. `http://127.0.0.1:8080/digest/`. */
  url: string;
  close: () => Promise<void>;
}

export async function startServe(values: Values, io: Io): Promise<ServeHandle | number> {
  const root = resolve(String(values.root ?? '.'));
  const dir =
    typeof values.out === 'string' ? resolve(process.cwd(), values.out) : join(root, 'dist');
  const shown = relative(process.cwd(), dir) || '.';
  const host = String(values.host ?? '127.0.0.1');
  const port = Number(values.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`gazette serve: --port must be a port number, not "${String(values.port)}"`);
    return EXIT.usage;
  }
  const folder = statSync(dir, { throwIfNoEntry: false });
  if (!folder?.isDirectory()) {
    io.err(
      `gazette serve: ${shown} ${folder ? 'is not a folder' : 'does not exist'}\n` +
        '  hint: build the site first (gazette build), or name the built folder with --out',
    );
    return EXIT.usage;
  }
  const baseUrl = typeof values['base-url'] === 'string' ? values['base-url'] : undefined;
  const config = loadConfig({ root, baseUrl });
  if (config.diagnostics.length > 0) {
    report(io, config.diagnostics);
    return EXIT.usage;
  }
  const basePath = config.config.baseUrl.path;
  const server = new StaticServer({ dir, basePath, host, port });
  let actual: number;
  try {
    actual = await server.listen();
  } catch (error) {
    io.err(`gazette serve: cannot listen on ${host}: ${(error as Error).message}`);
    return EXIT.usage;
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}${basePath}`;
  io.out(`gazette serve: serving ${shown} at ${url} (Ctrl-C stops it)`);
  return { port: actual, url, close: () => server.close() };
}

export async function runServe(values: Values, io: Io): Promise<number> {
  const handle = await startServe(values, io);
  if (typeof handle === 'number') return handle;
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await handle.close();
  return EXIT.ok;
}
