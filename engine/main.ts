import knex from 'knex';
import { migrateEngine } from './migrations/migrate';
import { serveStandalone } from './standalone';

/**
 * The engine as a program of its own, needing nothing outside engine/: the PostgreSQL in
 * DATABASE_URL, its schema migrated in its own table, then served as in standalone.ts. The
 * project's `npm run engine` (scripts/engine.ts) adds the embedded PostgreSQL of `npm start`.
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required (postgres://user:password@host:5432/db)');
  const db = knex({ client: 'pg', connection: url, pool: { min: 0, max: 20 } });
  await migrateEngine(db);
  await serveStandalone(db, () => db.destroy());
}

main().catch((e) => {
  console.error('engine: failed to start', e);
  process.exit(1);
});
