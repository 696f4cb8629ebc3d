import * as b from './bpmn-builder';
import { driver, eventually, Harness, rejectionOf, startHarness } from './engine-harness';
import { engineAuthHeader } from './engine-credentials';

/**
 * Process instance migration as Camunda 8.8 defines it, driven through the SDK's
 * `migrateProcessInstance`: active elements move with their keys, jobs, user tasks, variables
 * and catch events; Zeebe's rejections with its rejection types and messages.
 */
describe('engine/commands/migrate-instance - process instance migration', () => {
  let h: Harness;
  let d: ReturnType<typeof driver>;
  let now = Date.parse('2041-01-01T00:00:00Z');
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

  /** Deploys a diagram and returns its definition key. */
  const deploy = async (name: string, xml: string) =>
    (await h.deploy(name, xml)).processes[0].processDefinitionKey;
  const migrate = (
    processInstanceKey: string,
    targetProcessDefinitionKey: string,
    pairs: [string, string][],
  ) =>
    h.client.migrateProcessInstance({
      processInstanceKey,
      targetProcessDefinitionKey,
      mappingInstructions: pairs.map(([sourceElementId, targetElementId]) => ({
        sourceElementId,
        targetElementId,
      })),
    });
  const element = async (pik: string, elementId: string) =>
    (
      await h.client.searchElementInstances({
        filter: { processInstanceKey: pik, elementId },
      } as never)
    ).items[0];

  it('should move a waiting service task to the new version, keeping its job, and continue there', async () => {
    // given: v1 ends after A; v2 adds a user task B after A
    await deploy(
      'mig1.bpmn',
      b.process(
        'mig',
        b.start('s'),
        b.flow('s', 'A'),
        b.serviceTask('A', 'mig-a'),
        b.flow('A', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('mig', { order: 7 });
    const [job] = await d.jobs('mig-a', 1);
    const v2 = await deploy(
      'mig2.bpmn',
      b.process(
        'mig',
        b.start('s'),
        b.flow('s', 'A'),
        b.serviceTask('A', 'mig-a2'),
        b.flow('A', 'B'),
        b.userTask('B'),
        b.flow('B', 'e'),
        b.end('e'),
      ),
    );
    // when
    await migrate(pik, v2, [['A', 'A']]);
    await h.client.completeJob({ jobKey: job.jobKey, variables: { done: true } });
    // then: the job was kept (same key, its old type) and the instance runs on in v2
    const instance = (
      await h.client.searchProcessInstances({ filter: { processInstanceKey: pik } })
    ).items[0];
    expect(instance).toMatchObject({ processDefinitionKey: v2, processDefinitionVersion: 2 });
    expect(job.type).toBe('mig-a');
    const task = (await h.client.searchUserTasks({ filter: { processInstanceKey: pik } } as never))
      .items[0];
    expect(task).toMatchObject({ elementId: 'B', processDefinitionKey: v2 });
    expect(await d.variables(pik)).toEqual({ order: 7, done: true });
  });

  it('should map an active user task to another element, keeping its key and assignee', async () => {
    // given
    await deploy(
      'ut1.bpmn',
      b.process(
        'mig-ut',
        b.start('s'),
        b.flow('s', 'review'),
        b.userTask('review', { assignee: 'li' }),
        b.flow('review', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('mig-ut');
    const before = (
      await h.client.searchUserTasks({ filter: { processInstanceKey: pik } } as never)
    ).items[0];
    const v2 = await deploy(
      'ut2.bpmn',
      b.process(
        'mig-ut',
        b.start('s'),
        b.flow('s', 'check'),
        b.userTask('check'),
        b.flow('check', 'after'),
        b.serviceTask('after', 'mig-after'),
        b.flow('after', 'e'),
        b.end('e'),
      ),
    );
    // when
    await migrate(pik, v2, [['review', 'check']]);
    // then
    const after = (await h.client.searchUserTasks({ filter: { processInstanceKey: pik } } as never))
      .items[0];
    expect(after).toMatchObject({
      userTaskKey: before.userTaskKey,
      elementId: 'check',
      assignee: 'li',
    });
    expect(await element(pik, 'check')).toMatchObject({
      elementInstanceKey: after.elementInstanceKey,
      state: 'ACTIVE',
    });
    await h.client.completeUserTask({ userTaskKey: after.userTaskKey });
    await d.complete('mig-after');
    await d.waitState(pik, 'COMPLETED');
  });

  it('should migrate elements inside a mapped subprocess, and refuse to change their flow scope', async () => {
    // given
    await deploy(
      'sp1.bpmn',
      b.process(
        'mig-sp',
        b.start('s'),
        b.flow('s', 'subA'),
        b.subProcess(
          'subA',
          b.start('ss'),
          b.flow('ss', 'A'),
          b.serviceTask('A', 'mig-sp'),
          b.flow('A', 'se'),
          b.end('se'),
        ),
        b.flow('subA', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('mig-sp');
    const v2 = await deploy(
      'sp2.bpmn',
      b.process(
        'mig-sp',
        b.start('s'),
        b.flow('s', 'subB'),
        b.subProcess(
          'subB',
          b.start('ss'),
          b.flow('ss', 'B'),
          b.serviceTask('B', 'mig-sp-b'),
          b.flow('B', 'se'),
          b.end('se'),
        ),
        b.flow('subB', 'top'),
        b.serviceTask('top', 'mig-top'),
        b.flow('top', 'e'),
        b.end('e'),
      ),
    );
    // when: A is mapped out of its subprocess
    const refused = await rejectionOf(
      migrate(pik, v2, [
        ['subA', 'subB'],
        ['A', 'top'],
      ]),
    );
    // then
    expect(refused).toEqual({
      status: 409,
      title: 'INVALID_STATE',
      detail: `Command 'MIGRATE' rejected with code 'INVALID_STATE': Expected to migrate process instance '${pik}' but the flow scope of active element with id 'A' is changed. The flow scope of the active element is expected to be 'subB' but was 'mig-sp'. The flow scope of an element cannot be changed during migration yet.`,
    });
    // when: mapped in place
    await migrate(pik, v2, [
      ['subA', 'subB'],
      ['A', 'B'],
    ]);
    await d.complete('mig-sp');
    // then
    await d.complete('mig-top');
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik, 'COMPLETED')).toEqual(
      expect.arrayContaining(['subB', 'B', 'top']),
    );
  });

  it('should keep a mapped boundary timer, restart an unmapped one, and open a new message boundary', async () => {
    // given: two parallel tasks with a boundary timer each; v2's timers are 1 hour, and A's
    // timer has another id, and B also waits for a message
    const version = (timerA: string, duration: string, ...extraOnB: string[]) =>
      b.process(
        'mig-bt',
        b.start('s'),
        b.flow('s', 'fork'),
        b.and('fork'),
        b.flow('fork', 'A'),
        b.flow('fork', 'B'),
        b.serviceTask('A', 'mig-bt-a'),
        b.boundary(timerA, 'A', b.timerDef('timeDuration', duration)),
        b.flow('A', 'ea'),
        b.end('ea'),
        b.flow(timerA, 'lateA'),
        b.end('lateA'),
        b.serviceTask('B', 'mig-bt-b'),
        b.boundary('TB', 'B', b.timerDef('timeDuration', duration)),
        b.flow('B', 'eb'),
        b.end('eb'),
        b.flow('TB', 'lateB'),
        b.end('lateB'),
        ...extraOnB,
      );
    await deploy('bt1.bpmn', version('TA', 'PT10M'));
    const pik = await d.start('mig-bt', { id: 'k-1' });
    await advance(8 * 60_000);
    const v2 = await deploy(
      'bt2.bpmn',
      version(
        'TA2',
        'PT1H',
        b.boundary('MB', 'B', b.messageDef('mig-cancel'), { correlationKey: '=id' }),
        b.flow('MB', 'cancelled'),
        b.end('cancelled'),
      ),
    );
    // when: A's timer is mapped (it keeps its due date), B's is not (a new one of 1 hour)
    await migrate(pik, v2, [
      ['A', 'A'],
      ['TA', 'TA2'],
      ['B', 'B'],
    ]);
    await advance(3 * 60_000);
    // then: A's old timer fired under its new id; B's restarted timer did not
    await eventually(async () => (await d.elements(pik, 'COMPLETED')).includes('lateA'));
    expect(await d.elements(pik, 'COMPLETED')).toEqual(expect.arrayContaining(['TA2', 'lateA']));
    expect(await d.elements(pik, 'ACTIVE')).toEqual(['B']);
    // and B's new message boundary is subscribed
    await h.client.publishMessage({
      name: 'mig-cancel',
      correlationKey: 'k-1',
      variables: {},
    } as never);
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik, 'COMPLETED')).toContain('cancelled');
  });

  it('should move tokens waiting at a joining parallel gateway with the mapped gateway and flow', async () => {
    // given: A done, its token waits at the join for B; v2 renames the join and A's flow to it
    // and puts a task after the join
    const version = (gateway: string, fromA: string, ...afterJoin: string[]) =>
      b.process(
        'mig-join',
        b.start('s'),
        b.flow('s', 'fork'),
        b.and('fork'),
        b.flow('fork', 'A'),
        b.flow('fork', 'B'),
        b.serviceTask('A', 'mig-join-a'),
        b.serviceTask('B', 'mig-join-b'),
        b.flow('A', gateway, undefined, fromA),
        b.flow('B', gateway, undefined, 'fromB'),
        b.and(gateway),
        ...(afterJoin.length ? afterJoin : [b.flow(gateway, 'e')]),
        b.end('e'),
      );
    await deploy('join1.bpmn', version('join', 'flow1'));
    const pik = await d.start('mig-join');
    await d.complete('mig-join-a');
    const v2 = await deploy(
      'join2.bpmn',
      version(
        'gateway2',
        'flow2',
        b.flow('gateway2', 'after'),
        b.serviceTask('after', 'mig-join-after'),
        b.flow('after', 'e'),
      ),
    );
    // when
    await migrate(pik, v2, [
      ['B', 'B'],
      ['join', 'gateway2'],
      ['flow1', 'flow2'],
    ]);
    await d.complete('mig-join-b');
    // then: the join fires in v2
    await d.complete('mig-join-after');
    await d.waitState(pik, 'COMPLETED');
  });

  describe('rejections, as Zeebe words them', () => {
    let pik: string;
    let v2: string;
    beforeAll(async () => {
      await deploy(
        'rej1.bpmn',
        b.process(
          'mig-rej',
          b.start('s'),
          b.flow('s', 'A'),
          b.serviceTask('A', 'mig-rej', { multi: { collection: '=[1,2]' } }),
          b.flow('A', 'U'),
          b.userTask('U'),
          b.flow('U', 'e'),
          b.end('e'),
        ),
      );
      pik = await d.start('mig-rej');
      v2 = await deploy(
        'rej2.bpmn',
        b.process(
          'mig-rej',
          b.start('s'),
          b.flow('s', 'A'),
          b.serviceTask('A', 'mig-rej', { multi: { collection: '=[1,2]', sequential: true } }),
          b.flow('A', 'U'),
          b.userTask('U'),
          b.flow('U', 'T'),
          b.serviceTask('T', 'mig-rej-t'),
          b.flow('T', 'e'),
          b.end('e'),
        ),
      );
    });
    const state = (reason: string) => ({
      status: 409,
      title: 'INVALID_STATE',
      detail: `Command 'MIGRATE' rejected with code 'INVALID_STATE': Expected to migrate process instance '${pik}' but ${reason}`,
    });

    it.each([
      [
        'an unmapped active element',
        [['U', 'U']] as [string, string][],
        () =>
          state(
            `no mapping instruction defined for active element with id 'A'. Elements cannot be migrated without a mapping.`,
          ),
      ],
      [
        'a different element type',
        [['A', 'U']] as [string, string][],
        () =>
          state(
            `active element with id 'A' and type 'MULTI_INSTANCE_BODY' is mapped to an element with id 'U' and different type 'USER_TASK'. Elements must be mapped to elements of the same type.`,
          ),
      ],
      [
        'parallel to sequential multi-instance',
        [['A', 'A']] as [string, string][],
        () =>
          state(
            `active element with id 'A' has a different loop characteristics than the target element with id 'A'. Both elements must have either sequential or parallel loop characteristics.`,
          ),
      ],
      [
        'duplicate source ids',
        [
          ['A', 'A'],
          ['A', 'T'],
        ] as [string, string][],
        () => ({
          status: 400,
          title: 'INVALID_ARGUMENT',
          detail: `Expected to migrate process instance '${pik}' but the mapping instructions contain duplicate source element ids '[A]'.`,
        }),
      ],
      [
        'a target element that does not exist',
        [['A', 'nowhere']] as [string, string][],
        () => ({
          status: 400,
          title: 'INVALID_ARGUMENT',
          detail: `Expected to migrate process instance '${pik}' but mapping instructions contain a non-existing target element id 'nowhere'. Elements provided in mapping instructions must exist in the target process definition.`,
        }),
      ],
    ])('should reject %s and leave the instance as it was', async (_name, pairs, expected) => {
      // when
      const refused = await rejectionOf(migrate(pik, v2, pairs));
      // then
      expect(refused).toEqual(expected());
      const instance = (
        await h.client.searchProcessInstances({ filter: { processInstanceKey: pik } })
      ).items[0];
      expect(instance.processDefinitionVersion).toBe(1);
    });

    it('should answer 404 for an unknown instance or target definition', async () => {
      expect(await rejectionOf(migrate('2251799813685000', v2, [['A', 'A']]))).toMatchObject({
        status: 404,
        detail: expect.stringContaining(
          `Expected to migrate process instance but no process instance found with key '2251799813685000'`,
        ),
      });
      expect(await rejectionOf(migrate(pik, '2251799813685000', [['A', 'A']]))).toMatchObject({
        status: 404,
        detail: expect.stringContaining(
          `Expected to migrate process instance to process definition but no process definition found with key '2251799813685000'`,
        ),
      });
    });

    it('should answer 400 for a request without mapping instructions', async () => {
      const res = await fetch(`${h.address}/v2/process-instances/${pik}/migration`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...engineAuthHeader },
        body: JSON.stringify({ targetProcessDefinitionKey: v2 }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        status: 400,
        detail: 'No mappingInstructions provided.',
      });
    });
  });
});
