import { isIP } from 'node:net';

/**
 * What the dev server reads from a request before it looks up a file: whether
 * its host may be answered, and which site path its target names. Pure
 * functions of the request's text, so that no request can make them throw.
 */

/**
 * A request target read to a decoded site path, or the reason it cannot be
 * answered (400); `host` is the host an absolute-form target names.
 */
export type Target = ({ path: string; search: string } | { refused: string }) & { host?: string };

/**
 * Reads a request target: origin-form (`/items/a?x`) or absolute-form
 * (`http://localhost:8080/items/a`, which a client should send only to a
 * proxy, but may send to any server). `path` is percent-decoded, with no dot
 * segments and no runs of slashes; anything else (`*`, another scheme, a
 * fragment, malformed percent-encoding) is refused with a reason.
 */
export function readTarget(target: string): Target {
  const absolute = /^https?:\/\/([^/?#]*)/i.exec(target);
  if (!absolute) return readPath(target);
  const rest = target.slice(absolute[0].length);
  const host = absolute[1]!.replace(/^[^@]*@/, '');
  return { ...readPath(rest.startsWith('/') ? rest : `/${rest}`), host };
}

function readPath(target: string): Target {
  if (!target.startsWith('/')) return { refused: 'this is not a path on this server' };
  if (target.includes('#')) return { refused: 'a request cannot name a fragment (#)' };
  const query = target.indexOf('?');
  const path = safePath(query < 0 ? target : target.slice(0, query));
  if (typeof path !== 'string') return path;
  return { path, search: query < 0 ? '' : target.slice(query) };
}

/**
 * The decoded request path, or why it is refused: malformed percent-encoding,
 * or a path that could leave the site (`..` in any spelling, backslashes, NUL).
 * Runs of slashes become one, so no path starts with `//`.
 */
export function safePath(pathname: string): string | { refused: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { refused: 'the path has malformed percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { refused: 'this path leaves the site' };
  if (decoded.split('/').some((part) => part === '..' || part === '.'))
    return { refused: 'this path leaves the site' };
  return decoded.replace(/\/{2,}/g, '/');
}

/**
 * A decoded site path written back for a `Location` header: every character
 * a path may not hold literally (non-ASCII, controls, `%`, `?`, `#`, spaces)
 * percent-encoded as UTF-8, so the header is valid and cannot be split.
 */
export function encodePath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, percent);
}

/** A query as received (still percent-encoded), with anything a header may not hold encoded. */
export function encodeQuery(search: string): string {
  return search.replace(/[^\x21-\x7e]/gu, percent);
}

function percent(c: string): string {
  let out = '';
  for (const byte of Buffer.from(c, 'utf8'))
    out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/**
 * The host a request is addressed to: the one an absolute-form target names
 * (the Host header is then ignored, RFC 9112 §3.2.2), else its Host header;
 * undefined when it has none, refused when it has more than one.
 */
export function requestHost(
  target: Target,
  hosts: readonly string[],
): { host: string | undefined } | { refused: string } {
  if (hosts.length > 1) return { refused: 'a request has one Host header' };
  return { host: 'host' in target ? target.host : hosts[0] };
}

/** The names a preview always answers to, besides IP addresses and the host it listens on. */
const LOOPBACK_NAMES = ['localhost'];

/**
 * Whether a request's `Host` (`localhost:8080`, `[::1]:8080`) may be answered.
 * A web page that points its own name at 127.0.0.1 (DNS rebinding) sends its
 * own name as the host; refusing every name but `localhost` and the one the
 * server listens on keeps such pages from reading the preview. IP addresses
 * cannot be rebound and are allowed, so the preview can be opened by address
 * from another device when it listens on 0.0.0.0. No `Host` at all (an
 * HTTP/1.0 client, never a browser) is allowed too. The port is not compared:
 * it does not tell rebinding apart, and a forwarded port changes it.
 */
export function isAllowedHost(header: string | undefined, listenHost: string): boolean {
  if (header === undefined) return true;
  const name = hostName(header);
  if (name === undefined) return false;
  if (name.ip) return true;
  return LOOPBACK_NAMES.includes(name.host) || name.host === listenHost.toLowerCase();
}

/** The host of a `Host` value, lowercased, or undefined when it is not `host[:port]`. */
export function hostName(header: string): { host: string; ip: boolean } | undefined {
  const ipv6 = /^\[([0-9a-fA-F:.]+)\](?::\d*)?$/.exec(header);
  if (ipv6) return isIP(ipv6[1]!) === 6 ? { host: ipv6[1]!.toLowerCase(), ip: true } : undefined;
  const named = /^([A-Za-z0-9._-]+)(?::\d*)?$/.exec(header);
  if (!named) return undefined;
  const host = named[1]!.toLowerCase();
  return { host, ip: isIP(host) === 4 };
}

/** The plain-text answer to a host that is not allowed, from `gazette dev` or `gazette serve`. */
export function blockedHostMessage(
  header: string,
  listenHost: string,
  command: 'dev' | 'serve' = 'dev',
): string {
  const name = hostName(header)?.host;
  const shown = JSON.stringify(name ?? header);
  return [
    `Blocked request: this gazette ${command} preview does not answer to the host ${shown}.`,
    `It answers to localhost, IP addresses such as 127.0.0.1 and [::1], and the host it listens on (${JSON.stringify(listenHost)}),`,
    `so that other web sites cannot read the preview${command === 'dev' ? ', drafts included,' : ''} by pointing their own name at this machine (DNS rebinding).`,
    `To preview it under this name, start it with the name: gazette ${command} --host ${name ?? '<name>'}`,
    '',
  ].join('\n');
}
