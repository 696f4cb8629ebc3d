/**
 * The entry of the engine's own worker thread (start-engine-thread.ts): a pool of its own on the
 * same database, the REST server and the background loops, so the engine's HTTP, JSON and SQL
 * work runs beside the application's event loop instead of on it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import knex from 'knex';
import type { EngineLog } from './engine-log';
import { EngineOptions, startEngine } from './start-engine';

export interface EngineThreadData {
  url: string;
  poolMax: number;
  options: Omit<EngineOptions, 'db' | 'log'>;
}

export type EngineThreadMessage =
  | {
      kind: 'listening';
      address: { address: string; family: string; port: number };
      grpcAddress?: { address: string; family: string; port: number };
    }
  | { kind: 'failed'; message: string }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; message: string; error?: string }
  | { kind: 'stopped' };

const port = parentPort!;
const post = (m: EngineThreadMessage) => port.postMessage(m);
const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

/** Log lines go to the parent, whose logger writes them. */
const log: EngineLog = {
  info: (message) => post({ kind: 'log', level: 'info', message }),
  warn: (message, e) =>
    post({ kind: 'log', level: 'warn', message, error: e === undefined ? undefined : describe(e) }),
  error: (message, e) =>
    post({
      kind: 'log',
      level: 'error',
      message,
      error: e === undefined ? undefined : describe(e),
    }),
};

async function run(): Promise<void> {
  const data = workerData as EngineThreadData;
  // A pool of its own, as the program's: int8 arrives as text, keys stay exact.
  const db = knex({ client: 'pg', connection: data.url, pool: { min: 0, max: data.poolMax } });
  const engine = await startEngine({ ...data.options, db, log });
  post({ kind: 'listening', address: engine.address, grpcAddress: engine.grpcAddress });
  port.on('message', (m: { kind: string }) => {
    if (m.kind !== 'stop') return;
    void (async () => {
      await engine.stop();
      await db.destroy();
      post({ kind: 'stopped' });
    })();
  });
}

run().catch((e) => post({ kind: 'failed', message: describe(e) }));
