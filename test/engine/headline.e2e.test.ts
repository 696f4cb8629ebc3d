import * as b from './bpmn-builder';
import { eventually, Harness, startHarness } from './engine-harness';

const diagram = b.process(
  'headline',
  b.start('start'),
  b.flow('start', 'check'),
  b.serviceTask('check', 'headline-check'),
  b.flow('check', 'review'),
  b.userTask('review', { candidateGroups: 'reviewers' }),
  b.flow('review', 'decide'),
  b.xor('decide', 'to_rejected'),
  b.flow('decide', 'issue', '=approved = true'),
  b.flow('decide', 'rejected', undefined, 'to_rejected'),
  b.serviceTask('issue', 'headline-issue'),
  b.boundary('issue_failed', 'issue', b.errorDef('NO_STOCK')),
  b.flow('issue', 'done'),
  b.flow('issue_failed', 'failed'),
  b.end('done'),
  b.end('failed'),
  b.end('rejected'),
);

describe('engine - headline scenario through the SDK', () => {
  let h: Harness;
  const workers: { stop(): Promise<unknown> }[] = [];

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('headline.bpmn', diagram);
    workers.push(
      h.client.createJobWorker({
        type: 'headline-check',
        worker: 'w1',
        timeout: 30000,
        maxJobsToActivate: 10,
        jobHandler: (job) =>
          job.complete({
            checked: true,
            amount: ((job.variables as Record<string, unknown>).amount as number) * 2,
          }),
      }),
      h.client.createJobWorker({
        type: 'headline-issue',
        worker: 'w2',
        timeout: 30000,
        maxJobsToActivate: 10,
        jobHandler: (job) =>
          (job.variables as Record<string, unknown>).amount === 4
            ? job.error({ errorCode: 'NO_STOCK', errorMessage: 'out of stock', variables: {} })
            : job.complete({ issued: true }),
      }),
    );
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await h.stop();
  });

  async function runToUserTask(amount: number) {
    const created = await h.client.createProcessInstance({
      processDefinitionId: 'headline',
      variables: { amount },
    });
    const task = await eventually(async () => {
      const r = await h.client.searchUserTasks({
        filter: { processInstanceKey: created.processInstanceKey, state: 'CREATED' },
      });
      return r.items[0];
    });
    return { created, task };
  }

  async function endState(processInstanceKey: string) {
    return eventually(async () => {
      const r = await h.client.searchProcessInstances({ filter: { processInstanceKey } });
      const pi = r.items[0];
      return pi && pi.state !== 'ACTIVE' ? pi : undefined;
    });
  }

  async function endEvents(processInstanceKey: string) {
    const r = await h.client.searchElementInstances({
      filter: { processInstanceKey, type: 'END_EVENT' },
    });
    return r.items.map((i) => i.elementId);
  }

  it('should run service task, user task, gateway and the second service task to the end', async () => {
    // given
    const { created, task } = await runToUserTask(21);
    expect(task.candidateGroups).toEqual(['reviewers']);
    // when
    await h.client.completeUserTask({
      userTaskKey: task.userTaskKey,
      variables: { approved: true },
    });
    // then
    const pi = await endState(created.processInstanceKey);
    expect(pi.state).toBe('COMPLETED');
    expect(await endEvents(created.processInstanceKey)).toEqual(['done']);
    const vars = await h.client.searchVariables({
      filter: { processInstanceKey: created.processInstanceKey },
    });
    const byName = Object.fromEntries(vars.items.map((v) => [v.name, JSON.parse(v.value)]));
    expect(byName).toMatchObject({ amount: 42, checked: true, approved: true, issued: true });
  });

  it('should route a BPMN error from the worker to the error boundary', async () => {
    // given
    const { created, task } = await runToUserTask(2);
    // when
    await h.client.completeUserTask({
      userTaskKey: task.userTaskKey,
      variables: { approved: true },
    });
    // then
    expect((await endState(created.processInstanceKey)).state).toBe('COMPLETED');
    expect(await endEvents(created.processInstanceKey)).toEqual(['failed']);
  });

  it('should take the default flow when the condition does not hold', async () => {
    // given
    const { created, task } = await runToUserTask(1);
    // when
    await h.client.completeUserTask({
      userTaskKey: task.userTaskKey,
      variables: { approved: false },
    });
    // then
    expect((await endState(created.processInstanceKey)).state).toBe('COMPLETED');
    expect(await endEvents(created.processInstanceKey)).toEqual(['rejected']);
  });
});
