import { connect } from 'node:net';

/**
 * HTTP requests written byte for byte to a raw socket, for the tests of
 * `gazette dev` and `gazette serve`: a well-behaved client library would
 * refuse to send most of the requests they send.
 */

export interface Answer {
  status: number;
  headers: Map<string, string[]>;
  body: string;
  /** The whole answer as received, for debugging. */
  raw: string;
}

/**
 * Writes `request` to a new connection and reads until the server closes it
 * (or, for a stream that stays open, until `until` is received).
 */
export function raw(port: number, request: string | Buffer, until?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer to ${JSON.stringify(String(request).slice(0, 80))}`));
    }, 3000);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (until !== undefined && Buffer.concat(chunks).includes(until)) socket.destroy();
    });
    socket.on('error', () => {}); // a reset after the answer is fine
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Map<string, string[]>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).toLowerCase();
        headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
      }
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      resolve({ status, headers, body: rest.join('\r\n\r\n'), raw: text });
    });
    socket.write(request);
  });
}

/** A GET request line and headers; `host` undefined sends no Host header. */
export function request(target: string, host: string | undefined, method = 'GET'): string {
  return `${method} ${target} HTTP/1.1\r\n${host === undefined ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`;
}
