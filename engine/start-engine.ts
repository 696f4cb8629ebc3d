import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { listen } from './http-listener';
import { Engine, InstanceWaiters } from './engine';
import { EngineContext } from './runtime/engine-context';
import { JobNotifier } from './runtime/job-notifier';
import { createEngineApp } from './rest/app';
import { withFastLane } from './rest/fast-lane';
import { startTimerLoop } from './loops/timer-loop';
import { startHousekeeping } from './loops/housekeeping';
import { listenForEvents } from './loops/notifications';
import { broadcastSignal } from './commands/signals';
import type { EngineLog } from './engine-log';
import { EngineAuth, withAuthentication } from './rest/auth';
import { pinClock } from './clock';
import { startGrpcServer } from './grpc/server';

export type { EngineAuth } from './rest/auth';

export interface StartedEngine {
  address: AddressInfo;
  /** Where the gRPC face listens, when started (`grpcPort`). */
  grpcAddress?: { address: string; family: string; port: number };
  stop(): Promise<void>;
}

export interface EngineOptions {
  db: Knex;
  port: number;
  /**
   * The Zeebe gateway's gRPC face on this port (Zeebe's is 26500; 0 picks a free one), on the
   * same interface and behind the same credentials as REST; none when absent.
   */
  grpcPort?: number;
  /** The interface to listen on; 127.0.0.1 unless configured otherwise. */
  host?: string;
  /** Who may call it: required, so that an open engine is always a visible choice. */
  auth: EngineAuth;
  /** Whether the clock may be pinned (tests); false leaves it at system time. */
  clockControlled?: boolean;
  /** Where trouble is reported; console by default. */
  log?: EngineLog;
}

/**
 * Serves the Camunda 8.8 REST API (`/v2`) on `port`, the Zeebe gateway's gRPC API on
 * `grpcPort` when given, and runs the background loops (timers,
 * job-timeout wakeups, message TTL). Several engine processes may share one database.
 */
export async function startEngine(options: EngineOptions): Promise<StartedEngine> {
  const { db } = options;
  const clockControlled = options.clockControlled ?? false;
  // A pin left by an earlier run with a controlled clock must not outlive it: "now" is the
  // system time whenever the clock is not controlled.
  if (!clockControlled) await pinClock(db, null);
  const ctx = new EngineContext(db);
  const engine: Engine = {
    db,
    ctx,
    jobs: new JobNotifier(),
    instances: new InstanceWaiters(),
    kickTimers: () => undefined,
    broadcastSignal: (name, variables) => broadcastSignal(engine, name, variables),
    log: options.log ?? console,
    clockControlled,
  };
  ctx.onInstancesEnded = (keys) => keys.forEach((k) => engine.instances.notify(k));
  ctx.onSignals = (signals) => {
    for (const s of signals)
      engine
        .broadcastSignal(s.name, s.variables)
        .catch((e) => engine.log.error('engine: signal', e));
  };
  const events = await listenForEvents(engine);
  const timers = startTimerLoop(engine);
  engine.kickTimers = timers.kick;
  ctx.onTimersChanged = timers.kick;
  const housekeeping = startHousekeeping(engine);
  const app = withAuthentication(options.auth, withFastLane(engine, createEngineApp(engine)));
  const host = options.host ?? '127.0.0.1';
  const server = await listen(app, options.port, host);
  const grpc =
    options.grpcPort === undefined
      ? undefined
      : await startGrpcServer(engine, { port: options.grpcPort, host, auth: options.auth }).catch(
          async (e) => {
            await server.stop();
            throw e;
          },
        );
  return {
    address: server.address,
    grpcAddress: grpc?.address,
    stop: async () => {
      await grpc?.stop();
      await server.stop();
      await timers.stop();
      await housekeeping.stop();
      await events.stop();
    },
  };
}
