import * as b from '../../engine/bpmn-builder';
import { Harness, startHarness } from '../../engine/engine-harness';
import { startOutboxDrainer } from '../../../workers/runtime/outbox-drainer';
import { makeEmployment, seedApplication, seedEnterprise, seedPerson } from '../fixtures';

/*
 * The outbox drainer: what a killed program owed is sent once when it comes back, and a
 * decision it left half-done is finished or taken back.
 */
describe('workers/runtime/outbox-drainer - owed commands and half-done decisions', () => {
  let h: Harness;
  const noLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const drainer = () =>
    startOutboxDrainer({
      db: h.db.db,
      camunda: h.client,
      log: noLog,
      intervalMs: 60_000,
      leaseMs: 5_000,
      decisionStaleMs: 1_000,
    });

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy(
      'owed.bpmn',
      b.process(
        'owed',
        b.start('s'),
        b.flow('s', 'u'),
        b.userTask('u'),
        b.flow('u', 'e'),
        b.end('e'),
      ),
    );
  });
  afterAll(() => h.stop());

  async function owedApplication(leaseSeconds = -1) {
    const enterprise = await seedEnterprise(h.db.db);
    const app = await seedApplication(h.db.db, {
      type: 'category-registration',
      state: 'awaiting-review',
      enterprise_id: enterprise.id,
      subject: JSON.stringify({ categories: ['G'] }),
    });
    await h.db.db('outbox').insert({
      kind: 'start-process',
      application_id: app.id,
      payload: JSON.stringify({ processId: 'owed', variables: { applicationId: String(app.id) } }),
      lease_until: h.db.db.raw(`now() + make_interval(secs => ${leaseSeconds})`),
    });
    return String(app.id);
  }

  const instancesOf = async (applicationId: string) =>
    (
      await h.client.searchVariables({
        filter: { name: 'applicationId', value: JSON.stringify(applicationId) },
      } as never)
    ).items.length;

  const keyOf = async (id: string) =>
    (await h.db.db('applications').where({ id }).first('process_instance_key'))
      .process_instance_key as string | null;

  it('should start the process of a committed application whose start was never sent', async () => {
    // given
    const id = await owedApplication();
    const d = drainer();
    // when
    await d.drain();
    await d.stop();
    // then
    expect(await keyOf(id)).not.toBeNull();
    expect(await instancesOf(id)).toBe(1);
    expect(await h.db.db('outbox').where({ application_id: id })).toEqual([]);
  });

  it('should record the instance an earlier attempt made instead of starting a second', async () => {
    // given the engine started it, but the program died before recording the key
    const id = await owedApplication();
    const made = await h.client.createProcessInstance({
      processDefinitionId: 'owed',
      variables: { applicationId: id },
    });
    const d = drainer();
    // when
    await d.drain();
    await d.stop();
    // then
    expect(String(await keyOf(id))).toBe(String(made.processInstanceKey));
    expect(await instancesOf(id)).toBe(1);
  });

  it('should leave a start alone while the request that wrote it still holds the lease', async () => {
    // given
    const id = await owedApplication(60);
    const d = drainer();
    // when
    await d.drain();
    await d.stop();
    // then
    expect(await keyOf(id)).toBeNull();
    expect(await instancesOf(id)).toBe(0);
    await h.db.db('outbox').where({ application_id: id }).delete();
  });

  it('should take back a stale pending consent whose task is still open, releasing the person', async () => {
    // given a consent written, but the program died before the engine completed the task
    const person = await seedPerson(h.db.db);
    const enterprise = await seedEnterprise(h.db.db);
    const employment = await makeEmployment(h.db.db, person.id, enterprise.id, {
      state: 'proposed',
      proposed_at: new Date(),
      consented_at: new Date(),
    });
    const app = await seedApplication(h.db.db, {
      type: 'employment-proposal',
      state: 'submitted',
      person_id: person.id,
      enterprise_id: enterprise.id,
      employment_id: employment.id,
    });
    const pi = await h.client.createProcessInstance({
      processDefinitionId: 'owed',
      variables: { applicationId: String(app.id) },
    });
    const task = await eventuallyTask(String(pi.processInstanceKey));
    await h.db.db('application_events').insert({
      application_id: app.id,
      step: 'consent',
      actor_name: '王建国',
      decision: 'approved',
      task_key: task,
      pending: true,
      at: new Date(Date.now() - 5_000),
    });
    const d = drainer();
    // when
    await d.drain();
    await d.stop();
    // then
    expect(await h.db.db('application_events').where({ application_id: app.id })).toEqual([]);
    const row = await h.db.db('employments').where({ id: employment.id }).first();
    expect(row.consented_at).toBeNull();
  });

  it('should confirm a stale pending decision whose task the engine completed', async () => {
    // given
    const id = await owedApplication();
    const d = drainer();
    await d.drain();
    const task = await eventuallyTask(String(await keyOf(id)));
    await h.client.completeUserTask({ userTaskKey: task });
    const [entry] = await h.db
      .db('application_events')
      .insert({
        application_id: id,
        step: 'u',
        actor_name: '审核人',
        decision: 'approved',
        task_key: task,
        pending: true,
        at: new Date(Date.now() - 5_000),
      })
      .returning('id');
    // when
    await d.drain();
    await d.stop();
    // then
    const row = await h.db.db('application_events').where({ id: entry.id }).first();
    expect(row.pending).toBe(false);
  });

  it('should publish an owed message once', async () => {
    // given
    await h.db.db('outbox').insert({
      kind: 'publish-message',
      payload: JSON.stringify({ name: 'nobody-waits', correlationKey: 'x', messageId: 'm-1' }),
    });
    const d = drainer();
    // when
    await d.drain();
    await d.stop();
    // then
    expect(await h.db.db('outbox').where({ kind: 'publish-message' })).toEqual([]);
  });

  /** An application cancelled by an operator whose instance cancellation is owed. */
  async function owedCancellation(processInstanceKey: string | null, applicationId?: string) {
    const id = applicationId ?? (await owedApplication(60));
    await h.db.db('outbox').where({ application_id: id }).delete();
    await h.db
      .db('applications')
      .where({ id })
      .update({ state: 'cancelled', completed_at: h.db.db.fn.now() });
    await h.db.db('outbox').insert({
      kind: 'cancel-instance',
      application_id: id,
      payload: JSON.stringify({ processInstanceKey }),
      lease_until: h.db.db.raw('now()'),
    });
    return id;
  }

  const stateOf = async (processInstanceKey: string) =>
    (await h.client.searchProcessInstances({ filter: { processInstanceKey } })).items[0]?.state;

  it('should cancel the instance of an application an operator cancelled', async () => {
    // given
    const made = await h.client.createProcessInstance({
      processDefinitionId: 'owed',
      variables: {},
    });
    const key = String(made.processInstanceKey);
    const id = await owedCancellation(key);
    const d = drainer();
    // when
    await d.drain();
    await d.stop();
    // then
    expect(await stateOf(key)).toBe('TERMINATED');
    expect(await h.db.db('outbox').where({ application_id: id })).toEqual([]);
  });

  it('should take an instance that is gone already (404) as cancelled', async () => {
    // given
    const made = await h.client.createProcessInstance({
      processDefinitionId: 'owed',
      variables: {},
    });
    const key = String(made.processInstanceKey);
    await h.client.cancelProcessInstance({ processInstanceKey: key });
    const id = await owedCancellation(key);
    const d = drainer();
    // when
    await d.drain();
    await d.stop();
    // then
    expect(await h.db.db('outbox').where({ application_id: id })).toEqual([]);
  });

  it('should find and cancel an instance a start made but never recorded', async () => {
    // given the application was cancelled while its start was under way
    const id = await owedApplication(60);
    const made = await h.client.createProcessInstance({
      processDefinitionId: 'owed',
      variables: { applicationId: id },
    });
    await owedCancellation(null, id);
    const d = drainer();
    // when
    await d.drain();
    await d.stop();
    // then
    expect(await stateOf(String(made.processInstanceKey))).toBe('TERMINATED');
    expect(await h.db.db('outbox').where({ application_id: id })).toEqual([]);
  });

  it('should not start the process of an application that ended before its start was sent', async () => {
    // given
    const id = await owedApplication();
    await h.db
      .db('applications')
      .where({ id })
      .update({ state: 'cancelled', completed_at: h.db.db.fn.now() });
    const d = drainer();
    // when
    await d.drain();
    await d.stop();
    // then
    expect(await instancesOf(id)).toBe(0);
    expect(await h.db.db('outbox').where({ application_id: id })).toEqual([]);
  });

  async function eventuallyTask(processInstanceKey: string): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const r = await h.client.searchUserTasks({ filter: { processInstanceKey } } as never);
      const t = r.items.find((x) => x.state === 'CREATED');
      if (t) return String(t.userTaskKey);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no task');
  }
});
