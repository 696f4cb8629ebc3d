import type { Knex } from 'knex';

/** Failures kept at most this long; every window the throttle asks about is shorter. */
const RETENTION_MS = 24 * 60 * 60 * 1000;

/** Failures newest first, at most `limit` of them since `since`. */
export interface RecentWindow {
  since: Date;
  limit: number;
}

export interface FailureCounts {
  username: Date[];
  address: Date[];
}

/** Appends one failed login and prunes failures past retention. */
export async function recordLoginFailure(
  db: Knex,
  failure: { username: string; address: string; at: Date },
): Promise<void> {
  await db('login_failures').insert({
    username: failure.username,
    address: failure.address,
    failed_at: failure.at,
  });
  await db('login_failures')
    .where('failed_at', '<', new Date(failure.at.getTime() - RETENTION_MS))
    .delete();
}

async function recent(
  db: Knex,
  column: 'username' | 'address',
  value: string,
  since: Date,
  limit: number,
): Promise<Date[]> {
  const rows: Array<{ failed_at: Date }> = await db('login_failures')
    .where(column, value)
    .andWhere('failed_at', '>', since)
    .orderBy('failed_at', 'desc')
    .limit(limit)
    .select('failed_at');
  return rows.map((r) => r.failed_at);
}

/** The latest failures of a username and of an address, each since its own time. */
export async function recentLoginFailures(
  db: Knex,
  key: { username: string; address: string },
  window: { username: RecentWindow; address: RecentWindow },
): Promise<FailureCounts> {
  const [username, address] = await Promise.all([
    recent(db, 'username', key.username, window.username.since, window.username.limit),
    recent(db, 'address', key.address, window.address.since, window.address.limit),
  ]);
  return { username, address };
}

/** Forgets a username's failures (after a successful login). */
export async function clearLoginFailures(db: Knex, username: string): Promise<void> {
  await db('login_failures').where({ username }).delete();
}
