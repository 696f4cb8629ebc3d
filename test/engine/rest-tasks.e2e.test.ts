import * as b from './bpmn-builder';
import { eventually, Harness, startHarness } from './engine-harness';
import { engineAuthHeader } from './engine-credentials';

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { statusCode: number; message: string };
  }
  throw new Error('expected a rejection');
}

const taskProcess = b.process(
  'review',
  b.start('s'),
  b.flow('s', 'ut'),
  b.userTask('ut', {
    assignee: '=owner',
    candidateGroups: 'clerks, heads',
    candidateUsers: '=["ann", "bob"]',
    formId: 'review-form',
    dueDate: '2031-01-01T10:00:00Z',
    followUpDate: '=followUp',
    priority: '70',
    inputs: [['=amount * 2', 'doubled']],
  }),
  b.flow('ut', 'e'),
  b.end('e'),
);

describe('engine/rest - user tasks, element instances, variables, messages, signals (via @camunda8/sdk)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('review-form.form', JSON.stringify({ id: 'review-form', components: [] }));
    await h.deploy('review.bpmn', taskProcess);
  });
  afterAll(() => h.stop());

  async function startReview() {
    const created = await h.client.createProcessInstance({
      processDefinitionId: 'review',
      variables: { owner: 'carl', amount: 21, followUp: '2030-06-01T00:00:00Z' },
    });
    const r = await h.client.searchUserTasks({
      filter: { processInstanceKey: created.processInstanceKey },
    });
    return { created, task: r.items[0] };
  }

  it('should create a user task with assignment, form, schedule and priority', async () => {
    const { created, task } = await startReview();
    expect(task).toMatchObject({
      state: 'CREATED',
      assignee: 'carl',
      candidateGroups: ['clerks', 'heads'],
      candidateUsers: ['ann', 'bob'],
      dueDate: '2031-01-01T10:00:00.000Z',
      followUpDate: '2030-06-01T00:00:00.000Z',
      priority: 70,
      elementId: 'ut',
      processDefinitionId: 'review',
      processInstanceKey: created.processInstanceKey,
      tenantId: '<default>',
    });
    expect(task.formKey).toMatch(/^\d+$/);
    expect((await h.client.getUserTask(task.userTaskKey)).userTaskKey).toBe(task.userTaskKey);
  });

  it('should filter user tasks by candidate group and assignee', async () => {
    await startReview();
    const byGroup = await h.client.searchUserTasks({
      filter: { candidateGroup: 'heads', assignee: 'carl' },
    });
    expect(byGroup.items.length).toBeGreaterThan(0);
    const none = await h.client.searchUserTasks({ filter: { candidateGroup: 'nobody' } });
    expect(none.items).toEqual([]);
    expect(none.page.totalItems).toBe(0);
  });

  it('should assign, refuse an override, unassign, update and complete a user task', async () => {
    // given
    const { created, task } = await startReview();
    // when
    await h.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'dora' });
    const refused = await rejection(
      h.client.assignUserTask({
        userTaskKey: task.userTaskKey,
        assignee: 'eve',
        allowOverride: false,
      }),
    );
    await h.client.unassignUserTask({ userTaskKey: task.userTaskKey });
    const unassigned = await h.client.getUserTask(task.userTaskKey);
    await h.client.updateUserTask({
      userTaskKey: task.userTaskKey,
      changeset: {
        dueDate: '2032-02-02T00:00:00.000Z',
        candidateGroups: ['g'],
        priority: 10,
      } as never,
    });
    const updated = await h.client.getUserTask(task.userTaskKey);
    await h.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { ok: true } });
    // then
    expect(refused.statusCode).toBe(409);
    expect(unassigned).not.toHaveProperty('assignee'); // 8.8 omits a field without a value
    expect(updated).toMatchObject({
      dueDate: '2032-02-02T00:00:00.000Z',
      candidateGroups: ['g'],
      priority: 10,
    });
    const done = await h.client.getUserTask(task.userTaskKey);
    expect(done.state).toBe('COMPLETED');
    const pi = await h.client.searchProcessInstances({
      filter: { processInstanceKey: created.processInstanceKey },
    });
    expect(pi.items[0].state).toBe('COMPLETED');
    const again = await rejection(h.client.completeUserTask({ userTaskKey: task.userTaskKey }));
    expect(again.statusCode).toBe(404);
  });

  it('should serve the spec route PATCH /v2/user-tasks/{key} with a changeset', async () => {
    const { task } = await startReview();
    const res = await fetch(`${h.address}/v2/user-tasks/${task.userTaskKey}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: JSON.stringify({ changeset: { followUpDate: '', candidateUsers: [] } }),
    });
    expect(res.status).toBe(204);
    const cleared = await h.client.getUserTask(task.userTaskKey);
    expect(cleared).toMatchObject({ candidateUsers: [] });
    expect(cleared).not.toHaveProperty('followUpDate');
    const empty = await fetch(`${h.address}/v2/user-tasks/${task.userTaskKey}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: '{}',
    });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ status: 400, title: 'INVALID_ARGUMENT' });
  });

  it('should list the variables visible from a user task, local ones shadowing', async () => {
    const { task } = await startReview();
    const r = await h.client.searchUserTaskVariables({ userTaskKey: task.userTaskKey });
    const byName = Object.fromEntries(r.items.map((v) => [v.name, v.value]));
    expect(byName).toMatchObject({ owner: '"carl"', amount: '21', doubled: '42' });
    const one = await h.client.searchUserTaskVariables({
      userTaskKey: task.userTaskKey,
      filter: { name: 'doubled' },
    });
    expect(one.items).toHaveLength(1);
  });

  it('should search and get element instances and variables, and update variables', async () => {
    // given
    const { created, task } = await startReview();
    // when
    const elements = await h.client.searchElementInstances({
      filter: { processInstanceKey: created.processInstanceKey, elementId: 'ut' },
    });
    await h.client.updateElementInstanceVariables({
      elementInstanceKey: created.processInstanceKey,
      variables: { added: 'yes' },
    });
    // then
    expect(elements.items[0]).toMatchObject({
      type: 'USER_TASK',
      state: 'ACTIVE',
      elementInstanceKey: task.elementInstanceKey,
    });
    const one = await h.client.getElementInstance(task.elementInstanceKey);
    expect(one.elementId).toBe('ut');
    const vars = await h.client.searchVariables({
      filter: { processInstanceKey: created.processInstanceKey, name: 'added' },
    });
    expect(vars.items[0]).toMatchObject({ value: '"yes"', scopeKey: created.processInstanceKey });
    const v = await h.client.getVariable({ variableKey: vars.items[0].variableKey });
    expect(v.value).toBe('yes'); // the SDK JSON.parses getVariable's value
    const like = await h.client.searchVariables({ filter: { name: { $like: 'ad*' } } } as never);
    expect(like.items.every((x: { name: string }) => x.name.startsWith('ad'))).toBe(true);
  });

  it('should publish (buffered, messageId unique) and correlate messages', async () => {
    // given
    await h.deploy(
      'msg.bpmn',
      b.process(
        'msg',
        b.start('s'),
        b.flow('s', 'c'),
        b.catchEvent('c', b.messageDef('paid'), '=orderId'),
        b.flow('c', 'e'),
        b.end('e'),
      ),
    );
    const a = await h.client.createProcessInstance({
      processDefinitionId: 'msg',
      variables: { orderId: 'A' },
    });
    // when
    const correlated = await h.client.correlateMessage({
      name: 'paid',
      correlationKey: 'A',
      variables: { sum: 5 },
    });
    const published = await h.client.publishMessage({
      name: 'paid',
      correlationKey: 'B',
      timeToLive: 60000,
      messageId: 'm-1',
      variables: { sum: 6 },
    });
    const duplicate = await rejection(
      h.client.publishMessage({
        name: 'paid',
        correlationKey: 'B',
        timeToLive: 60000,
        messageId: 'm-1',
        variables: {},
      }),
    );
    const bInstance = await h.client.createProcessInstance({
      processDefinitionId: 'msg',
      variables: { orderId: 'B' },
    });
    const missing = await rejection(
      h.client.correlateMessage({ name: 'paid', correlationKey: 'Z', variables: {} }),
    );
    // then
    expect(correlated.processInstanceKey).toBe(a.processInstanceKey);
    expect(published.messageKey).toMatch(/^\d+$/);
    expect(duplicate.statusCode).toBe(409);
    expect(missing.statusCode).toBe(404);
    const states = await h.client.searchProcessInstances({
      filter: { processDefinitionId: 'msg', state: 'COMPLETED' },
    });
    expect(states.items.map((i) => i.processInstanceKey).sort()).toEqual(
      [a.processInstanceKey, bInstance.processInstanceKey].sort(),
    );
  });

  it('should broadcast a signal to catch events and signal start events', async () => {
    await h.deploy(
      'sig.bpmn',
      b.process('sig', b.start('s', b.signalDef('go')), b.flow('s', 'e'), b.end('e')),
    );
    const r = await h.client.broadcastSignal({ signalName: 'go', variables: { from: 'signal' } });
    expect(r.signalKey).toMatch(/^\d+$/);
    const started = await h.client.searchProcessInstances({
      filter: { processDefinitionId: 'sig' },
    });
    expect(started.items).toHaveLength(1);
  });

  it('should fire a timer right after the clock is pinned past its due date', async () => {
    // given
    await h.deploy(
      'timer.bpmn',
      b.process(
        'timer',
        b.start('s'),
        b.flow('s', 'wait'),
        b.catchEvent('wait', b.timerDef('timeDuration', 'PT1H')),
        b.flow('wait', 'e'),
        b.end('e'),
      ),
    );
    const created = await h.client.createProcessInstance({
      processDefinitionId: 'timer',
      variables: {},
    });
    // when
    await h.client.pinInternalClock(Date.now() + 2 * 3600_000);
    // then
    await eventually(async () => {
      const r = await h.client.searchProcessInstances({
        filter: { processInstanceKey: created.processInstanceKey },
      });
      return r.items[0].state === 'COMPLETED';
    }, 3000);
    await h.client.resetClock();
  });
});
