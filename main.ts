import { createApp } from './api/app';
import { listen } from './api/http-server';
import { startDatabase } from './db/start-database';
import { startEngine } from './engine/start-engine';
import { engineNow } from './engine/clock';

/**
 * `npm start`: the whole system on one machine. Database (embedded unless DATABASE_URL),
 * migrations, the embedded engine (Camunda 8.8 REST on ENGINE_PORT), then the API. Stops cleanly on SIGINT/SIGTERM so the embedded server shuts down.
 */
async function main(): Promise<void> {
  const database = await startDatabase({ log: (l) => process.env.DEBUG_PG && console.log(l) });
  const engine = await startEngine({
    db: database.db,
    port: Number(process.env.ENGINE_PORT ?? 8080),
  });
  const api = await listen(
    // One clock for the API and the processes: the engine's, which tests can pin.
    createApp({ db: database.db, now: () => engineNow(database.db) }),
    Number(process.env.PORT ?? 3000),
  );
  console.log(
    `gas-cert: API on http://localhost:${api.address.port}, engine on http://localhost:${engine.address.port}/v2 (database: ${database.embedded ? 'embedded' : 'DATABASE_URL'})`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`gas-cert: ${signal}, stopping`);
    await api.stop();
    await engine.stop();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  console.error('gas-cert: failed to start', e);
  process.exit(1);
});
