import type { Camunda8 } from '@camunda8/sdk';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import type { StartedEngine } from '../../engine/start-engine';
import { sdkClient, startTestEngine } from './engine-credentials';

export type RestClient = ReturnType<Camunda8['getCamundaRestClient']>;

export interface Harness {
  db: TestDatabase;
  engine: StartedEngine;
  client: RestClient;
  address: string;
  /** Deploys one BPMN (or form) text under a file name. */
  deploy(
    name: string,
    content: string,
  ): Promise<Awaited<ReturnType<RestClient['deployResources']>>>;
  stop(): Promise<void>;
}

/**
 * A fresh database, an engine on port 0 behind the test credentials with a controlled clock
 * (tests pin it), and the real SDK's REST client pointed at it with Basic authentication.
 */
export async function startHarness(): Promise<Harness> {
  const db = await createTestDatabase();
  const engine = await startTestEngine(db.db);
  const address = `http://127.0.0.1:${engine.address.port}`;
  const client = sdkClient(address);
  return {
    db,
    engine,
    client,
    address,
    deploy: (name, content) => client.deployResources([{ name, content }]),
    stop: async () => {
      await engine.stop();
      await db.drop();
    },
  };
}

/** Polls `check` until it returns a truthy value (searches in tests; the engine is consistent). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  ms = 5000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The problem an SDK call was rejected with (fails the test when the call succeeds). */
export function rejectionOf(
  call: Promise<unknown>,
): Promise<{ status: number; title: string; detail: string }> {
  return call.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: { statusCode: number; title: string; detail: string }) => ({
      status: e.statusCode,
      title: e.title,
      detail: e.detail,
    }),
  );
}

/** Helpers that drive instances step by step through the SDK (no workers running). */
export function driver(h: Harness) {
  const c = h.client;
  return {
    async start(processDefinitionId: string, variables: Record<string, unknown> = {}) {
      return (await c.createProcessInstance({ processDefinitionId, variables })).processInstanceKey;
    },
    /** Activates jobs of a type (waiting up to 2 s for the first). */
    async jobs(type: string, max = 10) {
      return c.activateJobs({
        type,
        worker: 'test',
        timeout: 30000,
        maxJobsToActivate: max,
        requestTimeout: 2000,
      });
    },
    /** Completes the next job of a type with the given variables; returns the job. */
    async complete(type: string, variables: Record<string, unknown> = {}) {
      const [job] = await c.activateJobs({
        type,
        worker: 'test',
        timeout: 30000,
        maxJobsToActivate: 1,
        requestTimeout: 2000,
      });
      if (!job) throw new Error(`no job of type ${type}`);
      await c.completeJob({ jobKey: job.jobKey, variables: variables as never });
      return job;
    },
    async state(processInstanceKey: string) {
      const r = await c.searchProcessInstances({ filter: { processInstanceKey } });
      return r.items[0]?.state;
    },
    async waitState(processInstanceKey: string, state: string, ms = 4000) {
      return eventually(async () => (await this.state(processInstanceKey)) === state, ms);
    },
    /** Element ids of the instance's element instances in a state, in key order. */
    async elements(processInstanceKey: string, state?: string) {
      const r = await c.searchElementInstances({
        filter: { processInstanceKey, ...(state ? { state } : {}) },
        sort: [{ field: 'elementInstanceKey', order: 'ASC' }],
      } as never);
      return r.items.map((i: { elementId: string }) => i.elementId);
    },
    async variables(processInstanceKey: string) {
      const r = await c.searchVariables({
        filter: { processInstanceKey, scopeKey: processInstanceKey },
      } as never);
      return Object.fromEntries(
        r.items.map((v: { name: string; value: string }) => [v.name, JSON.parse(v.value)]),
      );
    },
    async incidents(processInstanceKey: string) {
      const r = await c.searchIncidents({
        filter: { processInstanceKey, state: 'ACTIVE' },
      } as never);
      return r.items;
    },
  };
}
