import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';

export interface HttpServer {
  address: AddressInfo;
  stop(): Promise<void>;
}

/** Listens on `port` (0 picks a free one, as tests do) and resolves once bound. */
export async function listen(
  handler: RequestListener,
  port: number,
  host = '0.0.0.0',
): Promise<HttpServer> {
  const server: Server = createServer(handler);
  // Longer than typical client keep-alive so reused sockets are not cut mid-request.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    address: server.address() as AddressInfo,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
