import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import { connect } from '../../db/connect';
import { withDatabase } from '../../db/database-url';
import { migrateAll } from '../../db/migrate';

export interface TestDatabase {
  db: Knex;
  url: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: jest globalSetup should have set it');
  return url;
}

async function admin<T>(sql: string): Promise<T | void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database of its own for one test file, on whichever server the run uses,
 * so test files run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(
  options: { migrate?: boolean; poolMax?: number } = {},
): Promise<TestDatabase> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = withDatabase(serverUrl(), name);
  const db = connect(url, options.poolMax);
  if (options.migrate !== false) await migrateAll(db);
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
