import type { Knex } from 'knex';
import { connect } from '../../../db/connect';
import type { StartedEngine } from '../../../engine/start-engine';
import { createTestDatabase, TestDatabase } from '../../helpers/test-database';
import * as b from '../bpmn-builder';
import { engineAuthHeader, startTestEngine } from '../engine-credentials';

/**
 * Engine A keeps the instances it created in memory to complete their jobs without reading
 * them back; engine B (same database) changes them meanwhile. A must act on B's state.
 */
describe('engine/runtime/instance-cache - completing a job after another engine changed the instance', () => {
  let t: TestDatabase;
  let secondDb: Knex;
  let a: StartedEngine;
  let bEngine: StartedEngine;
  type Job = { jobKey: string; processInstanceKey: string; variables: unknown };
  const json = async <T>(res: Response) => (await res.json()) as T;
  const url = (e: StartedEngine, path: string) => `http://127.0.0.1:${e.address.port}/v2${path}`;
  const post = (e: StartedEngine, path: string, body: unknown, method = 'POST') =>
    fetch(url(e, path), {
      method,
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await createTestDatabase();
    secondDb = connect(t.url, 5);
    a = await startTestEngine(t.db);
    bEngine = await startTestEngine(secondDb);
    const xml = b.process(
      'cached',
      b.start('s'),
      b.flow('s', 't1'),
      b.serviceTask('t1', 'cached-1'),
      b.flow('t1', 't2'),
      b.serviceTask('t2', 'cached-2'),
      b.flow('t2', 'e'),
      b.end('e'),
    );
    const form = new FormData();
    form.append('resources', new Blob([xml]), 'cached.bpmn');
    const res = await fetch(url(a, '/deployments'), {
      method: 'POST',
      body: form,
      headers: engineAuthHeader,
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await a.stop();
    await bEngine.stop();
    await secondDb.destroy();
    await t.drop();
  });

  async function startOnA(): Promise<{ instanceKey: string; jobKey: string }> {
    const created = await post(a, '/process-instances', { processDefinitionId: 'cached' });
    const instanceKey = (await json<{ processInstanceKey: string }>(created)).processInstanceKey;
    const activated = await post(a, '/jobs/activation', {
      type: 'cached-1',
      timeout: 30000,
      maxJobsToActivate: 1,
      requestTimeout: 2000,
    });
    const [job] = (await json<{ jobs: Job[] }>(activated)).jobs;
    expect(job.processInstanceKey).toBe(instanceKey);
    return { instanceKey, jobKey: job.jobKey };
  }

  it('should not complete a job of an instance another engine cancelled', async () => {
    // given
    const { instanceKey, jobKey } = await startOnA();
    const cancelled = await post(bEngine, `/process-instances/${instanceKey}/cancellation`, {});
    expect(cancelled.status).toBe(204);
    // when
    const completed = await post(a, `/jobs/${jobKey}/completion`, {});
    // then
    expect(completed.status).toBe(404);
    const instance = await json<{ state: string }>(
      await fetch(url(a, `/process-instances/${instanceKey}`), { headers: engineAuthHeader }),
    );
    expect(instance.state).toBe('TERMINATED');
  });

  it('should carry variables another engine set into the next job', async () => {
    // given
    const { instanceKey, jobKey } = await startOnA();
    const set = await post(
      bEngine,
      `/element-instances/${instanceKey}/variables`,
      { variables: { fromB: 2 } },
      'PUT',
    );
    expect(set.status).toBe(204);
    // when
    const completed = await post(a, `/jobs/${jobKey}/completion`, { variables: { fromA: 1 } });
    // then
    expect(completed.status).toBe(204);
    const next = await post(a, '/jobs/activation', {
      type: 'cached-2',
      timeout: 30000,
      maxJobsToActivate: 1,
      requestTimeout: 2000,
    });
    const [job] = (await json<{ jobs: Job[] }>(next)).jobs;
    expect(job.processInstanceKey).toBe(instanceKey);
    expect(job.variables).toEqual({ fromA: 1, fromB: 2 });
  });
});
