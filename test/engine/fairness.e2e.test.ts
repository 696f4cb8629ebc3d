import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { connect } from '../../db/connect';
import type { StartedEngine } from '../../engine/start-engine';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import * as b from './bpmn-builder';
import { engineAuthHeader, sdkClient, startTestEngine } from './engine-credentials';

type Client = ReturnType<typeof sdkClient>;

/** When a call was sent and when its answer arrived, per process instance. */
interface Span {
  sent: number;
  answered: number;
}

const CLIENTS = 16;

/**
 * Runs `call` for every item from `CLIENTS` concurrent loops, each with its own client (half
 * of them on each engine), and records each call's span under the key it returns.
 */
async function concurrently<T>(
  clients: Client[],
  items: T[],
  call: (client: Client, item: T) => Promise<string>,
): Promise<Map<string, Span>> {
  const spans = new Map<string, Span>();
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      while (next < items.length) {
        const item = items[next++];
        const sent = performance.now();
        const key = await call(clients[c % clients.length], item);
        spans.set(key, { sent, answered: performance.now() });
      }
    }),
  );
  return spans;
}

/**
 * Expects `order` to respect the order work became ready: no `a` answered (so committed) before
 * `b` was even sent may come after `b`. Overlapping calls became ready "at the same instant" and
 * may come in either order.
 */
function expectInReadyOrder(spans: Map<string, Span>, order: string[]): void {
  const late: [string, string][] = [];
  for (let i = 0; i < order.length; i++)
    for (let j = i + 1; j < order.length; j++)
      if (spans.get(order[j])!.answered < spans.get(order[i])!.sent)
        late.push([order[j], order[i]]);
  expect({ pairsOutOfOrder: late.length, examples: late.slice(0, 3) }).toEqual({
    pairsOutOfOrder: 0,
    examples: [],
  });
}

/** Activates every job of `type` from one consumer, in small batches: the order handed out. */
async function activateAll(client: Client, type: string, count: number) {
  const jobs: { jobKey: string; processInstanceKey: string }[] = [];
  while (jobs.length < count) {
    const batch = await client.activateJobs({
      type,
      worker: 'fairness',
      timeout: 60000,
      maxJobsToActivate: 7,
      requestTimeout: 2000,
    });
    if (batch.length === 0) break;
    jobs.push(
      ...batch.map((j) => ({ jobKey: j.jobKey, processInstanceKey: j.processInstanceKey })),
    );
  }
  return jobs;
}

/** Pins (PUT) or resets (POST) the shared engine clock; the other engine sees it within 200 ms. */
async function clock(engine: StartedEngine, method: 'PUT' | 'POST', body?: object) {
  const path = method === 'PUT' ? '/v2/clock' : '/v2/clock/reset';
  const res = await fetch(`http://127.0.0.1:${engine.address.port}${path}`, {
    method,
    headers: { ...engineAuthHeader, 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  expect(res.status).toBeLessThan(300);
  await new Promise((r) => setTimeout(r, 300));
}

interface UserTask {
  processInstanceKey: string;
  creationDate: string;
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('engine - fairness under concurrent load', () => {
  let t: TestDatabase;
  let secondDb: Knex;
  let one: StartedEngine;
  let two: StartedEngine;
  let clients: Client[];
  beforeAll(async () => {
    t = await createTestDatabase();
    secondDb = connect(t.url, 10);
    // Two engine processes on one database reserve interleaving key blocks, so keys alone do
    // not tell which job became ready first.
    one = await startTestEngine(t.db);
    two = await startTestEngine(secondDb);
    clients = [one, two].flatMap((e) =>
      Array.from({ length: CLIENTS / 2 }, () => sdkClient(`http://127.0.0.1:${e.address.port}`)),
    );
    await clients[0].deployResources([
      {
        name: 'fair-jobs.bpmn',
        content: b.process(
          'fair-jobs',
          b.start('s'),
          b.flow('s', 'a'),
          b.serviceTask('a', 'fair-first'),
          b.flow('a', 'b'),
          b.serviceTask('b', 'fair-second'),
          b.flow('b', 'e'),
          b.end('e'),
        ),
      },
      {
        name: 'fair-tasks.bpmn',
        content: b.process(
          'fair-tasks',
          b.start('s'),
          b.flow('s', 'u'),
          b.userTask('u', { candidateGroups: 'office' }),
          b.flow('u', 'e'),
          b.end('e'),
        ),
      },
      {
        name: 'fair-retry.bpmn',
        content: b.process(
          'fair-retry',
          b.start('s'),
          b.flow('s', 't'),
          b.serviceTask('t', 'fair-retry', { retries: '3' }),
          b.flow('t', 'e'),
          b.end('e'),
        ),
      },
    ]);
  });
  afterAll(async () => {
    await one.stop();
    await two.stop();
    await secondDb.destroy();
    await t.drop();
  });

  it('should activate jobs of a type in the order they became activatable', async () => {
    // given 200 instances created by 16 concurrent clients over two engines
    const n = 200;
    const created = await concurrently(
      clients,
      Array.from({ length: n }, (_, i) => i),
      async (client) =>
        (await client.createProcessInstance({ processDefinitionId: 'fair-jobs', variables: {} }))
          .processInstanceKey,
    );
    // when one consumer takes every waiting first job
    const first = await activateAll(clients[0], 'fair-first', n);
    // then they come out in creation order
    expect(first).toHaveLength(n);
    expectInReadyOrder(
      created,
      first.map((j) => j.processInstanceKey),
    );

    // given the first jobs completed in a random order by 16 concurrent clients
    const completed = await concurrently(clients, shuffled(first), async (client, job) => {
      await client.completeJob({ jobKey: job.jobKey, variables: {} });
      return job.processInstanceKey;
    });
    // when one consumer takes every waiting second job
    const second = await activateAll(clients[1], 'fair-second', n);
    // then they come out in the order the first ones were completed
    expect(second).toHaveLength(n);
    expectInReadyOrder(
      completed,
      second.map((j) => j.processInstanceKey),
    );
  }, 60000);

  it('should list user tasks oldest first when no sort is given, and by creation when dates tie', async () => {
    // given 100 user tasks created by 16 concurrent clients over two engines, at one pinned
    // instant, so that only the tie-break orders tasks of the same creation date
    await clock(one, 'PUT', { timestamp: Date.now() });
    const n = 100;
    let created: Map<string, Span>;
    try {
      created = await concurrently(
        clients,
        Array.from({ length: n }, (_, i) => i),
        async (client) =>
          (await client.createProcessInstance({ processDefinitionId: 'fair-tasks', variables: {} }))
            .processInstanceKey,
      );
    } finally {
      await clock(one, 'POST');
    }
    // when searched without a sort (the SDK always sends one, so raw) and by creation date
    const filter = { processDefinitionId: 'fair-tasks' };
    const unsorted = await fetch(`http://127.0.0.1:${two.address.port}/v2/user-tasks/search`, {
      method: 'POST',
      headers: { ...engineAuthHeader, 'content-type': 'application/json' },
      body: JSON.stringify({ filter, page: { limit: 1000 } }),
    });
    const byDate = await clients[1].searchUserTasks({
      filter,
      sort: [{ field: 'creationDate', order: 'ASC' }],
      page: { limit: 1000 },
    } as never);
    // then
    const lists = [((await unsorted.json()) as { items: UserTask[] }).items, byDate.items];
    for (const items of lists) {
      expect(items).toHaveLength(n);
      expect(new Set(items.map((u) => u.creationDate)).size).toBe(1);
      expectInReadyOrder(
        created,
        items.map((u) => String(u.processInstanceKey)),
      );
    }
  }, 60000);

  it('should give a failed job that is retried its place before younger jobs', async () => {
    // given three waiting jobs, the oldest failed once with retries left
    const keys: string[] = [];
    for (let i = 0; i < 3; i++)
      keys.push(
        (
          await clients[i % 2 ? 8 : 0].createProcessInstance({
            processDefinitionId: 'fair-retry',
            variables: {},
          })
        ).processInstanceKey,
      );
    const [oldest] = await clients[0].activateJobs({
      type: 'fair-retry',
      worker: 'fairness',
      timeout: 60000,
      maxJobsToActivate: 1,
    });
    expect(oldest.processInstanceKey).toBe(keys[0]);
    await clients[8].failJob({
      jobKey: oldest.jobKey,
      retries: 2,
      errorMessage: 'transient',
      retryBackOff: 0,
    });
    // when
    const again = await activateAll(clients[8], 'fair-retry', 3);
    // then
    expect(again.map((j) => j.processInstanceKey)).toEqual(keys);
  });
});
