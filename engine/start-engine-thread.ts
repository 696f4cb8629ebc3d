import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EngineLog } from './engine-log';
import type { EngineThreadData, EngineThreadMessage } from './engine-thread';
import type { EngineOptions, StartedEngine } from './start-engine';

/**
 * Starts the engine on a worker thread of its own (`ENGINE_THREAD`, on by default in
 * `npm start`): same REST API, same database (through its own pool), same guarantees — every
 * command is still one PostgreSQL transaction — but its CPU no longer competes with the API
 * and the job workers for one event loop. A crash of the process ends the thread with it.
 */
export async function startEngineThread(
  url: string,
  options: Omit<EngineOptions, 'db' | 'log'> & { log?: EngineLog; poolMax?: number },
): Promise<StartedEngine> {
  const { log = console, poolMax = 20, ...engineOptions } = options;
  const data: EngineThreadData = { url, poolMax, options: engineOptions };
  // The thread loads TypeScript through tsx's require hook (also under ts-jest, whose hooks
  // threads do not inherit), from a two-line script: a .ts file given to Worker directly is
  // resolved before any loader of the thread is in place.
  const entry = path.join(__dirname, 'engine-thread.ts');
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();
require(${JSON.stringify(entry)});`;
  const worker = new Worker(bootstrap, { eval: true, workerData: data });
  let onStopped: (() => void) | undefined;
  let grpcAddress: StartedEngine['grpcAddress'];
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    worker.on('message', (m: EngineThreadMessage) => {
      if (m.kind === 'listening') {
        grpcAddress = m.grpcAddress;
        resolve(m.address as AddressInfo);
      } else if (m.kind === 'failed') reject(new Error(`engine thread: ${m.message}`));
      else if (m.kind === 'log') log[m.level](m.message, m.error);
      else if (m.kind === 'stopped') onStopped?.();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`engine thread exited with ${code}`)));
  });
  let stopping = false;
  worker.on('error', (e) => log.error('engine thread: failed', e));
  worker.on('exit', (code) => {
    if (!stopping) log.error(`engine thread: ended unexpectedly with exit code ${code}`);
  });
  return {
    address,
    grpcAddress,
    stop: async () => {
      stopping = true;
      await new Promise<void>((resolve) => {
        onStopped = resolve;
        worker.postMessage({ kind: 'stop' });
      });
      await worker.terminate();
    },
  };
}
