import type { Knex } from 'knex';

/**
 * The engine clock: system time, or a pinned instant kept in `engine_clock` so every engine
 * process and the application's workers read the same "now". Cached briefly per process; a pin
 * served by this process takes effect here immediately (the cache is replaced on write).
 */
const CACHE_MS = 200;
const cache = new WeakMap<Knex, { pinned: number | null; readAt: number }>();

export async function engineNow(db: Knex): Promise<Date> {
  const c = cache.get(db);
  if (c && Date.now() - c.readAt < CACHE_MS) return new Date(c.pinned ?? Date.now());
  const row = await db('engine_clock').where({ id: 1 }).first('pinned_at');
  const pinned = row?.pinned_at ? new Date(row.pinned_at).getTime() : null;
  cache.set(db, { pinned, readAt: Date.now() });
  return new Date(pinned ?? Date.now());
}

/** Pins "now" at `epochMs` (or resets to system time with null). */
export async function pinClock(db: Knex, epochMs: number | null): Promise<void> {
  await db('engine_clock')
    .where({ id: 1 })
    .update({ pinned_at: epochMs === null ? null : new Date(epochMs) });
  cache.set(db, { pinned: epochMs, readAt: Date.now() });
}
