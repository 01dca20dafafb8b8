import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Diagnostic } from '../diagnostics.js';
import { CLIENT_SCRIPT } from './client.js';
import { contentType, TEXT } from './content-types.js';
import { listenFrom } from './listen.js';
import {
  blockedHostMessage,
  encodePath,
  encodeQuery,
  isAllowedHost,
  readTarget,
  requestHost,
  safePath,
} from './request.js';

const INJECT = '<script src="/__gazette/client.js" defer></script>';

export interface DevServerOptions {
  /** The current files, by output path (`items/x/index.html`). */
  files: {
    has(file: string): boolean;
    get(file: string): string | Uint8Array | undefined;
  };
  /** Where the site lives, e.g. `/digest/`; requests outside it are redirected or 404. */
  basePath: string;
  /** Where it listens (`127.0.0.1`, `0.0.0.0`, a name); a name is also the one host name it answers besides localhost. */
  host: string;
  port: number;
  diagnostics: () => Diagnostic[];
}

/**
 * Serves the dev session's files from memory, never anything else, and pushes
 * reload and error events to open pages over Server-Sent Events.
 */
export class DevServer {
  private readonly clients = new Set<ServerResponse>();
  private server: Server | undefined;
  private lastErrors = '[]';

  /** The base path decoded, as request paths are (`/%E6%96%87/` → `/文/`). */
  private readonly base: string;

  constructor(private readonly options: DevServerOptions) {
    const decoded = safePath(options.basePath);
    this.base = typeof decoded === 'string' ? decoded : options.basePath;
  }

  /** Listens on the port, or the next free one (up to 20 further). */
  async listen(): Promise<number> {
    const { server, port } = await listenFrom(
      () => createServer((req, res) => this.handle(req, res)),
      this.options.port,
      this.options.host,
    );
    this.server = server;
    return port;
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.end();
    this.clients.clear();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server?.closeAllConnections();
  }

  /** Tells open pages what changed: `paths` are site paths, without the base path. */
  reload(paths: readonly string[], options: { all?: boolean } = {}): void {
    const css = paths.some((p) => p.endsWith('.css'));
    const pages = paths.map((p) => this.base + p.replace(/^\//, ''));
    this.send('reload', { all: options.all === true, css, paths: pages });
  }

  /** Tells open pages the current problems, when they differ from the last told. */
  errors(diagnostics: readonly Diagnostic[]): void {
    const json = JSON.stringify(diagnostics);
    if (json === this.lastErrors) return;
    this.lastErrors = json;
    this.send('errors', diagnostics);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  private send(event: string, data: unknown): void {
    const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.clients) client.write(message);
  }

  /** Answers one request; whatever goes wrong, the server goes on to the next. */
  private handle(req: IncomingMessage, res: ServerResponse): void {
    try {
      this.route(req, res);
    } catch (error) {
      // A bug, not a bad request: answered as one, never a crashed preview.
      if (!res.headersSent) {
        res
          .writeHead(500, { 'Content-Type': TEXT })
          .end(`gazette dev failed to answer this request: ${(error as Error).message}\n`);
      } else {
        res.destroy();
      }
    }
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const target = readTarget(req.url ?? '/');
    const addressed = requestHost(target, req.headersDistinct.host ?? []);
    if ('refused' in addressed) return this.badRequest(res, addressed.refused);
    const { host } = addressed;
    if (!isAllowedHost(host, this.options.host)) {
      res
        .writeHead(403, { 'Content-Type': TEXT, 'Cache-Control': 'no-store' })
        .end(blockedHostMessage(host ?? '', this.options.host));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if ('refused' in target) return this.badRequest(res, target.refused);
    const { path, search } = target;
    if (path === '/__gazette/events') return this.subscribe(res);
    if (path === '/__gazette/client.js') {
      res
        .writeHead(200, { 'Content-Type': contentType('client.js'), 'Cache-Control': 'no-store' })
        .end(CLIENT_SCRIPT);
      return;
    }
    const base = this.base;
    if (!path.startsWith(base)) {
      if (path === '/' || `${path}/` === base) {
        res.writeHead(302, { Location: encodePath(base) }).end();
      } else {
        this.notFound(res, req.method === 'HEAD');
      }
      return;
    }
    const inside = path.slice(base.length);
    const files = this.options.files;
    const file = inside === '' || inside.endsWith('/') ? `${inside}index.html` : inside;
    if (!files.has(file) && files.has(`${inside}/index.html`)) {
      res.writeHead(301, { Location: `${encodePath(`${path}/`)}${encodeQuery(search)}` }).end();
      return;
    }
    if (!files.has(file)) return this.notFound(res, req.method === 'HEAD');
    this.serve(res, file, 200, req.method === 'HEAD');
  }

  private badRequest(res: ServerResponse, reason: string): void {
    res.writeHead(400, { 'Content-Type': TEXT }).end(`Bad request: ${reason}.\n`);
  }

  private notFound(res: ServerResponse, head: boolean): void {
    if (this.options.files.has('404.html')) this.serve(res, '404.html', 404, head);
    else res.writeHead(404, { 'Content-Type': TEXT }).end('Not found\n');
  }

  private serve(res: ServerResponse, file: string, status: number, head: boolean): void {
    const type = contentType(file);
    let body = this.options.files.get(file)!;
    if (type.startsWith('text/html') && typeof body === 'string') body = inject(body);
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': bytes.byteLength,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(head ? undefined : bytes);
  }

  private subscribe(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(`event: errors\ndata: ${JSON.stringify(this.options.diagnostics())}\n\n`);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    res.on('error', () => this.clients.delete(res));
  }
}

function inject(html: string): string {
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + INJECT : html.slice(0, at) + INJECT + html.slice(at);
}
