import { resolve } from 'node:path';
import { EXIT, type Io } from '../cli.js';
import { formatSummary, formatText } from '../diagnostics.js';
import { DevServer } from '../dev/server.js';
import { DevSession, type Update } from '../dev/session.js';
import { watchSite } from '../dev/watch.js';
import { missingRoot } from '../pipeline.js';
import { report as reportDiagnostics } from './report.js';

/** A running `gazette dev`: the session, its server and its watcher. */
export interface DevHandle {
  port: number;
  session: DevSession;
  server: DevServer;
  /** Resolves after each batch of changes has been handled (tests wait on it). */
  onUpdate: (listener: (update: Update) => void) => void;
  close: () => Promise<void>;
}

export async function startDev(
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<DevHandle | number> {
  const root = resolve(String(values.root ?? '.'));
  const host = String(values.host ?? '127.0.0.1');
  const port = Number(values.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`gazette dev: --port must be a port number, not "${String(values.port)}"`);
    return EXIT.usage;
  }
  const missing = missingRoot(root);
  if (missing) {
    reportDiagnostics(io, [missing]);
    return EXIT.usage;
  }
  const session = new DevSession({ root, drafts: values.drafts === true });
  const first = await session.start();
  const config = session.configuration;
  const server = new DevServer({
    files: session,
    basePath: config?.baseUrl.path ?? '/',
    host,
    port,
    diagnostics: () => session.diagnostics,
  });
  const listeners: ((update: Update) => void)[] = [];
  const report = (update: Update, first: boolean) => {
    if (update.diagnostics.length > 0) {
      io.err(update.diagnostics.map(formatText).join('\n'));
      io.err(`${formatSummary(update.diagnostics)}; serving the last good site`);
    } else if (!first) {
      io.out(
        `gazette dev: ${update.changed.length} changed, ${update.removed.length} removed, ${update.deferred.length} to make on request (${update.rendered} rendered) in ${update.ms.toFixed(1)} ms`,
      );
    }
  };
  report(first, true);
  const actualPort = await server.listen();
  const watcher = watchSite(root, async (paths) => {
    const update = await session.update(paths);
    server.errors(update.diagnostics);
    const touched = [...update.changed, ...update.deferred, ...update.removed];
    if (touched.length > 0) server.reload(touched);
    report(update, false);
    for (const listener of listeners) listener(update);
  });
  await watcher.ready;
  const shown = host.includes(':') ? `[${host}]` : host;
  io.out(
    `gazette dev: serving ${root} at http://${shown}:${actualPort}${config?.baseUrl.path ?? '/'} (${first.ms.toFixed(0)} ms); watching for changes`,
  );
  return {
    port: actualPort,
    session,
    server,
    onUpdate: (listener) => listeners.push(listener),
    close: async () => {
      await watcher.close();
      await server.close();
    },
  };
}

export async function runDev(
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<number> {
  const handle = await startDev(values, io);
  if (typeof handle === 'number') return handle;
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await handle.close();
  return EXIT.ok;
}
