import type { Knex } from 'knex';
import { engineMigrations } from './index';
import type { EngineMigration } from './migration';

/**
 * Brings the engine's schema up to date in its own migration table, independent of whatever
 * else lives in the database (an embedding application migrates its own tables itself).
 */
export async function migrateEngine(db: Knex): Promise<void> {
  const source: Knex.MigrationSource<EngineMigration> = {
    getMigrations: async () => engineMigrations,
    getMigrationName: (m) => m.name,
    getMigration: async (m) => m,
  };
  await db.migrate.latest({ migrationSource: source, tableName: 'engine_knex_migrations' });
}
