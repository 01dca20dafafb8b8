// The dev-server half of `npm run bench`: for a site of N items, starts
// `gazette dev`, counts the items it serves (from its /data/items.json, so
// that a session that lost items cannot pass for a fast one), edits one item
// (the middle one in path order) EDITS times and
// measures the time from the end of each write until the reload event for
// that item's page reaches a Server-Sent Events client; then makes 100 more
// edits and compares the server's resident memory with the figure after start.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

function files(dir) {
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)],
  );
}

/** GET path from the dev server; resolves to the body. */
function get(port, path) {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(body)
          : reject(new Error(`GET ${path}: ${res.statusCode}`)),
      );
    })
      .on('error', reject)
      .end();
  });
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/**
 * `moves`: edits that move the item too (a new date, in another month and
 * bulletin, and back), timed like the others. `cache`: the cache folder
 * (a new one makes the start-up cold).
 */
export async function benchDev({ cli, root, edits = 5, soak = 100, moves = 0, cache }) {
  const items = files(join(root, 'content/items'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  const target = items[Math.floor(items.length / 2)];
  const slug = target.slice(target.lastIndexOf('/') + 1, -3);
  const original = readFileSync(target, 'utf8');
  const args = [cli, 'dev', '--root', root, '--port', '0', '--future'];
  if (cache) args.push('--cache-dir', cache);
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const started = performance.now();
    const port = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`dev exited ${code}`)));
    });
    const startupMs = performance.now() - started;
    const served = JSON.parse(await get(port, '/data/items.json')).items.length;
    const waiters = [];
    const events = request({ host: '127.0.0.1', port, path: '/__gazette/events' }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.startsWith('event: reload')) continue;
          const data = JSON.parse(/^data: (.*)$/m.exec(block)[1]);
          const at = performance.now();
          for (const w of waiters.splice(0)) w({ at, data });
        }
      });
    });
    events.end();
    await new Promise((r) => setTimeout(r, 300));
    // The editor has the edited item's page open, as a person previewing it would.
    await get(port, `/items/${slug}/`);
    const rssStart = rssMiB(child.pid);
    const edit = (i) => editWith(`${original}\nEdit number ${i}: benchword${i}x.\n`, i);
    const editWith = async (text, i) => {
      // Edits a person's saves apart (and past the watcher's 50 ms per-file throttle).
      await new Promise((r) => setTimeout(r, 100));
      let timeout;
      const next = new Promise((resolve, reject) => {
        waiters.push(resolve);
        timeout = setTimeout(
          () => reject(new Error(`no reload within 10 s after edit ${i}`)),
          10_000,
        );
      });
      writeFileSync(target, text);
      const wrote = performance.now();
      const { at, data } = await next;
      clearTimeout(timeout);
      if (!data.paths.includes(`/items/${slug}/`))
        throw new Error(`reload without the item page: ${data.paths}`);
      return at - wrote;
    };
    await edit(0); // warm-up
    const times = [];
    for (let i = 1; i <= edits; i++) {
      times.push(await edit(i));
    }
    // Moves: the item's date goes to the same day a year earlier and back,
    // which changes its bulletin, its place in every listing and its year.
    const moved = [];
    const date = /^date: (\d{4})(-\d\d(?:-\d\d)?)?$/m.exec(original);
    for (let i = 0; date && i < moves; i++) {
      const year = Number(date[1]) - (i % 2 === 0 ? 1 : 0);
      const text = original.replace(/^date: .*$/m, `date: ${year}${date[2] ?? ''}`);
      moved.push(await editWith(`${text}\nMove ${i}.\n`, i));
    }
    for (let i = 0; i < soak; i++) await edit(1000 + i);
    await new Promise((r) => setTimeout(r, 500));
    const rssEnd = rssMiB(child.pid);
    events.destroy();
    return { items: items.length, served, startupMs, times, moved, rssStart, rssEnd };
  } finally {
    writeFileSync(target, original);
    child.kill('SIGTERM');
  }
}
