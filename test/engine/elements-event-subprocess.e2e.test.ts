import * as b from './bpmn-builder';
import { driver, eventually, Harness, rejectionOf, startHarness } from './engine-harness';
import { eventSub, proc, startOf } from './event-builder';

describe('engine/elements - event subprocesses', () => {
  let h: Harness;
  let d: ReturnType<typeof driver>;
  let now = Date.parse('2041-01-01T00:00:00Z');
  const advance = async (ms: number) => {
    now += ms;
    await h.client.pinInternalClock(now);
  };
  /** Local variables of the element instances of one element. */
  const localsOf = async (pik: string, elementId: string) => {
    const [ei] = (
      await h.client.searchElementInstances({
        filter: { processInstanceKey: pik, elementId },
      } as never)
    ).items as { elementInstanceKey: string }[];
    const r = await h.client.searchVariables({
      filter: { processInstanceKey: pik, scopeKey: ei.elementInstanceKey },
    } as never);
    return Object.fromEntries(
      r.items.map((v: { name: string; value: string }) => [v.name, JSON.parse(v.value)]),
    );
  };
  beforeAll(async () => {
    h = await startHarness();
    d = driver(h);
    await h.client.pinInternalClock(now);
  });
  afterAll(() => h.stop());

  it('should interrupt the process with a message event subprocess, its message variables local to it', async () => {
    await h.deploy(
      'msg-esp.bpmn',
      proc(
        'msg-esp',
        b.start('s'),
        b.flow('s', 'work'),
        b.serviceTask('work', 'msg-esp-work'),
        b.flow('work', 'e'),
        b.end('e'),
        eventSub(
          'cancel',
          startOf('cs', b.messageDef('cancel-order'), { correlationKey: '=orderId' }),
          b.flow('cs', 'undo'),
          b.serviceTask('undo', 'msg-esp-undo'),
          b.flow('undo', 'ce'),
          b.end('ce'),
        ),
      ),
    );
    const pik = await d.start('msg-esp', { orderId: 'o-1' });
    // when
    await h.client.correlateMessage({
      name: 'cancel-order',
      correlationKey: 'o-1',
      variables: { reason: 'customer' },
    });
    // then: the task is gone, the event subprocess sees the message variables in its own scope
    expect(await d.elements(pik, 'TERMINATED')).toEqual(['work']);
    const [undo] = await d.jobs('msg-esp-undo', 1);
    expect(undo.variables).toMatchObject({ orderId: 'o-1', reason: 'customer' });
    expect(await localsOf(pik, 'cancel')).toEqual({ reason: 'customer' });
    await h.client.completeJob({ jobKey: undo.jobKey, variables: {} });
    await d.waitState(pik, 'COMPLETED');
    expect(await d.variables(pik)).toEqual({ orderId: 'o-1' });
    // an interrupting event subprocess fires once: its subscription is closed
    const again = rejectionOf(
      h.client.correlateMessage({ name: 'cancel-order', correlationKey: 'o-1', variables: {} }),
    );
    expect((await again).status).toBe(404);
  });

  it('should run a non-interrupting message event subprocess once per message beside the process', async () => {
    await h.deploy(
      'note-esp.bpmn',
      proc(
        'note-esp',
        b.start('s'),
        b.flow('s', 'work'),
        b.serviceTask('work', 'note-esp-work'),
        b.flow('work', 'e'),
        b.end('e'),
        eventSub(
          'note',
          startOf('ns', b.messageDef('note'), { interrupting: false, correlationKey: '=id' }),
          b.flow('ns', 'ne'),
          b.end('ne'),
        ),
      ),
    );
    const pik = await d.start('note-esp', { id: 'n-1' });
    for (let i = 0; i < 2; i++)
      await h.client.correlateMessage({ name: 'note', correlationKey: 'n-1', variables: { i } });
    expect((await d.elements(pik, 'COMPLETED')).filter((e) => e === 'note')).toHaveLength(2);
    await d.complete('note-esp-work');
    await d.waitState(pik, 'COMPLETED');
    expect(
      (
        await rejectionOf(
          h.client.correlateMessage({ name: 'note', correlationKey: 'n-1', variables: {} }),
        )
      ).status,
    ).toBe(404);
  });

  it('should fire timer event subprocesses: a cycle beside the process, a duration interrupting a subprocess', async () => {
    await h.deploy(
      'timer-esp.bpmn',
      proc(
        'timer-esp',
        b.start('s'),
        b.flow('s', 'sub'),
        b.subProcess(
          'sub',
          b.start('ss'),
          b.flow('ss', 'slow'),
          b.serviceTask('slow', 'timer-esp-slow'),
          b.flow('slow', 'se'),
          b.end('se'),
          eventSub(
            'timeout',
            startOf('ts', b.timerDef('timeDuration', 'PT30M')),
            b.flow('ts', 'te'),
            b.end('te'),
          ),
        ),
        b.flow('sub', 'wait'),
        b.serviceTask('wait', 'timer-esp-wait'),
        b.flow('wait', 'e'),
        b.end('e'),
        eventSub(
          'remind',
          startOf('rs', b.timerDef('timeCycle', 'R/PT20M'), { interrupting: false }),
          b.flow('rs', 're'),
          b.end('re'),
        ),
      ),
    );
    const pik = await d.start('timer-esp');
    // when: 20 minutes (a reminder), then 40 (the subprocess times out, a second reminder)
    await advance(20 * 60_000 + 1000);
    await eventually(async () => (await d.elements(pik)).includes('remind'));
    await advance(20 * 60_000);
    // then
    await eventually(async () => (await d.elements(pik)).includes('wait'));
    expect(await d.elements(pik, 'TERMINATED')).toEqual(['slow']);
    expect(await d.elements(pik, 'COMPLETED')).toEqual(
      expect.arrayContaining(['timeout', 'te', 'sub']),
    );
    await eventually(
      async () => (await d.elements(pik)).filter((e) => e === 'remind').length === 2,
    );
    await d.complete('timer-esp-wait');
    await d.waitState(pik, 'COMPLETED');
  });

  it('should interrupt the process at the date of a timer event subprocess', async () => {
    const at = new Date(now + 3600_000).toISOString();
    await h.deploy(
      'date-esp.bpmn',
      proc(
        'date-esp',
        b.start('s'),
        b.flow('s', 'work'),
        b.userTask('work'),
        b.flow('work', 'e'),
        b.end('e'),
        eventSub(
          'deadline',
          startOf('ds', b.timerDef('timeDate', at)),
          b.flow('ds', 'de'),
          b.end('de'),
        ),
      ),
    );
    const pik = await d.start('date-esp');
    await advance(3600_000 + 1000);
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik)).toEqual(['s', 'work', 'deadline', 'ds', 'de']);
    expect(await d.elements(pik, 'TERMINATED')).toEqual(['work']);
  });

  it('should open a signal event subprocess with its subprocess and close it when the subprocess completes', async () => {
    await h.deploy(
      'sig-esp.bpmn',
      proc(
        'sig-esp',
        b.start('s'),
        b.flow('s', 'sub'),
        b.subProcess(
          'sub',
          b.start('ss'),
          b.flow('ss', 'step'),
          b.serviceTask('step', 'sig-esp-step'),
          b.flow('step', 'se'),
          b.end('se'),
          eventSub(
            'pinged',
            startOf('ps', b.signalDef('ping'), { interrupting: false }),
            b.flow('ps', 'pe'),
            b.end('pe'),
          ),
        ),
        b.flow('sub', 'after'),
        b.serviceTask('after', 'sig-esp-after'),
        b.flow('after', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('sig-esp');
    await h.client.broadcastSignal({ signalName: 'ping', variables: {} });
    await eventually(async () => (await d.elements(pik, 'COMPLETED')).includes('pinged'));
    await d.complete('sig-esp-step');
    await eventually(async () => (await d.elements(pik, 'ACTIVE')).includes('after'));
    await h.client.broadcastSignal({ signalName: 'ping', variables: {} });
    await d.complete('sig-esp-after');
    await d.waitState(pik, 'COMPLETED');
    expect((await d.elements(pik)).filter((e) => e === 'pinged')).toHaveLength(1);
  });

  it('should open the event subprocesses of a subprocess that a modification creates', async () => {
    // given: the instance waits before the subprocess
    await h.deploy(
      'mod-esp.bpmn',
      proc(
        'mod-esp',
        b.start('s'),
        b.flow('s', 'before'),
        b.userTask('before'),
        b.flow('before', 'sub'),
        b.subProcess(
          'sub',
          b.start('ss'),
          b.flow('ss', 'inside'),
          b.userTask('inside'),
          b.flow('inside', 'se'),
          b.end('se'),
          eventSub(
            'abort',
            startOf('as', b.signalDef('abort-sub')),
            b.flow('as', 'ae'),
            b.end('ae'),
          ),
        ),
        b.flow('sub', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('mod-esp');
    const [before] = (
      await h.client.searchElementInstances({
        filter: { processInstanceKey: pik, elementId: 'before' },
      } as never)
    ).items as { elementInstanceKey: string }[];
    // when: modified into the subprocess, then the signal comes
    await h.client.modifyProcessInstance({
      processInstanceKey: pik,
      activateInstructions: [{ elementId: 'inside' }],
      terminateInstructions: [{ elementInstanceKey: before.elementInstanceKey }],
    } as never);
    await h.client.broadcastSignal({ signalName: 'abort-sub', variables: {} });
    // then
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik, 'TERMINATED')).toEqual(['before', 'inside']);
    expect(await d.elements(pik, 'COMPLETED')).toEqual(
      expect.arrayContaining(['abort', 'ae', 'sub', 'e']),
    );
  });

  it('should catch an error end event of a subprocess and a job error in error event subprocesses', async () => {
    await h.deploy(
      'err-esp.bpmn',
      proc(
        'err-esp',
        b.start('s'),
        b.flow('s', 'sub'),
        b.subProcess(
          'sub',
          b.start('ss'),
          b.flow('ss', 'check'),
          b.serviceTask('check', 'err-esp-check'),
          b.flow('check', 'se'),
          b.end('se', b.errorDef('BROKEN')),
          eventSub(
            'inner',
            startOf('is', b.errorDef('CHECK_FAILED')),
            b.flow('is', 'ie'),
            b.end('ie', b.errorDef('BROKEN')),
          ),
        ),
        b.flow('sub', 'e'),
        b.end('e'),
        eventSub(
          'outer',
          startOf('os', b.errorDef()),
          b.flow('os', 'repair'),
          b.serviceTask('repair', 'err-esp-repair'),
          b.flow('repair', 'oe'),
          b.end('oe'),
        ),
      ),
    );
    // when: the job fails with a business error (inner handler), whose error end event the outer catches
    const pik = await d.start('err-esp');
    const [job] = await d.jobs('err-esp-check', 1);
    await h.client.errorJob({
      jobKey: job.jobKey,
      errorCode: 'CHECK_FAILED',
      errorMessage: 'x',
      variables: {},
    });
    // then
    const [repair] = await d.jobs('err-esp-repair', 1);
    expect(await d.elements(pik, 'TERMINATED')).toEqual(['sub', 'check', 'inner', 'ie']);
    expect(await d.incidents(pik)).toEqual([]);
    await h.client.completeJob({ jobKey: repair.jobKey, variables: {} });
    await d.waitState(pik, 'COMPLETED');
  });
});
