import * as b from './bpmn-builder';
import { driver, Harness, rejectionOf, startHarness } from './engine-harness';

/**
 * Process instance modification as Camunda 8.8 defines it, through the SDK's
 * `modifyProcessInstance`: activations (in the flow scope's one instance, under an ancestor, or
 * in a new subprocess instance) before terminations, empty scopes terminated, variables global
 * or local, and Zeebe's rejections.
 */
describe('engine/commands/modify-instance - process instance modification', () => {
  let h: Harness;
  let d: ReturnType<typeof driver>;
  beforeAll(async () => {
    h = await startHarness();
    d = driver(h);
    // A subprocess with two tasks; a parallel task outside it; an event-based gateway.
    await h.deploy(
      'mod.bpmn',
      b.process(
        'mod',
        b.start('s'),
        b.flow('s', 'fork'),
        b.and('fork'),
        b.flow('fork', 'sub'),
        b.flow('fork', 'out'),
        b.subProcess(
          'sub',
          b.start('ss'),
          b.flow('ss', 'A'),
          b.serviceTask('A', 'mod-a'),
          b.flow('A', 'se'),
          b.serviceTask('C', 'mod-c'),
          b.flow('C', 'se'),
          b.end('se'),
        ),
        b.boundary('subTimer', 'sub', b.timerDef('timeDuration', 'PT1H')),
        b.flow('subTimer', 'late'),
        b.end('late'),
        b.flow('sub', 'joined'),
        b.userTask('out'),
        b.flow('out', 'joined'),
        b.end('joined'),
        b.eventGateway('gw'),
        b.flow('gw', 'msg'),
        b.catchEvent('msg', b.messageDef('mod-m'), '="k"'),
        b.flow('msg', 'joined'),
        b.flow('gw', 'wait'),
        b.catchEvent('wait', b.timerDef('timeDuration', 'PT1H')),
        b.flow('wait', 'joined'),
      ),
    );
    await h.deploy(
      'mod-child.bpmn',
      b.process(
        'mod-child',
        b.start('s'),
        b.flow('s', 'w'),
        b.serviceTask('w', 'mod-w'),
        b.flow('w', 'e'),
        b.end('e'),
      ),
    );
    await h.deploy(
      'mod-parent.bpmn',
      b.process(
        'mod-parent',
        b.start('s'),
        b.flow('s', 'call'),
        b.callActivity('call', 'mod-child'),
        b.flow('call', 'e'),
        b.end('e'),
      ),
    );
  });
  afterAll(() => h.stop());

  const active = (pik: string) => d.elements(pik, 'ACTIVE');
  const key = async (pik: string, elementId: string, state = 'ACTIVE') =>
    (
      await h.client.searchElementInstances({
        filter: { processInstanceKey: pik, elementId, state },
        sort: [{ field: 'elementInstanceKey', order: 'ASC' }],
      } as never)
    ).items.map((i: { elementInstanceKey: string }) => i.elementInstanceKey);
  const modify = (processInstanceKey: string, body: Record<string, unknown>) =>
    h.client.modifyProcessInstance({ processInstanceKey, ...body } as never);
  const refusal = async (p: Promise<unknown>) => {
    const { status, detail } = await rejectionOf(p);
    return { status, detail };
  };

  it('should activate an element in the active instance of its subprocess, with global and local variables', async () => {
    // given
    const pik = await d.start('mod');
    const [sub] = await key(pik, 'sub');
    // when
    await modify(pik, {
      activateInstructions: [
        {
          elementId: 'C',
          variableInstructions: [
            { variables: { everywhere: 1 } },
            { variables: { here: 2 }, scopeId: 'sub' },
          ],
        },
      ],
    });
    // then: C runs in the same subprocess instance, the variables where asked
    const [c] = await key(pik, 'C');
    const ci = await h.client.getElementInstance(c as never);
    expect(ci).toMatchObject({ elementId: 'C' });
    expect(await d.variables(pik)).toEqual({ everywhere: 1 });
    const local = await h.client.searchVariables({ filter: { scopeKey: sub } } as never);
    expect(local.items.map((v: { name: string }) => v.name)).toEqual(['here']);
    expect((await d.complete('mod-c')).variables).toMatchObject({ everywhere: 1, here: 2 });
  });

  it('should create the subprocess instance an activated element needs, without its start event', async () => {
    // given: the subprocess is done, the instance waits at the user task
    const pik = await d.start('mod');
    const jobs = await d.jobs('mod-a', 20);
    const job = jobs.find((j) => j.processInstanceKey === pik)!;
    await h.client.completeJob({ jobKey: job.jobKey, variables: {} });
    expect(await key(pik, 'sub')).toEqual([]);
    // when
    await modify(pik, { activateInstructions: [{ elementId: 'C' }] });
    // then
    expect(await active(pik)).toEqual(['out', 'sub', 'C']);
    expect(await key(pik, 'ss')).toHaveLength(0);
    expect((await key(pik, 'ss', 'COMPLETED')).length).toBe(1);
  });

  it('should activate first and terminate after, and terminate a subprocess left empty', async () => {
    // given
    const pik = await d.start('mod');
    const [a] = await key(pik, 'A');
    const [out] = await key(pik, 'out');
    // when: the user task is replaced by C; A, the subprocess's only element, goes
    await modify(pik, {
      activateInstructions: [{ elementId: 'C', ancestorElementInstanceKey: pik }],
      terminateInstructions: [{ elementInstanceKey: out }, { elementInstanceKey: a }],
    });
    // then: C went into a new subprocess instance under the process; the old one was left empty
    const subs = await key(pik, 'sub');
    expect(subs).toHaveLength(1);
    expect(await key(pik, 'sub', 'TERMINATED')).toHaveLength(1);
    expect(await active(pik)).toEqual(['sub', 'C']);
  });

  it('should terminate the process instance when its last element is terminated', async () => {
    // given
    const pik = await d.start('mod');
    const [a] = await key(pik, 'A');
    const [out] = await key(pik, 'out');
    // when
    await modify(pik, {
      terminateInstructions: [{ elementInstanceKey: a }, { elementInstanceKey: out }],
    });
    // then
    await d.waitState(pik, 'TERMINATED');
  });

  it('should activate in the chosen instance when the flow scope has several', async () => {
    // given: a second instance of the subprocess
    const pik = await d.start('mod');
    await modify(pik, { activateInstructions: [{ elementId: 'sub' }] });
    const subs = await key(pik, 'sub');
    expect(subs).toHaveLength(2);
    // when: no ancestor: Zeebe cannot decide
    const refused = await refusal(modify(pik, { activateInstructions: [{ elementId: 'C' }] }));
    expect(refused).toEqual({
      status: 400,
      detail: `Expected to modify instance of process 'mod' but it contains one or more activate instructions for an element that has a flow scope with more than one active instance: 'sub'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.`,
    });
    await modify(pik, {
      activateInstructions: [{ elementId: 'C', ancestorElementInstanceKey: subs[1] }],
    });
    // then
    const [c] = await key(pik, 'C');
    expect((await h.client.getElementInstance(c as never)) as unknown).toBeDefined();
    const inSecond = await h.client.searchElementInstances({
      filter: { processInstanceKey: pik, elementInstanceScopeKey: subs[1], state: 'ACTIVE' },
    } as never);
    expect(inSecond.items.map((i: { elementId: string }) => i.elementId).sort()).toEqual([
      'A',
      'C',
    ]);
  });

  describe('rejections, as Zeebe words them (400, nothing changed)', () => {
    let pik: string;
    let a: string;
    beforeAll(async () => {
      pik = await d.start('mod');
      [a] = await key(pik, 'A');
    });
    const prefix = `Expected to modify instance of process 'mod' but`;

    it.each([
      [
        'unknown elements',
        () => ({ activateInstructions: [{ elementId: 'x' }, { elementId: 'y' }] }),
        `it contains one or more activate instructions with an element that could not be found: 'x', 'y'`,
      ],
      [
        'an event of an event-based gateway',
        () => ({ activateInstructions: [{ elementId: 'msg' }] }),
        `it contains one or more activate instructions for elements that are unsupported: 'msg'. The activation of events belonging to an event-based gateway is not supported.`,
      ],
      [
        'start and boundary events',
        () => ({ activateInstructions: [{ elementId: 's' }, { elementId: 'subTimer' }] }),
        `it contains one or more activate instructions for elements that are unsupported: 's', 'subTimer'. The activation of elements with type 'START_EVENT', 'BOUNDARY_EVENT' is not supported.`,
      ],
      [
        'an element instance that is not active',
        () => ({ terminateInstructions: [{ elementInstanceKey: '2251799813685000' }] }),
        `it contains one or more terminate instructions with an element instance that could not be found: '2251799813685000'`,
      ],
      [
        'a variable scope that is no flow scope of the element',
        () => ({
          activateInstructions: [
            { elementId: 'out', variableInstructions: [{ variables: { v: 1 }, scopeId: 'sub' }] },
          ],
        }),
        `it contains one or more variable instructions with a scope element that doesn't belong to the activating element's flow scope. These variables should be set before or after the modification.`,
      ],
      [
        'an ancestor that is not active',
        () => ({
          activateInstructions: [
            { elementId: 'C', ancestorElementInstanceKey: '2251799813685000' },
          ],
        }),
        `it contains one or more activate instructions with an ancestor scope key that does not exist, or is not in an active state: '2251799813685000'`,
      ],
      [
        'terminating the flow scope an activation needs',
        () => ({
          activateInstructions: [{ elementId: 'out' }],
          terminateInstructions: [{ elementInstanceKey: pik }],
        }),
        () =>
          `it contains one or more activate instructions for elements whose required flow scope instance is also being terminated: element 'out' requires flow scope instance '${pik}' which is being terminated. Please provide a valid ancestor scope key for the activation or avoid terminating the required flow scope.`,
      ],
    ])('should reject %s', async (_name, body, reason) => {
      // when
      const refused = await refusal(modify(pik, body()));
      // then
      const text = typeof reason === 'function' ? reason() : reason;
      expect(refused).toEqual({ status: 400, detail: `${prefix} ${text}` });
      expect(await active(pik)).toEqual(['sub', 'out', 'A']);
      expect(await key(pik, 'A')).toEqual([a]);
    });

    it('should refuse to terminate the last element of a called instance', async () => {
      // given
      const parent = await d.start('mod-parent');
      const [job] = await d.jobs('mod-w', 1);
      const [w] = await key(job.processInstanceKey, 'w');
      // when
      const refused = await refusal(
        modify(job.processInstanceKey, { terminateInstructions: [{ elementInstanceKey: w }] }),
      );
      // then
      expect(refused).toEqual({
        status: 400,
        detail: `Expected to modify instance of process 'mod-child' but the given instructions would terminate the instance. The instance was created by a call activity in the parent process. To terminate this instance please modify the parent process instead.`,
      });
      expect(await d.state(parent)).toBe('ACTIVE');
    });

    it('should answer 404 for an unknown process instance', async () => {
      expect(
        await refusal(modify('2251799813685000', { activateInstructions: [{ elementId: 'C' }] })),
      ).toEqual({
        status: 404,
        detail: `Command 'MODIFY' rejected with code 'NOT_FOUND': Expected to modify process instance but no process instance found with key '2251799813685000'`,
      });
    });
  });
});
