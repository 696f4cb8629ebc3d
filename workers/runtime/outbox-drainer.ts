/**
 * Sends the engine commands the outbox owes (repositories/outbox.ts: process starts, messages,
 * instance cancellations), repairs decisions that a crash left half-done and, every minute,
 * ends applications whose instance an operator ended (instance-reconciliation.ts). Runs at start — so whatever a killed program owed goes out when it
 * comes back — and then every second. Several programs on one database share the work through
 * leases and `for update skip locked`.
 */
import type { CamundaRestClient } from '@camunda8/sdk';
import type { Knex } from 'knex';
import {
  confirmDecision,
  stalePendingDecisions,
  takeBackDecision,
} from '../../repositories/decisions';
import {
  CancelPayload,
  claimDue,
  deleteOutboxRow,
  MessagePayload,
  OutboxRow,
  postponeOutboxRow,
  recordProcessStarted,
  StartPayload,
  startsInFlight,
} from '../../repositories/outbox';
import { ReconciliationCursor, reconcileInstances } from './instance-reconciliation';
import type { WorkerLog } from './start-workers';

export interface OutboxDrainerOptions {
  db: Knex;
  camunda: CamundaRestClient;
  log?: WorkerLog;
  /** How often to look for owed commands; default 1 s. */
  intervalMs?: number;
  /** How long a drainer owns a command it took; default OUTBOX_LEASE_MS or 60 s. */
  leaseMs?: number;
  /** A pending decision older than this is repaired; default DECISION_STALE_MS or 60 s. */
  decisionStaleMs?: number;
  /** How often applications are compared with their instances (instance-reconciliation.ts); default 60 s. */
  reconcileIntervalMs?: number;
  /**
   * Commands sent at once; default OUTBOX_CONCURRENCY or 8. Bounded, so thousands owed at once
   * (the daily work's reviews) reach the engine at a pace that leaves the API its share.
   */
  concurrency?: number;
}

export interface OutboxDrainer {
  /** One pass now (tests and start-up); resolves with the number of commands handled. */
  drain(): Promise<number>;
  /** Ends the applications whose instances an operator ended, now; resolves with how many. */
  reconcile(): Promise<number>;
  stop(): Promise<void>;
}

/** Buffered messages wait this long for their subscription (the instance may not be there yet). */
const MESSAGE_TTL_MS = 24 * 60 * 60 * 1000;

const message = (e: unknown) =>
  String((e as Error)?.message ?? e)
    .split('\n')[0]
    .slice(0, 300);

/** Milliseconds before attempt `n + 1`: 1 s, 2 s, 4 s … at most 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

/** The instance the engine already has for the application, if an earlier attempt made one. */
async function existingInstance(camunda: CamundaRestClient, applicationId: string) {
  const found = await camunda.searchVariables({
    filter: { name: 'applicationId', value: JSON.stringify(applicationId) },
    page: { limit: 20 },
  } as never);
  const root = (found.items as Array<{ scopeKey: string; processInstanceKey: string }>).find(
    (v) => String(v.scopeKey) === String(v.processInstanceKey),
  );
  return root ? String(root.processInstanceKey) : undefined;
}

async function sendStart(db: Knex, camunda: CamundaRestClient, row: OutboxRow): Promise<void> {
  const applicationId = row.applicationId!;
  const application = await db('applications')
    .where({ id: applicationId })
    .first('process_instance_key', 'completed_at');
  // Started already, or ended (cancelled) before its process began: nothing to start.
  if (!application || application.process_instance_key || application.completed_at) {
    await deleteOutboxRow(db, row.id);
    return;
  }
  const payload = row.payload as unknown as StartPayload;
  // A start only drainers send, on its first attempt, cannot have an instance yet.
  const firstTry = payload.drainerOnly === true && row.attempts <= 1;
  const key =
    (firstTry ? undefined : await existingInstance(camunda, applicationId)) ??
    String(
      (
        await camunda.createProcessInstance({
          processDefinitionId: payload.processId,
          variables: payload.variables,
        } as never)
      ).processInstanceKey,
    );
  await recordProcessStarted(db, applicationId, key);
}

async function sendMessage(db: Knex, camunda: CamundaRestClient, row: OutboxRow): Promise<void> {
  const m = row.payload as unknown as MessagePayload;
  await camunda.publishMessage({
    name: m.name,
    correlationKey: m.correlationKey,
    messageId: m.messageId,
    variables: m.variables ?? {},
    timeToLive: MESSAGE_TTL_MS,
  } as never);
  await deleteOutboxRow(db, row.id);
}

/**
 * Cancels the instance of an application that ended outside its process. The key is the one
 * known when the cancellation was owed, else the one a start recorded since, else an instance
 * an unrecorded start made; a 404 means it is gone already, which is what was owed.
 */
async function sendCancel(db: Knex, camunda: CamundaRestClient, row: OutboxRow): Promise<void> {
  const applicationId = row.applicationId!;
  const payload = row.payload as unknown as CancelPayload;
  const application = await db('applications')
    .where({ id: applicationId })
    .first('process_instance_key');
  const key =
    payload.processInstanceKey ??
    application?.process_instance_key ??
    (await existingInstance(camunda, applicationId));
  if (key) {
    try {
      await camunda.cancelProcessInstance({ processInstanceKey: String(key) });
    } catch (e) {
      const status = (e as { response?: { statusCode?: number } })?.response?.statusCode;
      if (status !== 404) throw e;
    }
  }
  await deleteOutboxRow(db, row.id);
}

/** Finishes or takes back a decision whose request died between our write and the engine. */
async function repairDecision(
  db: Knex,
  camunda: CamundaRestClient,
  entry: { id: string; taskKey: string },
) {
  let state: string;
  try {
    state = String(((await camunda.getUserTask(entry.taskKey)) as { state: string }).state);
  } catch (e) {
    const status = (e as { response?: { statusCode?: number } })?.response?.statusCode;
    if (status !== 404) throw e;
    state = 'NOT_FOUND';
  }
  if (state === 'COMPLETED') await confirmDecision(db, entry.id);
  else if (state !== 'COMPLETING') await takeBackDecision(db, entry.id);
}

export function startOutboxDrainer(options: OutboxDrainerOptions): OutboxDrainer {
  const { db, camunda } = options;
  const log = options.log ?? console;
  const intervalMs = options.intervalMs ?? 1000;
  const leaseMs = options.leaseMs ?? Number(process.env.OUTBOX_LEASE_MS ?? 60_000);
  const staleMs = options.decisionStaleMs ?? Number(process.env.DECISION_STALE_MS ?? 60_000);
  const reconcileMs = options.reconcileIntervalMs ?? 60_000;
  const cursor: ReconciliationCursor = { afterId: '0' };
  let reconcileDueAt = 0;
  const concurrency = Math.max(
    1,
    options.concurrency ?? Number(process.env.OUTBOX_CONCURRENCY ?? 8),
  );
  const batch = Math.max(20, concurrency * 4);
  let stopped = false;
  let running: Promise<number> | undefined;
  let wake: (() => void) | undefined;

  async function pass(): Promise<number> {
    let handled = 0;
    for (;;) {
      const rows = await claimDue(db, batch, leaseMs, [...startsInFlight]);
      const send = async (row: OutboxRow) => {
        try {
          if (row.kind === 'start-process') await sendStart(db, camunda, row);
          else if (row.kind === 'cancel-instance') await sendCancel(db, camunda, row);
          else await sendMessage(db, camunda, row);
          handled += 1;
        } catch (e) {
          const delay = retryDelayMs(row.attempts);
          log.warn(`outbox: ${row.kind} ${row.id} failed (attempt ${row.attempts}): ${message(e)}`);
          await postponeOutboxRow(db, row.id, message(e), delay);
        }
      };
      // Starts of different applications are independent: oldest first, at most `concurrency`
      // at a time. Every other command keeps its order, one after the other, beside them.
      const starts = rows.filter((r) => r.kind === 'start-process');
      const others = rows.filter((r) => r.kind !== 'start-process');
      let next = 0;
      await Promise.all([
        ...Array.from({ length: Math.min(concurrency, starts.length) }, async () => {
          while (next < starts.length) await send(starts[next++]);
        }),
        (async () => {
          for (const row of others) await send(row);
        })(),
      ]);
      if (rows.length < batch || stopped) break;
    }
    for (const entry of await stalePendingDecisions(db, staleMs)) {
      try {
        await repairDecision(db, camunda, entry);
        handled += 1;
      } catch (e) {
        log.warn(`outbox: could not repair decision ${entry.id}: ${message(e)}`);
      }
    }
    if (Date.now() >= reconcileDueAt) {
      reconcileDueAt = Date.now() + reconcileMs;
      try {
        handled += await reconcileInstances(db, camunda, cursor);
      } catch (e) {
        log.warn(`outbox: could not compare applications with their instances: ${message(e)}`);
      }
    }
    return handled;
  }

  const drain = () => {
    // One pass at a time in this process; a caller during a pass waits for it.
    running ??= pass().finally(() => (running = undefined));
    return running;
  };
  const loop = async () => {
    while (!stopped) {
      try {
        await drain();
      } catch (e) {
        if (!stopped) log.warn(`outbox: pass failed: ${message(e)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };
  const looping = loop();
  return {
    drain,
    reconcile: () => reconcileInstances(db, camunda, { afterId: '0' }, { batches: 1000 }),
    stop: async () => {
      stopped = true;
      wake?.();
      await looping;
      await running?.catch(() => undefined);
    },
  };
}
