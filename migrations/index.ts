import type { Migration } from '../db/migration-source';

/** The application's migrations, in order. Append only; never edit a shipped one. */
export const appMigrations: Migration[] = [];
