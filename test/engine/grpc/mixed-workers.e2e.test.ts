import knex from 'knex';
import { createTestDatabase, TestDatabase } from '../../helpers/test-database';
import { startEngine, StartedEngine } from '../../../engine/start-engine';
import { sdkClient, testEngineAuth } from '../engine-credentials';
import { diagrams } from './diagrams';
import { sdkGrpcClient, until } from './grpc-harness';

const INSTANCES = 60;

/**
 * Two engine processes' worth of engines (each its own pool) on one database: a REST long-poll
 * worker on one, a gRPC streaming worker on the other, one job type between them.
 */
describe('engine/grpc - a REST worker and a streaming gRPC worker sharing one job type', () => {
  let t: TestDatabase;
  const pools: knex.Knex[] = [];
  let restEngine: StartedEngine;
  let grpcEngine: StartedEngine;
  beforeAll(async () => {
    t = await createTestDatabase();
    const pool = () => {
      const db = knex({ client: 'pg', connection: t.url, pool: { min: 0, max: 8 } });
      pools.push(db);
      return db;
    };
    const options = { port: 0, host: '127.0.0.1', auth: testEngineAuth, clockControlled: true };
    restEngine = await startEngine({ ...options, db: pool() });
    grpcEngine = await startEngine({ ...options, db: pool(), grpcPort: 0 });
  });
  afterAll(async () => {
    await restEngine?.stop();
    await grpcEngine?.stop();
    await Promise.all(pools.map((p) => p.destroy()));
    await t?.drop();
  });

  it('should hand every job to exactly one of them, and both take part', async () => {
    const rest = sdkClient(`http://127.0.0.1:${restEngine.address.port}`);
    const grpc = sdkGrpcClient(`127.0.0.1:${grpcEngine.grpcAddress!.port}`);
    await rest.deployResources([{ name: 'mixed.bpmn', content: diagrams.oneTask('mixed') }]);
    const handled = new Map<string, string[]>();
    const record = (jobKey: string, by: string) =>
      handled.set(jobKey, [...(handled.get(jobKey) ?? []), by]);
    const restWorker = rest.createJobWorker({
      type: 'mixed',
      worker: 'rest',
      timeout: 30_000,
      maxJobsToActivate: 4,
      pollIntervalMs: 10,
      jobHandler: async (job: { jobKey: string; complete(v: object): Promise<unknown> }) => {
        record(job.jobKey, 'rest');
        return job.complete({ by: 'rest' });
      },
    } as never);
    const stream = await grpc.streamJobs({
      type: 'mixed',
      worker: 'grpc',
      timeout: 30_000,
      taskHandler: async (job: { key: string; complete(v: object): Promise<unknown> }) => {
        record(job.key, 'grpc');
        return job.complete({ by: 'grpc' });
      },
    } as never);
    try {
      const keys: string[] = [];
      for (let i = 0; i < INSTANCES; i++) {
        keys.push(
          (await rest.createProcessInstance({ processDefinitionId: 'one-mixed', variables: { i } }))
            .processInstanceKey,
        );
        if (i % 5 === 4) await new Promise((r) => setTimeout(r, 20));
      }
      await until(async () => {
        const r = await rest.searchProcessInstances({
          filter: { processDefinitionId: 'one-mixed', state: 'COMPLETED' },
          page: { limit: 100 },
        } as never);
        return r.page.totalItems === INSTANCES;
      }, 20_000);
      // then: one handling per job, one job per instance, both workers among them
      expect(handled.size).toBe(INSTANCES);
      expect([...handled.values()].filter((by) => by.length > 1)).toEqual([]);
      const by = [...handled.values()].map((b) => b[0]);
      expect(by.filter((b) => b === 'rest').length).toBeGreaterThan(0);
      expect(by.filter((b) => b === 'grpc').length).toBeGreaterThan(0);
      expect(keys).toHaveLength(INSTANCES);
    } finally {
      stream.close();
      await restWorker.stop();
      await grpc.close();
    }
  });

  it('should give a disconnected stream worker’s job back after its timeout', async () => {
    const rest = sdkClient(`http://127.0.0.1:${restEngine.address.port}`);
    const grpc = sdkGrpcClient(`127.0.0.1:${grpcEngine.grpcAddress!.port}`);
    const pi = await rest.createProcessInstance({
      processDefinitionId: 'one-mixed',
      variables: {},
    });
    const received: string[] = [];
    // given a stream that takes the job and never finishes it
    const stream = await grpc.streamJobs({
      type: 'mixed',
      worker: 'vanishing',
      timeout: 1000,
      taskHandler: async (job: { key: string }) => {
        received.push(job.key);
        return 'JOB_ACTION_ACKNOWLEDGEMENT';
      },
    } as never);
    await until(async () => received.length === 1);
    // when it disconnects
    stream.close();
    await grpc.close();
    // then the job is activatable again once its second has passed
    const [job] = await rest.activateJobs({
      type: 'mixed',
      worker: 'rest',
      timeout: 10_000,
      maxJobsToActivate: 1,
      requestTimeout: 5000,
    });
    expect(job.jobKey).toBe(received[0]);
    expect(job.processInstanceKey).toBe(pi.processInstanceKey);
    await rest.completeJob({ jobKey: job.jobKey, variables: {} });
  });
});
