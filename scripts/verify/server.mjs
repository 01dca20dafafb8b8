// A tiny static server for a built site, on 127.0.0.1 and a free port, serving
// the output folder under its base path the way GitHub Pages, Netlify or nginx
// would: `/dir/` → dir/index.html, `/dir` → 301 to `/dir/`, anything missing →
// 404.html with status 404.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

/**
 * @param {string} dir the output folder
 * @param {string} basePath e.g. '/' or '/digest/'
 * @returns {Promise<{url: string, origin: string, close: () => Promise<void>}>} url ends with basePath
 */
export async function serve(dir, basePath = '/') {
  const root = normalize(dir);
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path;
    try {
      path = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'bad request');
    }
    if (!path.startsWith(basePath)) {
      if (`${path}/` === basePath) return redirect(res, basePath);
      return notFound(res, root);
    }
    const file = normalize(join(root, path.slice(basePath.length)));
    if (file !== root && !file.startsWith(root + sep)) return notFound(res, root);
    const stat = statOrNull(file);
    if (stat?.isDirectory()) {
      if (!path.endsWith('/')) return redirect(res, `${pathname}/`);
      const index = join(file, 'index.html');
      return statOrNull(index)?.isFile() ? stream(res, 200, index) : notFound(res, root);
    }
    if (stat?.isFile()) return stream(res, 200, file);
    notFound(res, root);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${basePath}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function statOrNull(path) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function stream(res, status, file) {
  res.writeHead(status, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(res);
}

function notFound(res, root) {
  const page = join(root, '404.html');
  if (statOrNull(page)?.isFile()) return stream(res, 404, page);
  send(res, 404, 'not found');
}

function redirect(res, location) {
  res.writeHead(301, { location });
  res.end();
}

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
