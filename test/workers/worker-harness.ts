/**
 * The whole system below the API: a fresh database, the engine, every diagram and form of
 * processes/ deployed, and the real workers (workers/runtime) polling through the SDK.
 */
import { join } from 'node:path';
import type { Knex } from 'knex';
import { moveBusinessClock } from '../../clock/business-clock';
import { startWorkers, StartedWorkers } from '../../workers/runtime/start-workers';
import { OutboxDrainer, startOutboxDrainer } from '../../workers/runtime/outbox-drainer';
import { driver, eventually, Harness, startHarness } from '../engine/engine-harness';
import { processesDir, processFiles } from '../processes/process-files';

export interface WorkerHarness extends Harness {
  workers: StartedWorkers;
  /** The outbox drainer, as main.ts runs it beside the workers. */
  outbox: OutboxDrainer;
  d: ReturnType<typeof driver>;
  sql: Knex;
  /** Error lines the workers logged (a failed job). */
  errors: string[];
  /** The open user task of an instance. */
  userTask(processInstanceKey: string): Promise<{ userTaskKey: string; elementId: string }>;
  /** Completes the instance's open user task with a decision. */
  decide(
    processInstanceKey: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<void>;
  /**
   * Moves the business clock and the engine's with it, through the real path (the SDK's
   * `PUT /v2/clock`, then the business_clock row); null: back to system time.
   */
  setClock(epochMs: number | null): Promise<void>;
  /** Starts an instance and stores its key on the application, as the API does. */
  start(processId: string, variables: Record<string, unknown>): Promise<string>;
  stopAll(): Promise<void>;
}

export async function startWorkerHarness(): Promise<WorkerHarness> {
  const h = await startHarness();
  await h.client.deployResourcesFromFiles(
    [...processFiles('.bpmn'), ...processFiles('.form')].map((f) => join(processesDir, f)),
  );
  const errors: string[] = [];
  const log = {
    info: () => undefined,
    warn: (m: string) => errors.push(m),
    error: (m: string) => errors.push(m),
  };
  const workers = startWorkers({ db: h.db.db, camunda: h.client, log: log as never });
  const outbox = startOutboxDrainer({ db: h.db.db, camunda: h.client, log: log as never });
  const d = driver(h);
  const sql = h.db.db;
  async function userTask(processInstanceKey: string) {
    return eventually(async () => {
      const r = await h.client.searchUserTasks({ filter: { processInstanceKey } } as never);
      return r.items.find((t) => t.state === 'CREATED');
    }, 8000);
  }
  return {
    ...h,
    workers,
    d,
    sql,
    errors,
    userTask,
    async decide(pi, decision, comment = '') {
      const task = await userTask(pi);
      await h.client.completeUserTask({
        userTaskKey: task.userTaskKey,
        variables: { decision, comment },
      });
    },
    setClock: (epochMs) => moveBusinessClock(sql, h.client, epochMs),
    async start(processId, variables) {
      const pi = await d.start(processId, variables);
      await sql('applications')
        .where({ id: variables.applicationId as string })
        .update({ process_instance_key: pi });
      return pi;
    },
    outbox,
    async stopAll() {
      await workers.stop();
      await outbox.stop();
      await h.stop();
    },
  };
}

export { eventually };
