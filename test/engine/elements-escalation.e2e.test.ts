import * as b from './bpmn-builder';
import { driver, eventually, Harness, rejectionOf, startHarness } from './engine-harness';
import { escalationDef, eventSub, proc, startOf } from './event-builder';

describe('engine/elements - escalation events; deploy checks of escalations and event subprocesses', () => {
  let h: Harness;
  let d: ReturnType<typeof driver>;
  beforeAll(async () => {
    h = await startHarness();
    d = driver(h);
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
    [
      'two catch-all escalation boundaries on one subprocess',
      [
        b.subProcess('x', b.start('xs')),
        b.boundary('x1', 'x', escalationDef()),
        b.boundary('x2', 'x', escalationDef(), { interrupting: false }),
      ],
      'x',
      'The same scope can not contain more than one escalation catch event without escalation code',
    ],
    [
      'two error event subprocesses for one code in a subprocess',
      [
        b.subProcess(
          'x',
          b.start('xs'),
          eventSub('x1', startOf('x1s', b.errorDef('E'))),
          eventSub('x2', startOf('x2s', b.errorDef('E'))),
        ),
      ],
      'x',
      "Multiple error catch events with the same error code 'E' are not supported on the same scope.",
    ],
  ])('should refuse %s at deploy', async (_what, elements, id, message) => {
    const xml = proc(`bad-${id}-${message.length}`, b.start('s'), ...elements);
    const refused = await rejectionOf(h.deploy('bad.bpmn', xml));
    expect(refused.status).toBe(400);
    expect(refused.detail).toContain(`- Element: ${id}`);
    expect(refused.detail).toContain(message);
  });
});
