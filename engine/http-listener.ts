import type { AddressInfo } from 'node:net';
import { createServer, RequestListener } from 'node:http';

/** The engine's own HTTP listener, so that engine/ depends on nothing outside itself. */
export interface EngineListener {
  address: AddressInfo;
  stop(): Promise<void>;
}

/** Listens on `port` (0 picks a free one, as tests do) and resolves once bound. */
export async function listen(
  handler: RequestListener,
  port: number,
  host: string,
): Promise<EngineListener> {
  const server = createServer(handler);
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
        // Long polls would hold close() open for their whole request timeout.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
