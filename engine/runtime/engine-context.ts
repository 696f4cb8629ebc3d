import type { Knex } from 'knex';
import { KeyAllocator, KeysExhausted } from '../keys';
import { engineNow } from '../clock';
import { Command } from './command';
import { drain } from './lifecycle';
import { flush } from '../sql/flush';
import { InstanceCache } from './instance-cache';

/** What every part of one engine process shares: the database, keys and in-process wakeups. */
export class EngineContext {
  readonly keys: KeyAllocator;
  readonly cache = new InstanceCache();
  /** Called after a commit that created timers (the scheduler may need to wake sooner). */
  onTimersChanged: () => void = () => undefined;
  /** Called after a commit with the signals the processes threw. */
  onSignals: (signals: Command['signals']) => void = () => undefined;
  /** Called after a commit with instances that ended (awaitCompletion waiters). */
  onInstancesEnded: (keys: string[]) => void = () => undefined;

  constructor(readonly db: Knex) {
    this.keys = new KeyAllocator(db);
  }

  /**
   * Runs one engine command atomically: `fn` loads and acts, the executor drains, the changes
   * are flushed (see flush.ts), commit. Re-runs the whole command after a lost optimistic race
   * (pessimistically from the third attempt), a deadlock between commands that lock two
   * instances (call activities, correlations), or key-block exhaustion.
   */
  async run<T>(fn: (cmd: Command) => Promise<T>): Promise<T> {
    let reserve = 100;
    for (let attempt = 0; ; attempt++) {
      await this.keys.reserve(reserve);
      const now = await engineNow(this.db);
      const cmd = new Command(this.db, now, this.keys);
      cmd.pessimistic = attempt >= 2;
      cmd.cache = attempt === 0 ? this.cache : undefined;
      try {
        const result = await fn(cmd);
        await drain(cmd);
        await flush(cmd);
        if (cmd.inTransaction) await (await cmd.tx()).commit();
        this.cache.remember(cmd);
        this.after(cmd);
        return result;
      } catch (e) {
        if (cmd.inTransaction)
          await cmd
            .tx()
            .then((t) => t.rollback())
            .catch(() => undefined);
        if (e instanceof KeysExhausted) {
          reserve *= 10;
          continue;
        }
        const code = (e as { code?: string }).code;
        // Deadlocks (two instances locked in opposite order) and lost optimistic races re-run.
        if ((code === '40P01' || code === '40001' || code === 'EC001') && attempt < 8) continue;
        throw e;
      }
    }
  }

  private after(cmd: Command): void {
    if (cmd.timersChanged) this.onTimersChanged();
    if (cmd.signals.length) this.onSignals(cmd.signals);
    if (cmd.endedInstances.size) this.onInstancesEnded([...cmd.endedInstances]);
  }
}
