import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { Engine } from '../engine';
import type { EngineAuth } from '../rest/auth';
import { gatewayService } from './proto';
import { authInterceptor } from './auth';
import { Calls } from './calls';
import { jobHandlers } from './jobs';
import { instanceHandlers } from './instances';
import { resourceHandlers } from './resources';
import { eventHandlers } from './events';

export interface GrpcListener {
  address: { address: string; family: string; port: number };
  stop(): Promise<void>;
}

/**
 * https://docs.camunda.io/docs/apis-tools/zeebe-api/grpc/
 * The Zeebe gateway's gRPC face of the engine (`gateway_protocol.Gateway`, Zeebe's port 26500)
 * beside the REST one: every RPC over the same commands, behind the same credentials.
 * Plaintext (no TLS), as a self-managed gateway by default; 0 picks a free port (tests).
 */
export async function startGrpcServer(
  engine: Engine,
  options: { port: number; host: string; auth: EngineAuth },
): Promise<GrpcListener> {
  const server = new Server({
    interceptors: options.auth === 'none' ? [] : [authInterceptor(options.auth)],
    // REST takes bodies up to 16 MB; deployments and variables travel as one message here.
    'grpc.max_receive_message_length': 16 * 1024 * 1024,
    'grpc.max_send_message_length': -1,
  });
  const calls = new Calls(engine.log);
  server.addService(gatewayService(), {
    ...jobHandlers(engine, calls),
    ...instanceHandlers(engine, calls),
    ...resourceHandlers(engine, calls),
    ...eventHandlers(engine, calls),
  });
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${options.port}`, ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: { address: options.host, family: host === options.host ? 'IPv4' : 'IPv6', port },
    stop: async () => {
      await calls.stop();
      server.forceShutdown();
    },
  };
}
