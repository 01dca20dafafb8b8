import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, noCache, type Io } from '../cli.js';
import { formatSummary, formatText } from '../diagnostics.js';
import { DevServer } from '../dev/server.js';
import { DevSession, type Update } from '../dev/session.js';
import { watchSite } from '../dev/watch.js';
import { engineOptions } from '../api.js';
import { missingRoot } from '../engine/engine.js';
import { report as reportDiagnostics } from './report.js';

/** How long edits must pause before dev makes the pages nobody has looked at. */
const SETTLE_AFTER_MS = 1000;

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
  if (!existsSync(root)) {
    reportDiagnostics(io, [missingRoot(root)]);
    return EXIT.usage;
  }
  const session = new DevSession(
    engineOptions({
      root,
      drafts: values.drafts === true,
      future: values.future === true,
      cacheDir: noCache(values) ? false : (values['cache-dir'] as string | undefined),
    }),
  );
  const listeners: ((update: Update) => void)[] = [];
  let server: DevServer | undefined;
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
  /**
   * Once edits pause, the pages of a site's own templates left for later are
   * made and their errors told, as check would. Never in an edit's way: it
   * waits for a pause, and the next update stops it (what is left stays lazy).
   */
  let settling: NodeJS.Timeout | undefined;
  const settleSoon = (before: number) => {
    clearTimeout(settling);
    // The built-in theme is gazette's own, tried by its tests: nothing to find.
    if (!session.engine.ownTheme) return;
    settling = setTimeout(async () => {
      const all = await session.settle();
      if (all.length > before) {
        server?.errors(all);
        report({ ...emptyUpdate(), diagnostics: all }, false);
      }
    }, SETTLE_AFTER_MS);
    settling.unref();
  };
  // Changes are watched before the site is first read, and every file is
  // looked at again once the watcher is ready: an edit saved while dev
  // starts is never lost.
  let first: Update | undefined;
  const watcher = watchSite(root, async (paths) => {
    if (!first) return; // the full pass below covers it
    const update = await session.update(paths);
    server?.errors(update.diagnostics);
    const touched = [...update.changed, ...update.deferred, ...update.removed];
    if (touched.length > 0) server?.reload(touched);
    report(update, false);
    for (const listener of listeners) listener(update);
    settleSoon(update.diagnostics.length);
  });
  const started = await session.start();
  await watcher.ready;
  first = await session.update(undefined);
  first.ms += started.ms;
  report(first, true);
  const config = session.engine.configuration;
  server = new DevServer({
    files: session,
    basePath: config?.baseUrl.path ?? '/',
    host,
    port,
    diagnostics: () => session.diagnostics,
  });
  const actualPort = await server.listen();
  const shown = host.includes(':') ? `[${host}]` : host;
  io.out(
    `gazette dev: serving ${root} at http://${shown}:${actualPort}${config?.baseUrl.path ?? '/'} (${first.ms.toFixed(0)} ms); watching for changes`,
  );
  settleSoon(first.diagnostics.length);
  const devServer = server;
  return {
    port: actualPort,
    session,
    server: devServer,
    onUpdate: (listener) => listeners.push(listener),
    close: async () => {
      clearTimeout(settling);
      await watcher.close();
      await devServer.close();
      session.close();
    },
  };
}

function emptyUpdate(): Update {
  return { changed: [], removed: [], deferred: [], diagnostics: [], rendered: 0, ms: 0 };
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
