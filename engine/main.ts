import { startDatabase } from '../db/start-database';
import { startEngine } from './start-engine';

/**
 * `npm run engine`: the engine alone on ENGINE_PORT (default 8080, the SDK's default address),
 * over the project's database (embedded PostgreSQL unless DATABASE_URL).
 */
async function main(): Promise<void> {
  const database = await startDatabase({ log: (l) => process.env.DEBUG_PG && console.log(l) });
  const engine = await startEngine({
    db: database.db,
    port: Number(process.env.ENGINE_PORT ?? 8080),
  });
  console.log(`engine: Camunda 8.8 REST API on http://localhost:${engine.address.port}/v2`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`engine: ${signal}, stopping`);
    await engine.stop();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  console.error('engine: failed to start', e);
  process.exit(1);
});
