import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts a server made by `make` on `port`, or the next free one (up to 20
 * further), on `host`; resolves with the server and the port it got. Port 0
 * takes any free port.
 */
export async function listenFrom(
  make: () => Server,
  port: number,
  host: string,
): Promise<{ server: Server; port: number }> {
  for (let p = port; p < port + 21; p++) {
    const server = make();
    const ok = await new Promise<boolean>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error),
      );
      server.listen(p, host, () => resolve(true));
    });
    if (ok) return { server, port: (server.address() as AddressInfo).port };
  }
  throw new Error(`no free port from ${port} to ${port + 20}`);
}
