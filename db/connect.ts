import knex, { Knex } from 'knex';
import pg from 'pg';

// int8 and numeric come back as strings (keys are int64 carried as strings end to end);
// `date` columns come back as the calendar date text 'YYYY-MM-DD', never as a JS Date
// shifted by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export function connect(url: string, poolMax = 10): Knex {
  return knex({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: poolMax },
  });
}
