import type { Knex } from 'knex';

/**
 * One engine migration. The shape of knex's migration objects, so any knex migration source
 * (the application's db/migration-source.ts, or migrate.ts here) can run the engine's list.
 */
export interface EngineMigration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}
