import type { Migration } from '../../db/migration-source';

/** The embedded engine's migrations, in order. Append only. */
export const engineMigrations: Migration[] = [];
