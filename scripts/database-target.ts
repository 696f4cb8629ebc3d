import path from 'node:path';
import { withDatabase } from '../db/database-url';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { createDatabaseIfMissing } from '../db/start-database';

/** The program's database as backup and restore reach it: untouched (no migrations run). */
export interface DatabaseTarget {
  /** Connection URL without the password (programs get that through PGPASSWORD). */
  url: string;
  password?: string;
  /** With the password, for this process's own connections. */
  connectionUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL, or the embedded PostgreSQL where `npm start` keeps its data (the same defaults:
 * DATA_DIR, EMBEDDED_PG_PORT, database `gascert`); a running program's server is attached to,
 * a stopped one is started for the command and stopped after it.
 */
export async function openDatabaseTarget(): Promise<DatabaseTarget> {
  let full = process.env.DATABASE_URL;
  let stop = async (): Promise<void> => undefined;
  if (!full) {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(process.env.DATA_DIR ?? '.data', 'postgres'),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    });
    stop = () => server.stop();
    await createDatabaseIfMissing(server.adminUrl, 'gascert');
    full = withDatabase(server.adminUrl, 'gascert');
  }
  const u = new URL(full);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  // A password in the arguments of pg_dump would show in every process listing.
  u.password = '';
  return {
    url: u.toString(),
    password,
    connectionUrl: full,
    embedded: !process.env.DATABASE_URL,
    stop,
  };
}

/** The environment for a PostgreSQL client program reaching `target`. */
export function clientEnv(target: DatabaseTarget): NodeJS.ProcessEnv {
  return target.password ? { ...process.env, PGPASSWORD: target.password } : { ...process.env };
}
