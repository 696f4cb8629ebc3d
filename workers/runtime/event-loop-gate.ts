/**
 * Background work yields to the API (issue 9 item 4). The API, the job handlers and the outbox
 * drainer share one event loop; under a burst the handlers' work (result parsing, PDF inputs,
 * the SDK's HTTP) makes every request wait behind it. While the loop runs late — a timer fires
 * later than asked — a job about to start waits; when the loop is on time again the waiting jobs
 * go, a few per tick. No job waits longer than `maxWaitMs`, so background work is slowed, never
 * starved. Lateness is measured by the gate's own timer, which needs nothing but the loop.
 */

export interface GateOptions {
  /** The loop counts as late above this lateness (ms) in the recent window. */
  maxLagMs: number;
  /** Timer period; the window is the last `windowTicks` ticks. */
  tickMs: number;
  windowTicks: number;
  /** Waiting jobs released per on-time tick. */
  releasePerTick: number;
  /** No job waits longer than this (ms). */
  maxWaitMs: number;
}

export const DEFAULT_GATE: GateOptions = {
  maxLagMs: 30,
  tickMs: 20,
  windowTicks: 5,
  releasePerTick: 4,
  maxWaitMs: 2_000,
};

/** The gate's decisions, free of timers (tested on its own). */
export class GateState {
  private readonly window: number[] = [];
  private readonly waiting: Array<{ since: number; go: () => void }> = [];

  constructor(private readonly options: GateOptions) {}

  /** The worst lateness of the recent window. */
  lagMs(): number {
    return this.window.length ? Math.max(...this.window) : 0;
  }

  waitingCount(): number {
    return this.waiting.length;
  }

  /** Whether a job may start now without waiting. */
  open(): boolean {
    return this.waiting.length === 0 && this.lagMs() <= this.options.maxLagMs;
  }

  enqueue(now: number, go: () => void): void {
    this.waiting.push({ since: now, go });
  }

  /** One tick `lateMs` late at `now`: releases what may go. */
  tick(now: number, lateMs: number): void {
    this.window.push(Math.max(0, lateMs));
    if (this.window.length > this.options.windowTicks) this.window.shift();
    const onTime = this.lagMs() <= this.options.maxLagMs;
    let released = 0;
    while (this.waiting.length > 0) {
      const first = this.waiting[0];
      const overdue = now - first.since >= this.options.maxWaitMs;
      if (!overdue && !(onTime && released < this.options.releasePerTick)) break;
      this.waiting.shift();
      released += 1;
      first.go();
    }
  }
}

export interface EventLoopGate {
  /** Resolves when a job may start. */
  admit(): Promise<void>;
  lagMs(): number;
  stop(): void;
}

export function startEventLoopGate(options: Partial<GateOptions> = {}): EventLoopGate {
  const o = { ...DEFAULT_GATE, ...options };
  const state = new GateState(o);
  let expected = Date.now() + o.tickMs;
  const timer = setInterval(() => {
    const now = Date.now();
    state.tick(now, now - expected);
    expected = now + o.tickMs;
  }, o.tickMs);
  timer.unref();
  return {
    admit: () =>
      state.open()
        ? Promise.resolve()
        : new Promise<void>((resolve) => state.enqueue(Date.now(), resolve)),
    lagMs: () => state.lagMs(),
    stop: () => {
      clearInterval(timer);
      state.tick(Number.POSITIVE_INFINITY, 0); // everyone waiting goes
    },
  };
}
