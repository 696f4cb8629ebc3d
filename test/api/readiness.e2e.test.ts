import { connect } from '../../db/connect';
import { startWorkers } from '../../workers/runtime/start-workers';
import { Camunda8 } from '@camunda8/sdk';
import { startApi } from './api-harness';
import { eventually, startWorkerHarness, WorkerHarness } from '../workers/worker-harness';

/** An SDK client of an address where nothing listens. */
function nowhere() {
  return new Camunda8({
    ZEEBE_REST_ADDRESS: 'http://127.0.0.1:9',
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
  } as never).getCamundaRestClient();
}

describe('api/readiness - GET /ready', () => {
  let h: WorkerHarness;
  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterAll(() => h.stopAll());

  it('should be ready when the database, the engine and the job workers answer', async () => {
    // given the API wired to a running engine and its workers, as main.ts wires them
    const api = await startApi({ camunda: h.client, workers: h.workers }, h.db);
    try {
      // when a probe asks
      const res = await api.request('GET', '/ready');

      // then every part is up, nothing is owed to the engine, and nothing else is told
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ready',
        database: 'up',
        engine: 'up',
        workers: 'up',
        outbox: { owed: 0, oldestSeconds: 0 },
        version: expect.any(String),
      });
      expect(h.workers.status()).toMatchObject({ polling: true });
    } finally {
      await api.stop();
    }
  });

  it('should name the engine as down when it does not answer', async () => {
    // given a client of an engine address where nothing listens
    const api = await startApi({ camunda: nowhere(), workers: h.workers }, h.db);
    try {
      // when a probe asks
      const res = await api.request('GET', '/ready');

      // then 503, the engine down with a short reason, the rest up
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        status: 'not-ready',
        database: 'up',
        engine: 'down',
        workers: 'up',
        reasons: { engine: expect.any(String) },
      });
      expect(Object.keys(res.body.reasons)).toEqual(['engine']);
    } finally {
      await api.stop();
    }
  });

  it('should name the database as down when it does not answer', async () => {
    // given an API whose database pool points at a port where no PostgreSQL listens
    const dead = connect('postgres://postgres@127.0.0.1:9/nothing');
    const api = await startApi({ db: dead, camunda: h.client, workers: h.workers }, h.db);
    try {
      // when a probe asks
      const res = await api.request('GET', '/ready');

      // then 503 with the database down
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ database: 'down', engine: 'up', workers: 'up' });
      expect(res.body.reasons.database).toEqual(expect.any(String));
    } finally {
      await api.stop();
      await dead.destroy();
    }
  });

  it('should name the workers as down when this process runs none', async () => {
    // given an API without job workers
    const api = await startApi({ camunda: h.client }, h.db);
    try {
      // when a probe asks
      const res = await api.request('GET', '/ready');

      // then 503 with the workers down
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        workers: 'down',
        reasons: { workers: 'job workers are not running in this process' },
      });
    } finally {
      await api.stop();
    }
  });

  it('should report the job workers as down once they have stopped', async () => {
    // given workers that were polling
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const workers = startWorkers({ db: h.sql, camunda: h.client, log: quiet, handlers: {} });
    const api = await startApi({ camunda: h.client, workers }, h.db);
    try {
      expect((await api.request('GET', '/ready')).status).toBe(200);

      // when they stop
      await workers.stop();

      // then readiness says so
      const res = await api.request('GET', '/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ workers: 'down', reasons: { workers: expect.any(String) } });
    } finally {
      await api.stop();
    }
  });

  it('should report the job workers as down while their polls fail', async () => {
    // given workers polling an engine address where nothing listens
    const warnings: string[] = [];
    const log = {
      info: () => undefined,
      warn: (m: string) => warnings.push(m),
      error: () => undefined,
    };
    const workers = startWorkers({
      db: h.sql,
      camunda: nowhere(),
      log,
      handlers: { 'readiness-probe': async () => ({ variables: {} }) },
    });
    try {
      // when their first poll has failed (the SDK retries a refused connection twice first)
      await eventually(async () => workers.status().problem, 15_000);

      // then the status names the job type and the failure, and the log said it once
      expect(workers.status()).toMatchObject({
        polling: true,
        problem: expect.stringMatching(/^readiness-probe: poll failed: /),
      });
      expect(warnings).toEqual([expect.stringMatching(/^worker readiness-probe: poll failed/)]);
    } finally {
      await workers.stop();
    }
  }, 30_000);
});
