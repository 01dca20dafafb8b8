import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { contentType, TEXT } from '../dev/content-types.js';
import { listenFrom } from '../dev/listen.js';
import {
  blockedHostMessage,
  encodePath,
  encodeQuery,
  isAllowedHost,
  readTarget,
  requestHost,
  safePath,
} from '../dev/request.js';
import { isWithin } from '../output/place.js';

export interface StaticServerOptions {
  /** The built folder, absolute. */
  dir: string;
  /** The path the site is served under, e.g. `/digest/` (as in the base URL, percent-encoded or not). */
  basePath: string;
  /** Where it listens; a name is also the one host name it answers besides localhost. */
  host: string;
  port: number;
}

/**
 * `gazette serve`: a built folder served as a static host serves it, for a
 * last look before publishing. Under the base path, `dir/` is
 * `dir/index.html` and `dir` is sent on to `dir/`; a missing page is
 * `404.html` with status 404. Nothing else: no listing of a folder, nothing
 * outside it (a `..` in any spelling is refused by the request's reading, a
 * link that leads out is refused by its real path), none of gazette's own
 * bookkeeping (`.gazette-manifest.json`), no answer to a host name other
 * than the one it listens on and localhost, and no request that can stop it.
 */
export class StaticServer {
  private server: Server | undefined;
  /** The base path decoded, as request paths are. */
  private readonly base: string;

  constructor(private readonly options: StaticServerOptions) {
    const decoded = safePath(options.basePath);
    this.base = typeof decoded === 'string' ? decoded : options.basePath;
  }

  /** Listens on the port, or the next free one (up to 20 further); resolves with the port. */
  async listen(): Promise<number> {
    const { server, port } = await listenFrom(
      () => createServer((req, res) => void this.handle(req, res)),
      this.options.port,
      this.options.host,
    );
    this.server = server;
    return port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server?.closeAllConnections();
  }

  /** Answers one request; whatever goes wrong, the server goes on to the next. */
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.route(req, res);
    } catch (error) {
      if (!res.headersSent) {
        text(
          res,
          500,
          `gazette serve failed to answer this request: ${(error as Error).message}\n`,
        );
      } else {
        res.destroy();
      }
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = readTarget(req.url ?? '/');
    const addressed = requestHost(target, req.headersDistinct.host ?? []);
    if ('refused' in addressed) return text(res, 400, `Bad request: ${addressed.refused}.\n`);
    if (!isAllowedHost(addressed.host, this.options.host)) {
      return text(res, 403, blockedHostMessage(addressed.host ?? '', this.options.host, 'serve'));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const head = req.method === 'HEAD';
    if ('refused' in target) return text(res, 400, `Bad request: ${target.refused}.\n`);
    const { path, search } = target;
    if (!path.startsWith(this.base)) {
      if (path === '/' || `${path}/` === this.base) {
        res.writeHead(302, { Location: encodePath(this.base), 'Cache-Control': 'no-store' }).end();
        return;
      }
      return this.notFound(res, head);
    }
    const inside = path.slice(this.base.length);
    // gazette's own records of the output are not part of the site.
    if (inside.split('/')[0]!.startsWith('.gazette-')) return this.notFound(res, head);
    const found = await this.find(inside);
    if (found === 'folder') {
      res
        .writeHead(301, {
          Location: `${encodePath(`${path}/`)}${encodeQuery(search)}`,
          'Cache-Control': 'no-store',
        })
        .end();
      return;
    }
    if (found === 'outside') {
      return text(
        res,
        403,
        'Forbidden: this file is a link that leads out of the served folder.\n',
      );
    }
    if (found === undefined) return this.notFound(res, head);
    await this.send(res, found, 200, head);
  }

  /**
   * The file a site path names: `folder` when it names a folder with an
   * index.html without the final slash, `outside` when its real path leaves
   * the served folder, undefined when there is none.
   */
  private async find(inside: string): Promise<string | 'folder' | 'outside' | undefined> {
    const dir = this.options.dir;
    const path = join(dir, inside === '' || inside.endsWith('/') ? `${inside}index.html` : inside);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      if (inside.endsWith('/') || inside === '') return undefined;
      const index = await stat(join(path, 'index.html')).catch(() => undefined);
      return index?.isFile() ? 'folder' : undefined;
    }
    if (!info?.isFile()) return undefined;
    const [real, realDir] = await Promise.all([realpath(path), realpath(dir)]);
    return isWithin(real, realDir) ? path : 'outside';
  }

  private async notFound(res: ServerResponse, head: boolean): Promise<void> {
    const page = await this.find('404.html');
    if (page === undefined || page === 'folder' || page === 'outside')
      return text(res, 404, 'Not found\n');
    await this.send(res, page, 404, head);
  }

  private async send(res: ServerResponse, file: string, status: number, head: boolean) {
    const bytes = await readFile(file);
    res.writeHead(status, {
      'Content-Type': contentType(file),
      'Content-Length': bytes.byteLength,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(head ? undefined : bytes);
  }
}

function text(res: ServerResponse, status: number, body: string): void {
  res
    .writeHead(status, {
      'Content-Type': TEXT,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    })
    .end(body);
}
