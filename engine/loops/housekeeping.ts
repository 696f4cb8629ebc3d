import type { Engine } from '../engine';
import { engineNow } from '../clock';

const INTERVAL_MS = 1000;

/**
 * Every second: drops messages whose TTL passed, and wakes long polls for job types with jobs
 * whose deadline or retry back-off passed (those become activatable without a NOTIFY).
 */
export function startHousekeeping(engine: Engine): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    const now = await engineNow(engine.db);
    await engine.db('engine_messages').where('expires_at', '<=', now).delete();
    const due = await engine
      .db('engine_jobs')
      .where((q) =>
        q
          .where({ state: 'ACTIVATED' })
          .andWhere('deadline', '<=', now)
          .orWhere((q2) => q2.where({ state: 'ACTIVATABLE' }).andWhere('retry_at', '<=', now)),
      )
      .distinct('type');
    for (const r of due) engine.jobs.notify(r.type);
  };
  const timer = setInterval(() => {
    if (stopped) return;
    running = tick().catch((e) => {
      if (!stopped) engine.log.error('engine: housekeeping', e);
    });
  }, INTERVAL_MS);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
