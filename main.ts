import { randomBytes } from 'node:crypto';
import { Camunda8 } from '@camunda8/sdk';
import { createApp } from './api/app';
import { modelerWriteBack } from './api/use-cases/modeler/write-back-setting';
import { listen } from './api/http-server';
import { startDatabase } from './db/start-database';
import { businessNow, clockControlled, dropStalePin } from './clock/business-clock';
import { engineSettings, startEngine, startEngineThread } from './engine';
import type { EngineLog, StartedEngine } from './engine';
import { logger } from './log/logger';
import { startScheduler } from './scheduler/schedule';
import { deployProcesses } from './processes/deploy';
import { ENGINE_PASSWORD_SECRET, getOrCreateSecret } from './repositories/app-secrets';
import { startOutboxDrainer } from './workers/runtime/outbox-drainer';
import { maxLagFromEnv, startWorkers } from './workers/runtime/start-workers';
import { closeSharedPdfPool } from './documents/pdf-pool';
import { ensureWebBuilt } from './api/web/build-web';

/** The engine reports through an interface of its own (it imports nothing outside engine/). */
const engineLog: EngineLog = {
  info: (message) => logger.info(message),
  warn: (message, err) => logger.warn({ err }, message),
  error: (message, err) => logger.error({ err }, message),
};

/**
 * `npm start`: the whole system on one machine. Database (embedded unless DATABASE_URL),
 * migrations, the embedded engine (Camunda 8.8 REST on ENGINE_PORT) — or a real Camunda 8
 * cluster when ZEEBE_REST_ADDRESS is set —, the diagrams deployed, the job workers, the API.
 */
async function main(): Promise<void> {
  // PostgreSQL's own output (embedded server) shows with LOG_LEVEL=debug.
  // The browser apps are built from web-modeler/ when their sources changed, beside the start:
  // the API and the processes do not wait for them; meanwhile their pages answer 503.
  void ensureWebBuilt().then(
    (built) => built.length && logger.info(`gas-cert: built the web pages ${built.join(', ')}`),
    (err) => logger.error({ err }, 'gas-cert: the web pages could not be built'),
  );
  const database = await startDatabase({ log: (l) => logger.debug({ postgres: l }, 'postgres') });
  const db = database.db;
  // The business clock moves only where explicitly enabled; otherwise a pin left by a
  // controlled run (a test database reused) is dropped and "now" is the system time.
  const controlled = clockControlled(process.env);
  if (!controlled) await dropStalePin(db);
  let engine: StartedEngine | undefined;
  let address = process.env.ZEEBE_REST_ADDRESS;
  // A real cluster is configured by the SDK's own CAMUNDA_* variables; our embedded engine gets
  // Basic credentials (ENGINE_PASSWORD, or one generated once and kept in the database) and
  // the SDK is wired with the same, so `npm start` needs no setup and the port is never open.
  let sdkAuth: Record<string, string> = {
    CAMUNDA_AUTH_STRATEGY: process.env.CAMUNDA_AUTH_STRATEGY ?? 'NONE',
  };
  if (!address) {
    const stored = await getOrCreateSecret(db, ENGINE_PASSWORD_SECRET, () =>
      randomBytes(24).toString('base64url'),
    );
    // A controlled business clock needs an embedded engine whose clock it can move with it.
    const settings = engineSettings(
      controlled ? { ...process.env, ENGINE_CLOCK_CONTROLLED: 'true' } : process.env,
      stored,
    );
    // On a thread of its own unless ENGINE_THREAD=false: the engine's HTTP, JSON and SQL work
    // then runs beside the API and the workers instead of on their event loop.
    engine =
      process.env.ENGINE_THREAD === 'false'
        ? await startEngine({ db, ...settings, log: engineLog })
        : await startEngineThread(database.url, { ...settings, log: engineLog });
    const host = ['0.0.0.0', '::'].includes(settings.host) ? '127.0.0.1' : settings.host;
    address = `http://${host.includes(':') ? `[${host}]` : host}:${engine.address.port}`;
    sdkAuth =
      settings.auth === 'none'
        ? { CAMUNDA_AUTH_STRATEGY: 'NONE' }
        : {
            CAMUNDA_AUTH_STRATEGY: 'BASIC',
            CAMUNDA_BASIC_AUTH_USERNAME: settings.auth.basic!.username,
            CAMUNDA_BASIC_AUTH_PASSWORD: settings.auth.basic!.password,
          };
  }
  const camunda = new Camunda8({
    ZEEBE_REST_ADDRESS: address,
    ...sdkAuth,
    CAMUNDA_LOG_LEVEL: (process.env.CAMUNDA_LOG_LEVEL ?? 'none') as 'none',
  } as never).getCamundaRestClient();
  const deployed = await deployProcesses(camunda);
  const workers = startWorkers({ db, camunda, log: logger, maxLagMs: maxLagFromEnv() });
  // Owed process starts and messages, and decisions a crash left half-done, from the first pass.
  const outbox = startOutboxDrainer({ db, camunda, log: logger });
  // The daily work (SPEC §7.5) beside the workers: at start (catch-up) and daily at 00:10 in
  // China; SCHEDULER=off leaves it to another program on the same database.
  const scheduler =
    process.env.SCHEDULER === 'off' ? undefined : startScheduler({ db, log: logger });
  // One business clock for the API, the workers and the scheduler (clock/business-clock.ts).
  const api = await listen(
    createApp({
      db,
      now: () => businessNow(db),
      clockControlled: controlled,
      camunda,
      workers,
      log: logger,
      processesWriteBack: modelerWriteBack(process.env),
    }),
    Number(process.env.PORT ?? 3000),
  );
  logger.info(
    `gas-cert: API on http://localhost:${api.address.port}, engine ${engine ? `embedded on http://localhost:${engine.address.port}/v2${engine.grpcAddress ? ` and gRPC localhost:${engine.grpcAddress.port}` : ''}` : `at ${address}`}, database ${database.embedded ? 'embedded' : 'from DATABASE_URL'}; deployed ${deployed.join(', ')}`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`gas-cert: ${signal}, stopping`);
    await api.stop();
    await scheduler?.stop();
    await workers.stop();
    await outbox.stop();
    await engine?.stop();
    await closeSharedPdfPool();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  logger.error({ err: e }, 'gas-cert: failed to start');
  process.exit(1);
});
