import type { Knex } from 'knex';
import { connect } from '../../db/connect';
import type { StartedEngine } from '../../engine/start-engine';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import * as b from './bpmn-builder';
import { eventually } from './engine-harness';
import { sdkClient, startTestEngine } from './engine-credentials';

const sdk = (port: number) => sdkClient(`http://127.0.0.1:${port}`);

describe('engine - several engine processes on one database', () => {
  let t: TestDatabase;
  let secondDb: Knex;
  let a: StartedEngine;
  let bEngine: StartedEngine;
  beforeAll(async () => {
    t = await createTestDatabase();
    secondDb = connect(t.url, 10);
    a = await startTestEngine(t.db);
    bEngine = await startTestEngine(secondDb);
  });
  afterAll(async () => {
    await a.stop();
    await bEngine.stop();
    await secondDb.destroy();
    await t.drop();
  });

  it('should never hand one job to two workers on different engines', async () => {
    // given
    const clientA = sdk(a.address.port);
    const clientB = sdk(bEngine.address.port);
    await clientA.deployResources([
      {
        name: 'shared.bpmn',
        content: b.process(
          'shared',
          b.start('s'),
          b.flow('s', 't'),
          b.serviceTask('t', 'shared-task'),
          b.flow('t', 'e'),
          b.end('e'),
        ),
      },
    ]);
    const seen: string[] = [];
    const worker = (client: ReturnType<typeof sdk>, name: string) =>
      client.createJobWorker({
        type: 'shared-task',
        worker: name,
        timeout: 30000,
        maxJobsToActivate: 8,
        pollIntervalMs: 10,
        jobHandler: (job) => {
          seen.push(job.jobKey);
          return job.complete({ by: name });
        },
      });
    const workers = [worker(clientA, 'a'), worker(clientB, 'b')];
    // when
    const created = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? clientA : clientB).createProcessInstance({
          processDefinitionId: 'shared',
          variables: {},
        }),
      ),
    );
    // then
    await eventually(async () => {
      const r = await t
        .db('engine_process_instances')
        .where({ state: 'COMPLETED' })
        .count({ n: '*' })
        .first();
      return Number(r?.n) === created.length;
    }, 15000);
    await Promise.all(workers.map((w) => w.stop()));
    expect(seen).toHaveLength(created.length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('should not activate jobs for a long poll the client abandoned', async () => {
    // given
    const client = sdk(a.address.port);
    await client.deployResources([
      {
        name: 'abandon.bpmn',
        content: b.process(
          'abandon',
          b.start('s'),
          b.flow('s', 't'),
          b.serviceTask('t', 'abandon-task'),
          b.flow('t', 'e'),
          b.end('e'),
        ),
      },
    ]);
    const poll = client.activateJobs({
      type: 'abandon-task',
      worker: 'gone',
      timeout: 60000,
      maxJobsToActivate: 1,
      requestTimeout: 5000,
    });
    poll.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    // when
    poll.cancel();
    await new Promise((r) => setTimeout(r, 100));
    await client.createProcessInstance({ processDefinitionId: 'abandon', variables: {} });
    await new Promise((r) => setTimeout(r, 500));
    // then
    const job = await t.db('engine_jobs').where({ type: 'abandon-task' }).first('state', 'worker');
    expect(job).toMatchObject({ state: 'ACTIVATABLE', worker: null });
  });
});
