import { afterEach, describe, expect, it } from 'vitest';
import { isAllowedHost } from '../../src/dev/request.js';
import { startDev } from '../../src/commands/dev.js';
import { DevServer } from '../../src/dev/server.js';
import { AUTHORITIES, BULLETIN, item, makeSite, removeSite } from '../helpers.js';
import { raw, request } from '../raw-http.js';

/**
 * No request kills `gazette dev`, and only the hosts it means to serve are
 * answered (DNS rebinding). Requests are written byte for byte to a raw
 * socket, since a well-behaved client library would refuse to send most of them.
 */

let server: DevServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FILES = new Map<string, string>([
  ['index.html', '<!doctype html><title>Home</title><body><h1>Home</h1></body>'],
  ['items/a/index.html', '<!doctype html><title>A</title><body>A</body>'],
  ['报告/index.html', '<!doctype html><title>Report</title><body>报告</body>'],
  ['café/index.html', '<!doctype html><title>Café</title><body>café</body>'],
  ['a\r\nSet-Cookie: stolen=1/index.html', '<!doctype html><body>odd folder</body>'],
  ['100%/index.html', '<!doctype html><body>percent</body>'],
  ['404.html', '<!doctype html><title>Not found</title><body>Page not found</body>'],
]);

type Files = ConstructorParameters<typeof DevServer>[0]['files'];

async function start(
  options: { basePath?: string; host?: string; files?: Files } = {},
): Promise<number> {
  server = new DevServer({
    files: options.files ?? FILES,
    basePath: options.basePath ?? '/',
    host: options.host ?? '127.0.0.1',
    port: 0,
    diagnostics: () => [],
  });
  return server.listen();
}

async function stillServes(port: number): Promise<void> {
  const home = await raw(port, request('/', `127.0.0.1:${port}`));
  expect(home.status).toBe(200);
  expect(home.body).toContain('<h1>Home</h1>');
}

describe('gazette dev answers every request and goes on serving', () => {
  const cases: [string, (port: number) => string, number][] = [
    ['an absolute-form target that is not a URL', () => request('http://[/', 'localhost'), 403],
    ['an absolute-form target without a host', () => request('http:///', 'localhost'), 403],
    [
      'an absolute-form target of another scheme',
      () => request('ftp://localhost/', 'localhost'),
      400,
    ],
    ['the asterisk form of OPTIONS', () => request('*', 'localhost', 'OPTIONS'), 405],
    ['the asterisk form of GET', () => request('*', 'localhost'), 400],
    ['a path that is not a path', () => request('items', 'localhost'), 400],
    ['a truncated percent escape', (p) => request('/items/%E6%8A', `localhost:${p}`), 400],
    ['a percent escape that is not hex', (p) => request('/%zz', `localhost:${p}`), 400],
    ['an overlong UTF-8 slash', (p) => request('/%C0%AF', `localhost:${p}`), 400],
    ['a lone surrogate, percent-encoded', (p) => request('/%ED%A0%80', `localhost:${p}`), 400],
    ['a fragment in the target', (p) => request('/items/a#x', `localhost:${p}`), 400],
    ['a long URL', (p) => request(`/${'x'.repeat(8000)}`, `localhost:${p}`), 404],
    [
      'a URL longer than the header limit',
      (p) => request(`/${'x'.repeat(100_000)}`, `localhost:${p}`),
      431,
    ],
    ['raw non-ASCII bytes in the target', (p) => request('/caf\u00e9', `localhost:${p}`), 400],
    ['a CONNECT request', () => request('localhost:443', 'localhost:443', 'CONNECT'), 0],
    [
      'two Host headers',
      (p) =>
        `GET / HTTP/1.1\r\nHost: localhost:${p}\r\nHost: localhost:${p}\r\nConnection: close\r\n\r\n`,
      400,
    ],
    ['garbage', () => 'hello\r\n\r\n', 400],
    ['a POST', (p) => request('/', `localhost:${p}`, 'POST'), 405],
  ];
  it.each(cases)('%s', async (_name, make, status) => {
    const port = await start();
    const text = make(port);
    const answer = await raw(
      port,
      Buffer.from(text, text.includes('caf\u00e9') ? 'latin1' : 'utf8'),
    );
    expect(answer.status, answer.raw.slice(0, 300)).toBe(status);
    await stillServes(port);
  });

  it('serves an absolute-form target by its path', async () => {
    const port = await start();
    const answer = await raw(port, request(`http://127.0.0.1:${port}/items/a/`, 'ignored'));
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('A');
    const bare = await raw(port, request(`http://localhost:${port}/items/a?x=1`, 'ignored'));
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toEqual(['/items/a/?x=1']);
  });

  it('redirects a folder without its slash to a valid, percent-encoded Location', async () => {
    const port = await start();
    const redirects: [string, string][] = [
      ['/%E6%8A%A5%E5%91%8A', '/%E6%8A%A5%E5%91%8A/'],
      ['/caf%C3%A9?q=%C3%A9', '/caf%C3%A9/?q=%C3%A9'],
      ['/100%25', '/100%25/'],
      ['//items/a', '/items/a/'],
      ['/a%0D%0ASet-Cookie:%20stolen=1', '/a%0D%0ASet-Cookie:%20stolen=1/'],
    ];
    for (const [path, location] of redirects) {
      const answer = await raw(port, request(path, `localhost:${port}`));
      expect(answer.status, path).toBe(301);
      expect(answer.headers.get('location'), path).toEqual([location]);
      expect(answer.headers.has('set-cookie'), path).toBe(false);
      const followed = await raw(port, request(location, `localhost:${port}`));
      expect(followed.status, location).toBe(200);
    }
    await stillServes(port);
  });

  it('redirects to the base path and never to another host', async () => {
    const files = new Map([
      ['index.html', '<!doctype html><body><h1>Home</h1></body>'],
      ['items/a/index.html', '<!doctype html><body>A</body>'],
    ]);
    const port = await start({ basePath: '/digest/', files });
    for (const path of ['/', '/digest']) {
      const answer = await raw(port, request(path, `localhost:${port}`));
      expect(answer.status, path).toBe(302);
      expect(answer.headers.get('location'), path).toEqual(['/digest/']);
    }
    const bare = await raw(port, request('//digest//items/a', `localhost:${port}`));
    expect(bare.headers.get('location')).toEqual(['/digest/items/a/']);
    expect((await raw(port, request('//evil.example/', `localhost:${port}`))).status).toBe(404);
  });

  it('serves under a percent-encoded base path', async () => {
    const files = new Map([
      ['index.html', '<!doctype html><body><h1>Home</h1></body>'],
      ['items/a/index.html', '<!doctype html><body>A</body>'],
    ]);
    const port = await start({ basePath: '/%E6%96%87%E6%91%98/', files });
    const host = `localhost:${port}`;
    const home = await raw(port, request('/', host));
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toEqual(['/%E6%96%87%E6%91%98/']);
    expect((await raw(port, request('/%E6%96%87%E6%91%98/', host))).status).toBe(200);
    const bare = await raw(port, request('/%e6%96%87%e6%91%98/items/a', host));
    expect(bare.headers.get('location')).toEqual(['/%E6%96%87%E6%91%98/items/a/']);
  });

  it('answers a request whose file cannot be made with 500, and goes on', async () => {
    // As a bug in rendering a page on request would.
    const port = await start({
      files: {
        has: (f) => FILES.has(f) || f === 'broken/index.html',
        get: (f) => {
          if (f === 'broken/index.html') throw new Error('render failed');
          return FILES.get(f);
        },
      },
    });
    const answer = await raw(port, request('/broken/', `localhost:${port}`));
    expect(answer.status).toBe(500);
    expect(answer.body).toContain('render failed');
    await stillServes(port);
  });
});

describe('gazette dev answers only its own host names (DNS rebinding)', () => {
  const cases: [string | undefined, boolean][] = [
    ['localhost:PORT', true],
    ['LOCALHOST:PORT', true],
    ['localhost', true],
    ['127.0.0.1:PORT', true],
    ['[::1]:PORT', true],
    ['192.168.1.20:PORT', true], // an address cannot be rebound
    [undefined, true], // HTTP/1.0 without Host: no browser sends that
    ['evil.example:PORT', false],
    ['evil.example', false],
    ['localhost.evil.example:PORT', false],
    ['127.0.0.1.nip.io:PORT', false],
    ['localhost:PORT.evil.example', false],
    ['[::1', false],
    ['', false],
  ];
  it.each(cases)('Host %j: allowed %s', async (host, allowed) => {
    const port = await start();
    const header = host?.replace('PORT', String(port));
    const version = header === undefined ? 'HTTP/1.0' : 'HTTP/1.1';
    const hostLine = header === undefined ? '' : `Host: ${header}\r\n`;
    for (const path of ['/', '/items/a/', '/__gazette/client.js', '/no/such/page/']) {
      const answer = await raw(
        port,
        `GET ${path} ${version}\r\n${hostLine}Connection: close\r\n\r\n`,
      );
      if (allowed) {
        expect(answer.status, path).not.toBe(403);
      } else {
        expect(answer.status, path).toBe(403);
        expect(answer.headers.get('content-type'), path).toEqual(['text/plain; charset=utf-8']);
        expect(answer.body).toContain('Blocked request');
        expect(answer.body).toContain('--host');
        expect(answer.body).not.toContain('Home');
      }
    }
  });

  it('refuses the event stream to another host, and names the host and the way to allow it', async () => {
    const port = await start();
    const answer = await raw(port, request('/__gazette/events', `evil.example:${port}`));
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toEqual(['text/plain; charset=utf-8']);
    expect(answer.body).toContain('"evil.example"');
    expect(answer.body).toContain('gazette dev --host evil.example');
    const ok = await raw(
      port,
      `GET /__gazette/events HTTP/1.1\r\nHost: localhost:${port}\r\n\r\n`,
      'event: errors',
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toEqual(['text/event-stream; charset=utf-8']);
  });

  it('judges an absolute-form target by the host it names', async () => {
    const port = await start();
    const evil = await raw(port, request(`http://evil.example:${port}/`, `localhost:${port}`));
    expect(evil.status).toBe(403);
    const ok = await raw(port, request(`http://localhost:${port}/`, `evil.example:${port}`));
    expect(ok.status).toBe(200);
  });

  it('answers the host it listens on', () => {
    expect(isAllowedHost('mybox.lan:8080', 'mybox.lan')).toBe(true);
    expect(isAllowedHost('MyBox.LAN', 'mybox.lan')).toBe(true);
    expect(isAllowedHost('other.lan:8080', 'mybox.lan')).toBe(false);
    expect(isAllowedHost('10.0.0.5:8080', '0.0.0.0')).toBe(true);
    expect(isAllowedHost('mybox.lan:8080', '0.0.0.0')).toBe(false);
  });
});

describe('gazette dev on a site with a public/ folder of any name', () => {
  it('redirects each folder to its address with a slash, and serves it', async () => {
    const root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/a.md': item({ title: 'Alpha' }),
      'public/报告/index.html': '<!doctype html><title>报告</title><p>年度报告</p>',
      'public/a\r\nSet-Cookie: stolen=1/index.html': '<!doctype html><title>odd</title><p>odd</p>',
    });
    const handle = await startDev({ root, port: '0' }, { out: () => {}, err: () => {} });
    if (typeof handle === 'number') throw new Error(`dev exited ${handle}`);
    try {
      const host = `localhost:${handle.port}`;
      for (const [path, location] of [
        ['/%E6%8A%A5%E5%91%8A', '/%E6%8A%A5%E5%91%8A/'],
        ['/a%0D%0ASet-Cookie:%20stolen=1', '/a%0D%0ASet-Cookie:%20stolen=1/'],
      ] as const) {
        const answer = await raw(handle.port, request(path, host));
        expect(answer.status, path).toBe(301);
        expect(answer.headers.get('location'), path).toEqual([location]);
        expect(answer.headers.has('set-cookie'), path).toBe(false);
        expect((await raw(handle.port, request(location, host))).status, location).toBe(200);
      }
      expect((await raw(handle.port, request('/', host))).status).toBe(200);
    } finally {
      await handle.close();
      removeSite(root);
    }
  });
});

describe('gazette dev and file names that are object properties', () => {
  it('serves public/x.constructor as bytes, not as a crash', async () => {
    const port = await start({
      files: new Map<string, string>([...FILES, ['x.constructor', 'c'], ['x.__proto__', 'p']]),
    });
    for (const path of ['/x.constructor', '/x.__proto__']) {
      const answer = await raw(port, request(path, `127.0.0.1:${port}`));
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type'), path).toEqual(['application/octet-stream']);
    }
    await stillServes(port);
  });
});
