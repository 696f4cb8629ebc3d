import * as b from './bpmn-builder';
import { driver, eventually, Harness, rejectionOf, startHarness } from './engine-harness';

/** Escalation definitions for every `escalationRef="esc_X"` (code X), as the builder does for errors. */
function proc(id: string, ...elements: string[]): string {
  const xml = b.process(id, ...elements);
  const codes = [...new Set(xml.match(/escalationRef="esc_[^"]+"/g) ?? [])].map((m) =>
    m.slice(19, -1),
  );
  const defs = codes.map((c) => `<bpmn:escalation id="esc_${c}" escalationCode="${c}"/>`);
  return xml.replace('</bpmn:definitions>', `${defs.join('\n')}\n</bpmn:definitions>`);
}

/** An escalation event definition; without a code a catch-all. */
const escalationDef = (code?: string) =>
  code
    ? `<bpmn:escalationEventDefinition escalationRef="esc_${code}"/>`
    : '<bpmn:escalationEventDefinition/>';

const eventSub = (id: string, ...elements: string[]) =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true">${elements.join('\n')}</bpmn:subProcess>`;

function startOf(
  id: string,
  eventDef: string,
  o: { interrupting?: boolean; correlationKey?: string } = {},
): string {
  const sub = o.correlationKey
    ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${o.correlationKey}"/></bpmn:extensionElements>`
    : '';
  return `<bpmn:startEvent id="${id}" isInterrupting="${o.interrupting !== false}">${sub}${eventDef}</bpmn:startEvent>`;
}

describe('engine/elements - escalation events and event subprocesses', () => {
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

  it('should continue after an escalation caught by a non-interrupting boundary of a subprocess', async () => {
    // given: the throw event inside the subprocess and the boundary path both go on
    await h.deploy(
      'esc-nb.bpmn',
      proc(
        'esc-nb',
        b.start('s'),
        b.flow('s', 'sub'),
        b.subProcess(
          'sub',
          b.start('ss'),
          b.flow('ss', 'up'),
          b.throwEvent('up', escalationDef('LATE')),
          b.flow('up', 'work'),
          b.serviceTask('work', 'esc-nb-work'),
          b.flow('work', 'se'),
          b.end('se'),
        ),
        b.boundary('late', 'sub', escalationDef('LATE'), { interrupting: false }),
        b.flow('sub', 'e'),
        b.flow('late', 'told'),
        b.end('e'),
        b.end('told'),
      ),
    );
    // when
    const pik = await d.start('esc-nb');
    // then
    await eventually(async () => (await d.elements(pik, 'COMPLETED')).includes('told'));
    expect(await d.elements(pik, 'COMPLETED')).toContain('up');
    await d.complete('esc-nb-work');
    await d.waitState(pik, 'COMPLETED');
    expect(await d.incidents(pik)).toEqual([]);
  });

  it('should terminate the subprocess and its throw event at an interrupting escalation boundary, a code before a catch-all', async () => {
    await h.deploy(
      'esc-int.bpmn',
      proc(
        'esc-int',
        b.start('s'),
        b.flow('s', 'sub'),
        b.subProcess(
          'sub',
          b.start('ss'),
          b.flow('ss', 'fork'),
          b.and('fork'),
          b.flow('fork', 'wait'),
          b.flow('fork', 'up'),
          b.serviceTask('wait', 'esc-int-wait'),
          b.throwEvent('up', escalationDef('STOP')),
          b.flow('up', 'after'),
          b.serviceTask('after', 'esc-int-after'),
        ),
        b.boundary('any', 'sub', escalationDef(), { interrupting: false }),
        b.boundary('stop', 'sub', escalationDef('STOP')),
        b.flow('sub', 'e'),
        b.flow('any', 'e2'),
        b.flow('stop', 'stopped'),
        b.end('e'),
        b.end('e2'),
        b.end('stopped'),
      ),
    );
    const pik = await d.start('esc-int');
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik, 'TERMINATED')).toEqual(['sub', 'wait', 'up']);
    expect(await d.elements(pik)).not.toContain('any');
    expect(await d.elements(pik, 'COMPLETED')).toContain('stopped');
    expect(await d.elements(pik)).not.toContain('after');
  });

  it('should pass an escalation from a called process to the call activity boundary, and complete an uncaught one', async () => {
    // given: the child ends with an escalation end event; a second child's escalation is caught nowhere
    await h.deploy(
      'esc-child.bpmn',
      proc('esc-child', b.start('s'), b.flow('s', 'x'), b.end('x', escalationDef('CHILD'))),
    );
    await h.deploy(
      'esc-caller.bpmn',
      proc(
        'esc-caller',
        b.start('s'),
        b.flow('s', 'call'),
        b.callActivity('call', 'esc-child'),
        b.boundary('caught', 'call', escalationDef()),
        b.flow('call', 'ok'),
        b.flow('caught', 'handled'),
        b.end('ok'),
        b.end('handled'),
      ),
    );
    await h.deploy(
      'esc-lonely.bpmn',
      proc(
        'esc-lonely',
        b.start('s'),
        b.flow('s', 'up'),
        b.throwEvent('up', escalationDef('NOBODY')),
        b.flow('up', 'e'),
        b.end('e', escalationDef('NOBODY')),
      ),
    );
    // when
    const pik = await d.start('esc-caller');
    const lonely = await d.start('esc-lonely');
    // then
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik)).toEqual(['s', 'call', 'caught', 'handled']);
    expect(await d.elements(pik, 'TERMINATED')).toEqual(['call']);
    await d.waitState(lonely, 'COMPLETED');
    expect(await d.elements(lonely, 'COMPLETED')).toEqual(['s', 'up', 'e']);
    expect(await d.incidents(lonely)).toEqual([]);
  });

  it('should run a non-interrupting escalation event subprocess of the process for an escalation in a subprocess', async () => {
    await h.deploy(
      'esc-esp.bpmn',
      proc(
        'esc-esp',
        b.start('s'),
        b.flow('s', 'sub'),
        b.subProcess(
          'sub',
          b.start('ss'),
          b.flow('ss', 'up'),
          b.throwEvent('up', escalationDef('HELP')),
          b.flow('up', 'se'),
          b.end('se'),
        ),
        b.flow('sub', 'wait'),
        b.userTask('wait'),
        b.flow('wait', 'e'),
        b.end('e'),
        eventSub(
          'helper',
          startOf('hs', escalationDef('HELP'), { interrupting: false }),
          b.flow('hs', 'help'),
          b.serviceTask('help', 'esc-esp-help'),
          b.flow('help', 'he'),
          b.end('he'),
        ),
      ),
    );
    const pik = await d.start('esc-esp');
    await d.complete('esc-esp-help', { helped: true });
    await eventually(async () => (await d.elements(pik, 'COMPLETED')).includes('helper'));
    expect(await d.state(pik)).toBe('ACTIVE');
    expect(await d.elements(pik, 'ACTIVE')).toEqual(['wait']);
    const [task] = (await h.client.searchUserTasks({ filter: { processInstanceKey: pik } })).items;
    await h.client.completeUserTask({ userTaskKey: task.userTaskKey });
    await d.waitState(pik, 'COMPLETED');
    expect(await d.variables(pik)).toMatchObject({ helped: true });
  });

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
    await h.client.completeJob({ jobKey: undo.jobKey });
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
    await h.client.errorJob({ jobKey: job.jobKey, errorCode: 'CHECK_FAILED', errorMessage: 'x' });
    // then
    const [repair] = await d.jobs('err-esp-repair', 1);
    expect(await d.elements(pik, 'TERMINATED')).toEqual(['sub', 'check', 'inner', 'ie']);
    expect(await d.incidents(pik)).toEqual([]);
    await h.client.completeJob({ jobKey: repair.jobKey });
    await d.waitState(pik, 'COMPLETED');
  });

  it.each([
    [
      'an event subprocess with a none start event',
      [eventSub('x', b.start('xs'), b.flow('xs', 'xe'), b.end('xe'))],
      'xs',
      'Start events of event subprocesses must be message, timer, signal, error or escalation events',
    ],
    [
      'a non-interrupting error event subprocess',
      [eventSub('x', startOf('xs', b.errorDef(), { interrupting: false }))],
      'xs',
      'Error start events of event subprocesses must be interrupting',
    ],
    [
      'an escalation boundary on a task',
      [b.serviceTask('t', 't'), b.boundary('x', 't', escalationDef('A'), { interrupting: false })],
      'x',
      'An escalation boundary event should only be attached to a subprocess, or a call activity',
    ],
    [
      'an escalation throw event without code',
      [b.throwEvent('x', escalationDef())],
      'x',
      'Must reference an escalation with an escalation code',
    ],
  ])('should refuse %s at deploy', async (_what, elements, id, message) => {
    const xml = proc(`bad-${id}-${message.length}`, b.start('s'), ...elements);
    const refused = await rejectionOf(h.deploy('bad.bpmn', xml));
    expect(refused.status).toBe(400);
    expect(refused.detail).toContain(`- Element: ${id}`);
    expect(refused.detail).toContain(message);
  });
});
