import { watch, type FSWatcher } from 'chokidar';
import { relative, sep } from 'node:path';

/** What `dev` watches, relative to the site root. */
/** After a path's last event, how long until it is looked at again (chokidar's throttle is 50 ms). */
const RECHECK = 75;

export const WATCHED = ['content', 'data', 'templates', 'public', 'gazette.config.yaml'];

/**
 * Watches the site and hands over changed paths in batches: events that come
 * within `quiet` ms of each other (an editor's atomic save, a burst of saves,
 * a folder renamed) become one batch, and batches never overlap.
 */
export function watchSite(
  root: string,
  onBatch: (paths: string[]) => Promise<void>,
  quiet = 8,
): { ready: Promise<void>; close: () => Promise<void> } {
  // One watched path (the root, filtered): with several, chokidar reports
  // "ready" before all of them are being watched.
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    ignored: (path) => {
      const rel = relative(root, path);
      if (rel === '') return false;
      if (!WATCHED.includes(rel.split(sep)[0]!)) return true;
      return /(^|[/\\])(\.[^/\\]|node_modules)|~$|\.sw[px]$/.test(rel);
    },
  });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = undefined;
    const batch = [...pending];
    pending = new Set();
    running = running
      .then(() => onBatch(batch))
      .catch((error: unknown) => {
        process.stderr.write(`gazette dev: ${(error as Error).stack ?? String(error)}\n`);
      });
  };
  // chokidar drops a file's second "change" within 50 ms of its first, so each
  // path is also looked at again once its events have stopped; the session's
  // digest check makes that free when nothing changed.
  const rechecks = new Map<string, NodeJS.Timeout>();
  const submit = (path: string) => {
    pending.add(path);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, quiet);
  };
  watcher.on('all', (_event, path) => {
    const rel = relative(root, path).split(sep).join('/');
    submit(rel);
    clearTimeout(rechecks.get(rel));
    rechecks.set(
      rel,
      setTimeout(() => {
        rechecks.delete(rel);
        submit(rel);
      }, RECHECK),
    );
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close: async () => {
      if (timer) clearTimeout(timer);
      for (const recheck of rechecks.values()) clearTimeout(recheck);
      await running;
      await watcher.close();
    },
  };
}
