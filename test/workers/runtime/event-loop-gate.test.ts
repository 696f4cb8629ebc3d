import {
  DEFAULT_GATE,
  GateState,
  startEventLoopGate,
} from '../../../workers/runtime/event-loop-gate';

describe('workers/runtime/event-loop-gate - background work yields to a late event loop', () => {
  const options = {
    ...DEFAULT_GATE,
    maxLagMs: 30,
    windowTicks: 3,
    releasePerTick: 2,
    maxWaitMs: 1000,
  };

  it.each([
    ['no tick yet', [], true],
    ['on time', [0, 5, 10], true],
    ['at the limit', [30], true],
    ['one late tick in the window', [0, 80, 0], false],
    ['the late tick left the window', [80, 0, 0, 0], true],
  ])('should be open or closed: %s', (_name, lateness, open) => {
    // given a gate that saw these ticks
    const gate = new GateState(options);
    lateness.forEach((late, i) => gate.tick(i * 20, late));

    // then
    expect(gate.open()).toBe(open);
  });

  it('should hold jobs while late and release a few per on-time tick, in arrival order', () => {
    // given a late loop and five waiting jobs
    const gate = new GateState(options);
    gate.tick(0, 100);
    const released: number[] = [];
    for (let i = 0; i < 5; i += 1) gate.enqueue(0, () => released.push(i));

    // when the loop stays late, then is on time again for three ticks
    gate.tick(20, 100);
    const whileLate = [...released];
    gate.tick(40, 0);
    gate.tick(60, 0);
    gate.tick(80, 0); // the window (3 ticks) is on time again only now
    const afterOne = [...released];
    gate.tick(100, 0);

    // then
    expect(whileLate).toEqual([]);
    expect(afterOne).toEqual([0, 1]);
    expect(released).toEqual([0, 1, 2, 3]);
    // and a new job queues behind the waiting one instead of overtaking it
    expect(gate.open()).toBe(false);
  });

  it('should never let a job wait longer than maxWaitMs, however late the loop', () => {
    // given jobs waiting on a loop that never gets on time
    const gate = new GateState(options);
    gate.tick(0, 500);
    const released: string[] = [];
    gate.enqueue(0, () => released.push('old'));
    gate.enqueue(900, () => released.push('new'));

    // when time passes the first one's limit only
    gate.tick(1000, 500);

    // then
    expect(released).toEqual(['old']);
    expect(gate.waitingCount()).toBe(1);
  });

  it('should admit at once on an idle loop and release everyone when stopped', async () => {
    // given a real gate
    const gate = startEventLoopGate({ tickMs: 10 });

    // when a job asks on an idle loop
    await gate.admit();

    // and the loop is then blocked for 100 ms, so the next ask waits, and the gate stops
    const started = Date.now();
    while (Date.now() - started < 100) {
      // busy: the gate's timer cannot run
    }
    await new Promise((r) => setTimeout(r, 15));
    let admitted = false;
    const waiting = gate.admit().then(() => {
      admitted = true;
    });
    await new Promise((r) => setImmediate(r));
    const beforeStop = admitted;
    gate.stop();
    await waiting;

    // then it waited for the late loop until the gate stopped
    expect(gate.lagMs()).toBeGreaterThan(30);
    expect(beforeStop).toBe(false);
    expect(admitted).toBe(true);
  });
});
