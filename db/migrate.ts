import type { Knex } from 'knex';
import { listSource } from './migration-source';
import { appMigrations } from '../migrations';
import { migrateEngine } from '../engine';

export async function migrateApp(db: Knex): Promise<void> {
  await db.migrate.latest({ migrationSource: listSource(appMigrations) });
}

/**
 * The engine's schema first, in its own migration table (engine_knex_migrations): in production
 * its state lives in Zeebe, so it must be installable (and removable) independently of ours.
 */
export async function migrateAll(db: Knex): Promise<void> {
  await migrateEngine(db);
  await migrateApp(db);
}
