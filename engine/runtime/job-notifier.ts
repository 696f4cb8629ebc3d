/** A long poll's place in line for a job type; see JobNotifier. */
export interface Ticket {
  /** Resolves when woken (now or earlier), after `ms`, or when `signal` aborts. */
  wait(ms: number, signal?: AbortSignal): Promise<void>;
  /** Leaves the line (the poll answered). */
  cancel(): void;
}

interface Entry {
  woken: boolean;
  wake: () => void;
}

/**
 * Wakes long-polling job activations when jobs of their type may have become activatable.
 * Fed by PostgreSQL NOTIFY (the `engine_jobs` trigger), so jobs created by any engine process
 * sharing the database wake waiters here. One notification wakes ONE poll (first in line): a
 * new job needs one activation, and waking all of them would make every poll query for it.
 * A poll takes its ticket before querying, so a job created during its query still wakes it.
 */
export class JobNotifier {
  private lines = new Map<string, Entry[]>();

  ticket(type: string): Ticket {
    const entry: Entry = { woken: false, wake: () => undefined };
    let line = this.lines.get(type);
    if (!line) this.lines.set(type, (line = []));
    line.push(entry);
    const leave = () => {
      const l = this.lines.get(type);
      if (!l) return;
      const i = l.indexOf(entry);
      if (i >= 0) l.splice(i, 1);
      if (l.length === 0) this.lines.delete(type);
    };
    return {
      cancel: leave,
      wait: (ms, signal) =>
        new Promise<void>((resolve) => {
          if (entry.woken || signal?.aborted) {
            entry.woken = false;
            resolve();
            return;
          }
          const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            entry.wake = () => undefined;
            entry.woken = false;
            resolve();
          };
          const timer = setTimeout(done, ms);
          signal?.addEventListener('abort', done);
          entry.wake = done;
        }),
    };
  }

  /** Wakes the first poll in line that is not already woken. */
  notify(type: string): void {
    const line = this.lines.get(type);
    const entry = line?.find((e) => !e.woken);
    if (!entry) return;
    entry.woken = true;
    entry.wake();
  }

  /** Wakes every poll of every type (e.g. after the notification connection failed). */
  notifyAll(): void {
    for (const line of this.lines.values())
      for (const e of line) {
        e.woken = true;
        e.wake();
      }
  }
}
