import path from 'node:path';
import pg from 'pg';
import type { Knex } from 'knex';
import { connect } from './connect';
import { withDatabase } from './database-url';
import { startEmbeddedPostgres, EmbeddedServer } from './embedded-postgres';
import { migrateAll } from './migrate';

export interface Database {
  db: Knex;
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface DatabaseOptions {
  /** Defaults to process.env.DATABASE_URL; when empty an embedded server is started. */
  url?: string;
  dataDir?: string;
  embeddedPort?: number;
  log?: (line: string) => void;
  poolMax?: number;
}

const APP_DATABASE = 'gascert';

/**
 * The one way the programs get a database: DATABASE_URL when set, otherwise an embedded
 * PostgreSQL under `.data/postgres`. Either way the database exists and is migrated on return.
 */
export async function startDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const given = options.url ?? process.env.DATABASE_URL;
  let server: EmbeddedServer | undefined;
  let url: string;
  if (given) {
    url = given;
  } else {
    server = await startEmbeddedPostgres({
      dataDir: options.dataDir ?? path.join(process.env.DATA_DIR ?? '.data', 'postgres'),
      port: options.embeddedPort ?? Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      log: options.log,
    });
    url = withDatabase(server.adminUrl, APP_DATABASE);
    await createDatabaseIfMissing(server.adminUrl, APP_DATABASE);
  }
  const db = connect(url, options.poolMax);
  try {
    await migrateAll(db);
  } catch (e) {
    await db.destroy();
    await server?.stop();
    throw e;
  }
  return {
    db,
    url,
    embedded: server !== undefined,
    stop: async () => {
      await db.destroy();
      await server?.stop();
    },
  };
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
