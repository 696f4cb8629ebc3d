import { startDatabase } from '../db/start-database';
import { serveStandalone } from '../engine';

/**
 * `npm run engine`: the engine alone over the project's database, as `npm start` finds it
 * (embedded PostgreSQL unless DATABASE_URL, every migration run). engine/main.ts is the same
 * without the project: DATABASE_URL only.
 */
async function main(): Promise<void> {
  const database = await startDatabase({ log: (l) => process.env.DEBUG_PG && console.log(l) });
  await serveStandalone(database.db, () => database.stop());
}

main().catch((e) => {
  console.error('engine: failed to start', e);
  process.exit(1);
});
