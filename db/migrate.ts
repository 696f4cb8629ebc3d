import type { Knex } from 'knex';
import { listSource } from './migration-source';
import { appMigrations } from '../migrations';
import { engineMigrations } from '../engine/migrations';

/**
 * The engine keeps its own migration table: in production its state lives in Zeebe, so its
 * schema must be installable (and removable) independently of the application's.
 */
export async function migrateEngine(db: Knex): Promise<void> {
  await db.migrate.latest({
    migrationSource: listSource(engineMigrations),
    tableName: 'engine_knex_migrations',
  });
}

export async function migrateApp(db: Knex): Promise<void> {
  await db.migrate.latest({ migrationSource: listSource(appMigrations) });
}

export async function migrateAll(db: Knex): Promise<void> {
  await migrateEngine(db);
  await migrateApp(db);
}
