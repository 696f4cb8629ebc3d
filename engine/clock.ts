import type { Knex } from 'knex';

/**
 * The engine clock: system time, or a pinned instant kept in `engine_clock` so every engine
 * process and the application's workers read the same "now". Cached briefly per process; a pin
 * served by this process takes effect here immediately (the cache is replaced on write).
 * Concurrent callers share one read: under load, hundreds of commands find the cache expired
 * at the same moment.
 */
const CACHE_MS = 200;
const cache = new WeakMap<Knex, { pinned: number | null; readAt: number }>();
const reading = new WeakMap<Knex, Promise<number | null>>();
/** Bumped by pinClock, so a read that began before a pin does not overwrite it. */
const pins = new WeakMap<Knex, number>();

export async function engineNow(db: Knex): Promise<Date> {
  const c = cache.get(db);
  if (c && Date.now() - c.readAt < CACHE_MS) return new Date(c.pinned ?? Date.now());
  let read = reading.get(db);
  if (!read) {
    read = readPin(db).finally(() => reading.delete(db));
    reading.set(db, read);
  }
  const pinned = await read;
  return new Date(pinned ?? Date.now());
}

async function readPin(db: Knex): Promise<number | null> {
  const generation = pins.get(db) ?? 0;
  const row = await db('engine_clock').where({ id: 1 }).first('pinned_at');
  const pinned = row?.pinned_at ? new Date(row.pinned_at).getTime() : null;
  if ((pins.get(db) ?? 0) !== generation) return cache.get(db)!.pinned;
  cache.set(db, { pinned, readAt: Date.now() });
  return pinned;
}

/** Pins "now" at `epochMs` (or resets to system time with null). */
export async function pinClock(db: Knex, epochMs: number | null): Promise<void> {
  await db('engine_clock')
    .where({ id: 1 })
    .update({ pinned_at: epochMs === null ? null : new Date(epochMs) });
  pins.set(db, (pins.get(db) ?? 0) + 1);
  cache.set(db, { pinned: epochMs, readAt: Date.now() });
}
