import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { freePort } from '../helpers/free-port';
import * as b from './bpmn-builder';
import { engineAuthHeader, engineEnv, sdkClient } from './engine-credentials';

const ROOT = path.join(__dirname, '..', '..');

/** `tsx engine/main.ts` in its own process group, so kill -9 takes tsx and its node child. */
function startEngineProcess(url: string, port: number): ChildProcess {
  return spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['engine/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...engineEnv,
      DATABASE_URL: url,
      ENGINE_PORT: String(port),
      ENGINE_GRPC_PORT: 'off',
    },
    detached: true,
    stdio: 'ignore',
  });
}

async function waitReady(address: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${address}/v2/topology`, { headers: engineAuthHeader })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('engine did not start');
}

describe('engine - crash recovery (kill -9 under load)', () => {
  let t: TestDatabase;
  let engine: ChildProcess | undefined;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    if (engine?.pid) process.kill(-engine.pid, 'SIGKILL');
    await t.drop();
  });

  it('should complete every instance and complete no job twice after kill -9 and restart', async () => {
    // given
    const port = await freePort();
    const address = `http://127.0.0.1:${port}`;
    engine = startEngineProcess(t.url, port);
    await waitReady(address);
    const client = sdkClient(address, { CAMUNDA_JOB_WORKER_MAX_BACKOFF_MS: 500 });
    await client.deployResources([
      {
        name: 'crash.bpmn',
        content: b.process(
          'crash',
          b.start('s'),
          b.flow('s', 't'),
          b.serviceTask('t', 'crash-task'),
          b.flow('t', 'e'),
          b.end('e'),
        ),
      },
    ]);
    const completed: string[] = [];
    const worker = client.createJobWorker({
      type: 'crash-task',
      worker: 'crash-worker',
      timeout: 2000,
      maxJobsToActivate: 20,
      pollIntervalMs: 50,
      jobHandler: async (job) => {
        try {
          const ack = await job.complete({ done: true });
          completed.push(job.jobKey);
          return ack;
        } catch {
          // The engine died mid-call: whether it committed is unknown; the instance will tell.
          return job.forward();
        }
      },
    });
    const created: string[] = [];
    let stopLoad = false;
    const load = async () => {
      while (!stopLoad) {
        try {
          const r = await client.createProcessInstance({
            processDefinitionId: 'crash',
            variables: {},
          });
          created.push(r.processInstanceKey);
        } catch {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    // when
    const loaders = [load(), load(), load(), load()];
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(-engine.pid!, 'SIGKILL');
    const beforeKill = created.length;
    await new Promise((r) => setTimeout(r, 300));
    engine = startEngineProcess(t.url, port);
    await waitReady(address);
    await new Promise((r) => setTimeout(r, 1000));
    stopLoad = true;
    await Promise.all(loaders);
    // then
    expect(beforeKill).toBeGreaterThan(10);
    const deadline = Date.now() + 30_000;
    let open = Infinity;
    while (Date.now() < deadline) {
      const row = await t
        .db('engine_process_instances')
        .whereNot({ state: 'COMPLETED' })
        .count({ n: '*' })
        .first();
      open = Number(row?.n);
      if (open === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await worker.stop();
    expect(open).toBe(0);
    const states = await t.db('engine_process_instances').whereIn('key', created).select('state');
    expect(states).toHaveLength(created.length);
    expect(new Set(completed).size).toBe(completed.length);
  }, 90_000);
});
