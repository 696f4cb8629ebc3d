import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Knex } from 'knex';
import pg from 'pg';
import { connect } from '../db/connect';
import { withDatabase } from '../db/database-url';
import { migrateAll } from '../db/migrate';
import { createDatabaseIfMissing, Database, startDatabase } from '../db/start-database';

/** What the benchmarks (scripts/bench-*.ts) share: their database, CPU accounting, figures. */

/** The p-th percentile (nearest rank) of `xs`; NaN when empty. */
export const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `process.cpuUsage()` (or a difference of two) in milliseconds. */
export const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

export interface BenchDatabase {
  /** The server: DATABASE_URL's, or an embedded one (see db/start-database). */
  server: Pick<Database, 'url' | 'embedded' | 'stop'>;
  /** A fresh database of its own on that server, migrated. */
  name: string;
  url: string;
  db: Knex;
  /** A connection to the server's `postgres` database, for /proc accounting and the drop. */
  admin: pg.Client;
  /** Drops the bench database and stops the server (the caller destroyed `db` first). */
  drop(): Promise<void>;
}

/** A fresh, migrated database on the machine's PostgreSQL (fsync as the server has it). */
export async function openBenchDatabase(poolMax?: number): Promise<BenchDatabase> {
  // DATABASE_URL names the server only: its own database is neither migrated nor touched.
  const given = process.env.DATABASE_URL;
  const server: BenchDatabase['server'] = given
    ? { url: given, embedded: false, stop: async () => undefined }
    : await startDatabase();
  const name = `bench_${randomBytes(4).toString('hex')}`;
  await createDatabaseIfMissing(withDatabase(server.url, 'postgres'), name);
  const url = withDatabase(server.url, name);
  const db = connect(url, poolMax);
  await migrateAll(db);
  const admin = new pg.Client({ connectionString: withDatabase(server.url, 'postgres') });
  await admin.connect();
  return {
    server,
    name,
    url,
    db,
    admin,
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      await server.stop();
    },
  };
}

/** CPU ms so far of PostgreSQL's backends on `database` and of its WAL writer (from /proc). */
export async function postgresCpu(
  admin: pg.Client,
  database: string,
): Promise<Map<number, number>> {
  const { rows } = await admin.query(
    `select pid from pg_stat_activity where datname = $1 or backend_type = 'walwriter'`,
    [database],
  );
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // not on this machine, or gone meanwhile
    }
  }
  return out;
}

/**
 * PostgreSQL's CPU ms between two `postgresCpu` readings; a backend that started in between
 * counts whole (one that ended in between is lost: the pools keep theirs open).
 */
export function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>) {
  let ms = 0;
  for (const [pid, total] of after) ms += total - (before.get(pid) ?? 0);
  return ms;
}

/** Counts every statement this process sends (knex and the engine's direct ones alike). */
export function countStatements(): () => number {
  let n = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    n++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  return () => n;
}

/**
 * The SDK's winston logger formats every debug line even at log level `none` (about 6% of the
 * bench:engine load process); a program that wants no SDK logging passes one that drops them.
 */
const ignore = () => undefined;
export const silentLogger = {
  info: ignore,
  warn: ignore,
  error: ignore,
  debug: ignore,
  trace: ignore,
};
