/**
 * The one business clock of the application (issue 8 item 6): every "now" and "today" of the
 * API, the workers, the scheduler and the benchmarks. System time unless pinned; a pin lives
 * in the application's own `business_clock` row — never in the engine's tables, so everything
 * runs unchanged against Camunda 8 — and is moved together with the engine's clock through
 * the SDK (`PUT /v2/clock`), so timers and "today" agree.
 *
 * Reads are cached briefly per database handle (like the engine's own clock): a pin made by
 * this process takes effect here at once, one made by another process within CACHE_MS.
 */
import type { CamundaRestClient } from '@camunda8/sdk';
import type { Knex } from 'knex';
import { CalendarDate, todayInChina } from '../domain/calendar-date';
import { readBusinessClockPin, writeBusinessClockPin } from '../repositories/business-clock';

const CACHE_MS = 200;
const cache = new WeakMap<Knex, { pinned: number | null; readAt: number }>();
const reading = new WeakMap<Knex, Promise<number | null>>();
/** Bumped on every write, so a read that began before a move cannot overwrite it. */
const generations = new WeakMap<Knex, number>();

async function pinned(db: Knex): Promise<number | null> {
  const c = cache.get(db);
  if (c && Date.now() - c.readAt < CACHE_MS) return c.pinned;
  let read = reading.get(db);
  if (!read) {
    const generation = generations.get(db) ?? 0;
    // Concurrent callers share one read: under load hundreds find the cache expired at once.
    read = readBusinessClockPin(db)
      .then((value) => {
        if ((generations.get(db) ?? 0) !== generation) return cache.get(db)!.pinned;
        cache.set(db, { pinned: value, readAt: Date.now() });
        return value;
      })
      .finally(() => reading.delete(db));
    reading.set(db, read);
  }
  return read;
}

/** The business "now". */
export async function businessNow(db: Knex): Promise<Date> {
  return new Date((await pinned(db)) ?? Date.now());
}

/** The business date in China (SPEC §5.4). */
export async function businessToday(db: Knex): Promise<CalendarDate> {
  return todayInChina(await businessNow(db));
}

/** Stores a pin (or null) and makes it this process's view at once. */
async function store(db: Knex, epochMs: number | null): Promise<void> {
  await writeBusinessClockPin(db, epochMs);
  generations.set(db, (generations.get(db) ?? 0) + 1);
  cache.set(db, { pinned: epochMs, readAt: Date.now() });
}

/** Where a move failed: the engine refused or did not answer, or the row was not written. */
export class ClockNotMoved extends Error {
  constructor(
    readonly stage: 'engine' | 'store',
    override readonly cause: unknown,
  ) {
    super(`business clock not moved (${stage}): ${String((cause as Error)?.message ?? cause)}`);
  }
}

/**
 * Moves the business clock to `epochMs` (null: back to system time). The engine first, then
 * the row: a refused engine pin (a cluster whose clock is not controlled) moves nothing. Should
 * the row then fail, the engine is put back where it was (best effort) before throwing.
 */
export async function moveBusinessClock(
  db: Knex,
  camunda: CamundaRestClient,
  epochMs: number | null,
): Promise<void> {
  const before = await readBusinessClockPin(db);
  const pinEngine = (ms: number | null) =>
    ms === null ? camunda.resetClock() : camunda.pinInternalClock(ms);
  try {
    await pinEngine(epochMs);
  } catch (e) {
    throw new ClockNotMoved('engine', e);
  }
  try {
    await store(db, epochMs);
  } catch (e) {
    await pinEngine(before).catch(() => undefined);
    throw new ClockNotMoved('store', e);
  }
}

/**
 * At start-up with the clock not controlled: a pin left by a controlled run (a test database
 * reused by `npm start`) is dropped, so "now" is the system time. The engine drops its own.
 */
export async function dropStalePin(db: Knex): Promise<void> {
  await store(db, null);
}

/** BUSINESS_CLOCK_CONTROLLED=true: the operator may move the clock (tests; never production). */
export function clockControlled(env: NodeJS.ProcessEnv): boolean {
  return env.BUSINESS_CLOCK_CONTROLLED === 'true';
}
