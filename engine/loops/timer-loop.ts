import type { Engine } from '../engine';
import { engineNow } from '../clock';
import { fireTimer } from '../commands/fire-timer';

const INTERVAL_MS = 500;
const BATCH = 100;

/**
 * Fires due timers by the engine clock: every 500 ms, and at once when kicked (after a clock
 * pin or a commit that created timers). Runs are never concurrent within a process; across
 * processes, `for update skip locked` in fireTimer keeps each timer to one firing.
 */
export function startTimerLoop(engine: Engine): { kick(): void; stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const runOnce = async () => {
    do {
      again = false;
      const now = await engineNow(engine.db);
      const due = await engine
        .db('engine_timers')
        .where('due_date', '<=', now)
        .orderBy('due_date')
        .limit(BATCH)
        .select(engine.db.raw('key::text as key'));
      for (const t of due) {
        if (stopped) return;
        await fireTimer(engine, t.key).catch((e) => engine.log.error(`engine: timer ${t.key}`, e));
      }
      if (due.length === BATCH) again = true;
    } while (again && !stopped);
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = runOnce()
      .catch((e) => {
        if (!stopped) engine.log.error('engine: timer loop', e);
      })
      .finally(() => (running = null));
  };
  const interval = setInterval(kick, INTERVAL_MS);
  return {
    kick,
    stop: async () => {
      stopped = true;
      clearInterval(interval);
      await running;
    },
  };
}
