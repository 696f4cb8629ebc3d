import path from 'node:path';
import { startEmbeddedPostgres, EmbeddedServer } from '../../db/embedded-postgres';

declare global {
  var embeddedTestServer: EmbeddedServer | undefined;
}

/**
 * `npm test` works with DATABASE_URL (any server where we may create databases) and without it:
 * then an embedded PostgreSQL is started for the run. Each test file makes its own database.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const server = await startEmbeddedPostgres({
    dataDir: path.join(__dirname, '..', '..', '.data', 'postgres-test'),
    port: Number(process.env.EMBEDDED_PG_TEST_PORT ?? 54330),
    fsync: false,
    discardIncompatible: true,
  });
  globalThis.embeddedTestServer = server;
  process.env.DATABASE_URL = server.adminUrl;
}
