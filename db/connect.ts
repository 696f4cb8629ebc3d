import knex, { Knex } from 'knex';
import pg from 'pg';

// int8 and numeric come back as strings (keys are int64 carried as strings end to end);
// `date` columns come back as the calendar date text 'YYYY-MM-DD', never as a JS Date
// shifted by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * One pool serves the engine, the workers and the API of a process. Long polls, worker
 * transactions and an API transaction that waits for an engine command all hold or need a
 * connection at once; 10 ran dry under load, so the default leaves room (connections open lazily).
 */
export function connect(url: string, poolMax = 30): Knex {
  return knex({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: poolMax },
  });
}
