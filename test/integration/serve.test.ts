import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeHandle } from '../../src/commands/serve.js';
import { AUTHORITIES, BULLETIN, item, makeSite, removeSite, run } from '../helpers.js';
import { raw, request } from '../raw-http.js';

/**
 * `gazette serve` serves a built folder as a static host does: under its base
 * path, folders by their index.html, a missing page by 404.html with status
 * 404, never a listing, never a file outside the folder, never gazette's own
 * bookkeeping, only to its own host names, and no request stops it.
 */

let root: string;
let outside: string;
const quiet = { out: () => {}, err: () => {} };

beforeAll(async () => {
  root = makeSite({
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    'content/items/a.md': item({ title: 'Alpha', authority: 'cac' }),
    'public/downloads/report.pdf': '%PDF-1.4 not really',
    'public/styles/extra.css': 'p { color: red }',
  });
  const built = await run('build', '--root', root, '--base-url', 'https://example.org/digest/');
  expect(built.code, built.stderr).toBe(0);
  outside = makeSite({ 'secret.txt': 'do not serve me', 'folder/index.html': 'outside' });
  const dist = join(root, 'dist');
  symlinkSync(join(outside, 'secret.txt'), join(dist, 'leak.txt'));
  symlinkSync(join(outside, 'folder'), join(dist, 'leaked-folder'));
  symlinkSync(join(dist, 'feed.xml'), join(dist, 'feed-link.xml')); // inside: fine
  mkdirSync(join(dist, 'empty-folder'));
  writeFileSync(join(dist, 'empty-folder', 'note.txt'), 'a file, but no index.html');
});

afterAll(() => {
  removeSite(root);
  removeSite(outside);
});

let handle: ServeHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

async function serve(...args: string[]): Promise<ServeHandle> {
  const values: Record<string, string> = { root, port: '0' };
  for (let i = 0; i < args.length; i += 2) values[args[i]!.slice(2)] = args[i + 1]!;
  const started = await startServe(values, quiet);
  if (typeof started === 'number') throw new Error(`serve exited ${started}`);
  return (handle = started);
}

function get(port: number, target: string, method = 'GET') {
  return raw(port, request(target, `127.0.0.1:${port}`, method));
}

describe('gazette serve', () => {
  it('serves the site under its base path, folders by index.html, with content types', async () => {
    const { port, url } = await serve('--base-url', 'https://example.org/digest/');
    expect(url).toBe(`http://127.0.0.1:${port}/digest/`);
    const cases: [string, number, string, string][] = [
      ['/digest/', 200, 'text/html; charset=utf-8', '<!doctype html>'],
      ['/digest/items/a/', 200, 'text/html; charset=utf-8', 'Alpha'],
      ['/digest/assets/style.css', 200, 'text/css; charset=utf-8', ''],
      ['/digest/feed.xml', 200, 'application/xml; charset=utf-8', '<feed'],
      ['/digest/feed.json', 200, 'application/json; charset=utf-8', '"version"'],
      ['/digest/calendar.ics', 200, 'text/calendar; charset=utf-8', 'BEGIN:VCALENDAR'],
      ['/digest/fines.csv', 200, 'text/csv; charset=utf-8', ''],
      ['/digest/downloads/report.pdf', 200, 'application/pdf', '%PDF'],
      ['/digest/styles/extra.css', 200, 'text/css; charset=utf-8', 'color: red'],
      ['/digest/feed-link.xml', 200, 'application/xml; charset=utf-8', '<feed'],
    ];
    for (const [path, status, type, body] of cases) {
      const answer = await get(port, path);
      expect(answer.status, path).toBe(status);
      expect(answer.headers.get('content-type'), path).toEqual([type]);
      expect(answer.headers.get('cache-control'), path).toEqual(['no-store']);
      expect(answer.headers.get('x-content-type-options'), path).toEqual(['nosniff']);
      expect(answer.body, path).toContain(body);
    }
    const head = await get(port, '/digest/items/a/', 'HEAD');
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length')?.[0])).toBeGreaterThan(100);
    expect(head.body).toBe('');
  });

  it('sends a folder on to its slash, and the root to the base path', async () => {
    const { port } = await serve('--base-url', '/digest/');
    const moved = await get(port, '/digest/items/a?from=feed');
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toEqual(['/digest/items/a/?from=feed']);
    for (const path of ['/', '/digest']) {
      const answer = await get(port, path);
      expect(answer.status, path).toBe(302);
      expect(answer.headers.get('location'), path).toEqual(['/digest/']);
    }
  });

  it('answers a missing page with 404.html and status 404, at any depth and outside the base', async () => {
    const { port } = await serve('--base-url', '/digest/');
    for (const path of ['/digest/no/such/page/', '/digest/items/a/extra', '/elsewhere/']) {
      const answer = await get(port, path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type'), path).toEqual(['text/html; charset=utf-8']);
      expect(answer.body, path).toContain('/digest/assets/style.css');
    }
  });

  it('lists no folder, serves none of gazette’s bookkeeping, and nothing outside the folder', async () => {
    const { port } = await serve('--base-url', '/digest/');
    const notFound = [
      '/digest/empty-folder/',
      '/digest/assets/',
      '/digest/.gazette-manifest.json',
      '/digest/%2Egazette-manifest.json',
      '/digest/leaked-folder/x',
    ];
    for (const path of notFound) {
      const answer = await get(port, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('note.txt');
      expect(answer.body, path).not.toContain('"gazette-output');
    }
    expect((await get(port, '/digest/empty-folder/note.txt')).status).toBe(200);
    for (const path of ['/digest/leak.txt', '/digest/leaked-folder/']) {
      const answer = await get(port, path);
      expect(answer.status, path).toBe(403);
      expect(answer.body, path).not.toContain('outside');
      expect(answer.body, path).not.toContain('do not serve me');
    }
    const traversal = [
      '/digest/../secret.txt',
      '/digest/%2e%2e/%2e%2e/etc/passwd',
      '/digest/..%2f..%2fetc/passwd',
      '/digest/..%5c..%5cetc%5cpasswd',
      '/digest/%00',
    ];
    for (const path of traversal) {
      const answer = await get(port, path);
      expect(answer.status, path).toBe(400);
      expect(answer.body, path).toContain('leaves the site');
    }
  });

  it('answers every request and goes on serving', async () => {
    const { port } = await serve();
    const requests: [string, string, number][] = [
      ['garbage', 'hello\r\n\r\n', 400],
      ['a POST', request('/', `localhost:${port}`, 'POST'), 405],
      ['a fragment', request('/items/a/#x', `localhost:${port}`), 400],
      ['a truncated escape', request('/items/%E6%8A', `localhost:${port}`), 400],
      ['another scheme', request('ftp://localhost/', 'localhost'), 400],
      ['the asterisk form', request('*', 'localhost'), 400],
      ['a header too long', request(`/${'x'.repeat(100_000)}`, `localhost:${port}`), 431],
      [
        'two Host headers',
        `GET / HTTP/1.1\r\nHost: localhost\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
        400,
      ],
    ];
    for (const [name, text, status] of requests) {
      const answer = await raw(port, text);
      expect(answer.status, name).toBe(status);
      const home = await get(port, '/');
      expect(home.status, `after ${name}`).toBe(200);
    }
  });

  it('answers only its own host names', async () => {
    const { port } = await serve();
    for (const host of ['localhost', `localhost:${port}`, `[::1]:${port}`, '10.1.2.3']) {
      expect((await raw(port, request('/', host))).status, host).toBe(200);
    }
    const evil = await raw(port, request('/', `evil.example:${port}`));
    expect(evil.status).toBe(403);
    expect(evil.body).toContain('gazette serve --host evil.example');
    expect(evil.body).not.toContain('<!doctype');
  });

  it('reads the base path from gazette.config.yaml when no --base-url is given', async () => {
    writeFileSync(join(root, 'gazette.config.yaml'), 'baseUrl: https://example.org/digest/\n');
    try {
      const { port, url } = await serve();
      expect(url).toMatch(/\/digest\/$/);
      expect((await get(port, '/digest/items/a/')).status).toBe(200);
    } finally {
      rmSync(join(root, 'gazette.config.yaml'));
    }
  });

  it('serves --out, resolved against the current folder', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const { port } = await serve('--out', 'dist', '--base-url', '/digest/');
      expect((await get(port, '/digest/items/a/')).status).toBe(200);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('gazette serve refuses what it cannot serve (exit 2)', () => {
  it('a folder that is not there, a bad port, a bad base URL or configuration', async () => {
    const missing = await run('serve', '--root', root, '--out', join(root, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    expect(missing.stderr).toContain('gazette build');
    const file = await run('serve', '--out', join(root, 'dist', 'feed.xml'));
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('is not a folder');
    expect((await run('serve', '--root', root, '--port', '99999')).code).toBe(2);
    expect((await run('serve', '--root', root, '--port', 'eighty')).stderr).toContain(
      '--port must be a port number',
    );
    const base = await run('serve', '--root', root, '--base-url', 'ftp://example.org/');
    expect(base.code).toBe(2);
    expect(base.stderr).toContain('is not a base URL');
    const config = makeSite({ 'gazette.config.yaml': 'titel: typo\n', 'dist/index.html': 'x' });
    try {
      const bad = await run('serve', '--root', config);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('gazette.config.yaml');
    } finally {
      removeSite(config);
    }
    expect((await run('serve', 'extra')).code).toBe(2);
    expect((await run('serve', '--bogus')).code).toBe(2);
  });
});
