import * as b from './bpmn-builder';
import { driver, eventually, Harness, startHarness } from './engine-harness';

describe('engine/elements - timers, messages, signals, end events', () => {
  let h: Harness;
  let d: ReturnType<typeof driver>;
  let now = Date.parse('2040-01-01T00:00:00Z');
  const advance = async (ms: number) => {
    now += ms;
    await h.client.pinInternalClock(now);
  };
  beforeAll(async () => {
    h = await startHarness();
    d = driver(h);
    await h.client.pinInternalClock(now);
  });
  afterAll(() => h.stop());

  it('should interrupt a task with a boundary timer', async () => {
    // given
    await h.deploy(
      'bt.bpmn',
      b.process(
        'bt',
        b.start('s'),
        b.flow('s', 't'),
        b.serviceTask('t', 'bt-task'),
        b.boundary('late', 't', b.timerDef('timeDuration', 'PT10M')),
        b.flow('t', 'ok'),
        b.flow('late', 'escalated'),
        b.end('ok'),
        b.end('escalated'),
      ),
    );
    const pik = await d.start('bt');
    // when
    await advance(11 * 60_000);
    // then
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik, 'TERMINATED')).toEqual(['t']);
    expect(await d.elements(pik)).toContain('escalated');
  });

  it('should fire a non-interrupting cycle boundary timer repeatedly while the task waits', async () => {
    // given
    await h.deploy(
      'cyc.bpmn',
      b.process(
        'cyc',
        b.start('s'),
        b.flow('s', 't'),
        b.serviceTask('t', 'cyc-task'),
        b.boundary('remind', 't', b.timerDef('timeCycle', 'R2/PT1M'), { interrupting: false }),
        b.flow('t', 'e'),
        b.flow('remind', 'reminded'),
        b.end('e'),
        b.end('reminded'),
      ),
    );
    const pik = await d.start('cyc');
    // when
    for (let i = 0; i < 3; i++) {
      await advance(61_000);
      await new Promise((r) => setTimeout(r, 150));
    }
    // then
    await eventually(
      async () => (await d.elements(pik)).filter((e) => e === 'reminded').length === 2,
    );
    expect(await d.state(pik)).toBe('ACTIVE');
    await d.complete('cyc-task');
    await d.waitState(pik, 'COMPLETED');
  });

  it('should run the path of a non-interrupting boundary timer out of a waiting user task', async () => {
    // given: a reminder cycle on a user task whose path leads to a service task outside it
    await h.deploy(
      'remind.bpmn',
      b.process(
        'remind',
        b.start('s'),
        b.flow('s', 'ut'),
        b.userTask('ut'),
        b.boundary('tick', 'ut', b.timerDef('timeCycle', 'R/PT1H'), { interrupting: false }),
        b.flow('ut', 'e'),
        b.flow('tick', 'notify'),
        b.serviceTask('notify', 'remind-notify'),
        b.flow('notify', 'reminded'),
        b.end('e'),
        b.end('reminded'),
      ),
    );
    const pik = await d.start('remind');
    // when: the reminder fires and its job completes
    await advance(61 * 60_000);
    const job = await d.complete('remind-notify', { sent: true });
    // then: the reminder path ends, the task still waits and completes later
    expect(job.elementId).toBe('notify');
    await eventually(async () => (await d.elements(pik, 'COMPLETED')).includes('reminded'));
    expect(await d.state(pik)).toBe('ACTIVE');
    expect(await d.variables(pik)).toMatchObject({ sent: true });
    const [task] = (await h.client.searchUserTasks({ filter: { processInstanceKey: pik } })).items;
    await h.client.completeUserTask({ userTaskKey: task.userTaskKey });
    await d.waitState(pik, 'COMPLETED');
    expect(await d.incidents(pik)).toEqual([]);
  });

  it('should catch a message on a boundary event and in a receive task', async () => {
    // given
    await h.deploy(
      'mb.bpmn',
      b.process(
        'mb',
        b.start('s'),
        b.flow('s', 'r'),
        b.receiveTask('r', 'ready', '=key'),
        b.flow('r', 't'),
        b.serviceTask('t', 'mb-task'),
        b.boundary('cancelled', 't', b.messageDef('cancel'), { correlationKey: '=key' }),
        b.flow('t', 'e'),
        b.flow('cancelled', 'stopped'),
        b.end('e'),
        b.end('stopped'),
      ),
    );
    const pik = await d.start('mb', { key: 'k1' });
    // when
    await h.client.correlateMessage({ name: 'ready', correlationKey: 'k1', variables: {} });
    await h.client.correlateMessage({
      name: 'cancel',
      correlationKey: 'k1',
      variables: { why: 'customer' },
    });
    // then
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik)).toEqual(['s', 'r', 't', 'cancelled', 'stopped']);
    expect(await d.variables(pik)).toMatchObject({ why: 'customer' });
  });

  it('should start instances from a message start event, once per message', async () => {
    // given
    await h.deploy(
      'ms.bpmn',
      b.process('ms', b.start('s', b.messageDef('order')), b.flow('s', 'e'), b.end('e')),
    );
    // when
    await h.client.publishMessage({
      name: 'order',
      correlationKey: '',
      timeToLive: 0,
      variables: { n: 1 },
    });
    await h.client.correlateMessage({ name: 'order', correlationKey: '', variables: { n: 2 } });
    // then
    const r = await h.client.searchProcessInstances({ filter: { processDefinitionId: 'ms' } });
    expect(r.items).toHaveLength(2);
  });

  it('should start instances from a timer start event when the clock passes it', async () => {
    await h.deploy(
      'ts.bpmn',
      b.process(
        'ts',
        b.start('s', b.timerDef('timeCycle', 'R2/PT1H')),
        b.flow('s', 'e'),
        b.end('e'),
      ),
    );
    await advance(3600_000 + 1000);
    await eventually(
      async () =>
        (await h.client.searchProcessInstances({ filter: { processDefinitionId: 'ts' } })).items
          .length === 1,
    );
    await advance(3600_000 + 1000);
    await eventually(
      async () =>
        (await h.client.searchProcessInstances({ filter: { processDefinitionId: 'ts' } })).items
          .length === 2,
    );
  });

  it('should wait at an intermediate signal catch event until the signal is broadcast', async () => {
    await h.deploy(
      'sc.bpmn',
      b.process(
        'sc',
        b.start('s'),
        b.flow('s', 'c'),
        b.catchEvent('c', b.signalDef('open')),
        b.flow('c', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('sc');
    await h.client.broadcastSignal({ signalName: 'open', variables: { opened: true } });
    await d.waitState(pik, 'COMPLETED');
    expect(await d.variables(pik)).toMatchObject({ opened: true });
  });

  it('should end everything at a terminate end event', async () => {
    await h.deploy(
      'term.bpmn',
      b.process(
        'term',
        b.start('s'),
        b.flow('s', 'fork'),
        b.and('fork'),
        b.flow('fork', 't'),
        b.flow('fork', 'stop'),
        b.serviceTask('t', 'term-task'),
        b.end('stop', b.terminateDef()),
      ),
    );
    const pik = await d.start('term');
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik, 'TERMINATED')).toEqual(['t']);
    expect(await d.jobs('term-task')).toEqual([]);
  });
});
