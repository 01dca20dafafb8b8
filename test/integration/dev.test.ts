import { execFileSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDev, type DevHandle } from '../../src/commands/dev.js';
import { DevSession, type Update } from '../../src/dev/session.js';
import { build, check } from '../../src/api.js';
import { MemoryWriter } from '../../src/output/memory.js';
import { AUTHORITIES, BULLETIN, item, makeSite, removeSite, writeFiles } from '../helpers.js';

const quiet = { out: () => {}, err: () => {} };
let handle: DevHandle | undefined;
let root: string | undefined;

afterEach(async () => {
  await handle?.close();
  if (root) removeSite(root);
  handle = undefined;
  root = undefined;
});

function site(): string {
  return makeSite({
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    'content/items/a.md': item({ title: 'Alpha fined', authority: 'cac', fine: '"RMB 300,000"' }),
    'content/items/b.md': item({
      title: 'Beta rules',
      category: 'legislation',
      date: '2022-01-05',
    }),
    'content/items/c.md': item({ title: 'Gamma court', category: 'courts', date: '2021-06-01' }),
  });
}

async function start(dir: string): Promise<DevHandle> {
  const started = await startDev({ root: dir, port: '0' }, quiet);
  if (typeof started === 'number') throw new Error(`dev exited ${started}`);
  return started;
}

/**
 * Does `action`, then waits until the watcher has been quiet for a while after
 * at least one update; returns the updates merged (the last one's diagnostics).
 */
function afterChange(h: DevHandle, action: () => void, timeout = 5000): Promise<Update> {
  return new Promise((resolve, reject) => {
    const merged: Update = {
      changed: [],
      removed: [],
      deferred: [],
      diagnostics: [],
      rendered: 0,
      ms: 0,
    };
    let quiet: NodeJS.Timeout | undefined;
    let done = false;
    const fail = setTimeout(() => {
      done = true;
      reject(new Error('no update within timeout'));
    }, timeout);
    h.onUpdate((update) => {
      if (done) return;
      merged.changed.push(...update.changed.filter((p) => !merged.changed.includes(p)));
      merged.removed.push(...update.removed.filter((p) => !merged.removed.includes(p)));
      merged.deferred.push(...update.deferred.filter((p) => !merged.deferred.includes(p)));
      merged.diagnostics = update.diagnostics;
      merged.rendered = Math.max(merged.rendered, update.rendered); // the largest single update
      if (quiet) clearTimeout(quiet);
      quiet = setTimeout(() => {
        done = true;
        clearTimeout(fail);
        resolve(merged);
      }, 150);
    });
    action();
  });
}

function get(
  port: number,
  path: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Collects Server-Sent Events until closed. */
function listen(port: number): {
  events: { event: string; data: unknown }[];
  close: () => void;
  ready: Promise<void>;
} {
  const events: { event: string; data: unknown }[] = [];
  let close = () => {};
  const ready = new Promise<void>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/__gazette/events' }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
          const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown;
          events.push({ event, data });
        }
        resolve();
      });
    });
    req.end();
    close = () => req.destroy();
  });
  return { events, close: () => close(), ready };
}

/** Pages an update made again at once, or left to be made when asked for. */
function touched(update: Update): string[] {
  return [...update.changed, ...update.deferred];
}

async function fullBuild(dir: string): Promise<Map<string, string | Uint8Array>> {
  const writer = new MemoryWriter();
  const result = await build({ root: dir, writer });
  expect(result.diagnostics).toEqual([]);
  return writer.files;
}

describe('gazette dev', () => {
  it('serves the site from memory with content types, the 404 page and redirects', async () => {
    const dir = (root = site());
    handle = await start(dir);
    const home = await get(handle.port, '/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body).toContain('/__gazette/client.js');
    expect((await get(handle.port, '/assets/style.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await get(handle.port, '/feed.xml')).headers['content-type']).toBe(
      'application/xml; charset=utf-8',
    );
    const missing = await get(handle.port, '/no/such/page/');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('Page not found');
    const bare = await get(handle.port, '/items/a');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/items/a/');
  });

  it('refuses paths that try to leave the site, however encoded', async () => {
    const dir = (root = site());
    handle = await start(dir);
    for (const path of [
      '/../package.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/items/%2E%2E/%2E%2E/x',
      '/..%2f..%2fetc/passwd',
      '/a%5c..%5cb',
      '/%00',
    ]) {
      expect((await get(handle.port, path)).status, path).toBe(400);
    }
  });

  it('re-renders only the pages an edited item touches, and tells the browser', async () => {
    const dir = (root = site());
    handle = await start(dir);
    const sse = listen(handle.port);
    await sse.ready;
    await get(handle.port, '/items/c/'); // a browser is looking at c
    const update = await afterChange(handle!, () => {
      writeFileSync(
        join(dir, 'content/items/c.md'),
        item({ title: 'Gamma court, revised', category: 'courts', date: '2021-06-01' }),
      );
    });
    expect(update.diagnostics).toEqual([]);
    // c is in no bulletin and has no neighbours: its page, its section's list, the feeds that
    // carry it, the open data and its year's search index are touched. The page on screen is
    // made again at once; the others when first asked for.
    expect(update.changed).toEqual(['/items/c/']);
    expect(update.deferred.sort()).toEqual([
      '/courts/',
      '/courts/feed.json',
      '/courts/feed.xml',
      '/data/items.json',
      '/feed.json',
      '/feed.xml',
      '/search/2021.json',
      '/search/2021.text.json',
    ]);
    expect(update.rendered).toBe(1);
    expect((await get(handle.port, '/items/c/')).body).toContain('Gamma court, revised');
    // A deferred page is made when asked for.
    expect((await get(handle.port, '/courts/')).body).toContain('Gamma court, revised');
    await new Promise((r) => setTimeout(r, 50));
    const reloads = sse.events.filter((e) => e.event === 'reload');
    expect(reloads).toHaveLength(1);
    expect((reloads[0]!.data as { paths: string[] }).paths).toContain('/items/c/');
    expect((reloads[0]!.data as { paths: string[] }).paths).toContain('/courts/');
    sse.close();
    expect(handle.session.snapshot()).toEqual(await fullBuild(dir));
  });

  it('moves an item whose section, date and bulletin change, as a full build would', async () => {
    const dir = (root = site());
    handle = await start(dir);
    const update = await afterChange(handle!, () => {
      writeFileSync(
        join(dir, 'content/items/c.md'),
        item({ title: 'Gamma now legislation', category: 'legislation', date: '2022-01-20' }),
      );
    });
    expect(touched(update)).toEqual(
      expect.arrayContaining(['/courts/', '/legislation/', '/bulletins/2022-02/', '/']),
    );
    expect((await get(handle.port, '/courts/')).body).not.toContain('Gamma');
    expect((await get(handle.port, '/bulletins/2022-02/')).body).toContain('Gamma now legislation');
    expect(handle.session.snapshot()).toEqual(await fullBuild(dir));
  });

  it('keeps the last good site on a bad save, reports it, and recovers', async () => {
    const dir = (root = site());
    handle = await start(dir);
    const sse = listen(handle.port);
    await sse.ready;
    let update = await afterChange(handle!, () => {
      writeFileSync(
        join(dir, 'content/items/a.md'),
        '---\ntitle: Alpha\ndate: 2022-01-10\ncategory: enforcment\n---\nx\n',
      );
    });
    expect(update.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      'content/items/a.md:4:11 category-unknown',
    ]);
    const page = await get(handle.port, '/items/a/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Alpha fined');
    await new Promise((r) => setTimeout(r, 50));
    expect(sse.events.at(-1)).toMatchObject({
      event: 'errors',
      data: [{ code: 'category-unknown' }],
    });
    // Half-written YAML is just another bad save.
    update = await afterChange(handle!, () => {
      writeFileSync(join(dir, 'content/items/a.md'), '---\ntitle: [Alpha\n');
    });
    expect(update.diagnostics.length).toBeGreaterThan(0);
    update = await afterChange(handle!, () => {
      writeFileSync(
        join(dir, 'content/items/a.md'),
        item({ title: 'Alpha fined again', authority: 'cac' }),
      );
    });
    expect(update.diagnostics).toEqual([]);
    expect((await get(handle.port, '/items/a/')).body).toContain('Alpha fined again');
    await new Promise((r) => setTimeout(r, 50));
    expect(sse.events.filter((e) => e.event === 'errors').at(-1)).toMatchObject({ data: [] });
    sse.close();
    expect(handle.session.snapshot()).toEqual(await fullBuild(dir));
  });

  it('follows added, renamed and deleted files and folders', async () => {
    const dir = (root = site());
    handle = await start(dir);
    let update = await afterChange(handle!, () => {
      writeFiles(dir, {
        'content/items/2022/01/d.md': item({ title: 'Delta new', date: '2022-01-20' }),
      });
    });
    expect(touched(update)).toContain('/items/d/');
    expect(touched(update)).toContain('/bulletins/2022-02/');
    expect((await get(handle.port, '/bulletins/2022-02/')).body).toContain('Delta new');

    update = await afterChange(handle!, () => {
      renameSync(join(dir, 'content/items/2022/01/d.md'), join(dir, 'content/items/2022/01/e.md'));
    });
    expect(update.removed).toContain('/items/d/');
    expect((await get(handle.port, '/items/d/')).status).toBe(404);
    expect((await get(handle.port, '/items/e/')).status).toBe(200);

    update = await afterChange(handle!, () => {
      rmSync(join(dir, 'content/items/2022'), { recursive: true });
    });
    expect((await get(handle.port, '/items/e/')).status).toBe(404);
    expect((await get(handle.port, '/bulletins/2022-02/')).body).not.toContain('Delta new');
    expect(handle.session.snapshot()).toEqual(await fullBuild(dir));
  });

  it('takes in a file where content/items was, and the folder back (found by npm run fuzz)', async () => {
    const dir = (root = site());
    const session = new DevSession({ root: dir, cacheDir: false });
    expect((await session.start()).diagnostics).toEqual([]);
    const paths = [
      'content/items/a.md',
      'content/items/b.md',
      'content/items/c.md',
      'content/items',
    ];
    const items = join(dir, 'content/items');
    renameSync(items, join(dir, 'items-aside'));
    writeFileSync(items, 'not a folder\n');
    // The watcher reports the old files' paths, which now run through a file (ENOTDIR).
    const broken = await session.update(paths);
    expect(broken.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual([
      'content/items file-unreadable',
    ]);
    rmSync(items);
    renameSync(join(dir, 'items-aside'), items);
    expect((await session.update(paths)).diagnostics).toEqual([]);
    expect(session.snapshot()).toEqual(await fullBuild(dir));
  });

  it('reports an item replaced by a named pipe, as check does (found by npm run fuzz)', async () => {
    const dir = (root = site());
    const session = new DevSession({ root: dir, cacheDir: false });
    expect((await session.start()).diagnostics).toEqual([]);
    rmSync(join(dir, 'content/items/b.md'));
    execFileSync('mkfifo', [join(dir, 'content/items/b.md')]);
    // Dev kept the item it had read; check passed the pipe over in silence.
    const update = await session.update(['content/items/b.md']);
    expect(update.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual([
      'content/items/b.md file-unreadable',
    ]);
    expect((await check({ root: dir, cacheDir: false })).diagnostics).toEqual(update.diagnostics);
  });

  it('survives a burst of 100 saves and ends with the last one', async () => {
    const dir = (root = site());
    handle = await start(dir);
    for (let i = 0; i < 100; i++) {
      writeFileSync(
        join(dir, 'content/items/b.md'),
        item({ title: `Beta rules v${i}`, category: 'legislation', date: '2022-01-05' }),
      );
    }
    await new Promise((r) => setTimeout(r, 300));
    await handle.close();
    const final = handle;
    handle = undefined;
    expect(final.session.get('items/b/index.html')).toContain('Beta rules v99');
    expect(final.session.snapshot()).toEqual(await fullBuild(dir));
  });

  it('re-renders every page for a template change', async () => {
    const dir = (root = site());
    handle = await start(dir);
    const update = await afterChange(handle!, () => {
      writeFiles(dir, {
        'templates/partials/notes.eta': '<p class="custom-notes">notes here</p>',
      });
    });
    expect(touched(update)).toContain('/items/a/');
    expect((await get(handle.port, '/items/a/')).body).toContain('custom-notes');
  });
});
