import type { Knex } from 'knex';
import { EngineContext } from './runtime/engine-context';
import { JobNotifier } from './runtime/job-notifier';
import type { EngineLog } from './engine-log';

/** Wakes requests waiting for a process instance to end (awaitCompletion). */
export class InstanceWaiters {
  private waiters = new Map<string, Set<() => void>>();

  notify(key: string): void {
    const set = this.waiters.get(key);
    if (!set) return;
    this.waiters.delete(key);
    for (const f of set) f();
  }

  wait(key: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(key);
      if (!set) this.waiters.set(key, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        set!.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done);
      set.add(done);
    });
  }
}

/** Everything the REST routers and background loops of one engine process share. */
export interface Engine {
  db: Knex;
  ctx: EngineContext;
  jobs: JobNotifier;
  instances: InstanceWaiters;
  /** Asks the timer loop to look for due timers now (after a clock pin or a new timer). */
  kickTimers(): void;
  /** Broadcasts a signal (REST and signal throw events). */
  broadcastSignal(name: string, variables: Record<string, unknown>): Promise<string>;
  /** Where trouble is reported (engine-log.ts). */
  log: EngineLog;
  /**
   * Whether `PUT /v2/clock` may move "now" (Camunda's `zeebe.clock.controlled`): tests only,
   * since a moved clock lapses waiting applications and ages people.
   */
  clockControlled: boolean;
}
