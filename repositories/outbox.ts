/** The outbox of engine commands owed for committed rows (migration 013). */
import type { Knex } from 'knex';

export interface OutboxRow {
  id: string;
  kind: 'start-process' | 'publish-message' | 'cancel-instance';
  applicationId: string | null;
  payload: Record<string, unknown>;
  attempts: number;
}

export interface StartPayload {
  processId: string;
  variables: Record<string, unknown>;
  /**
   * Only a drainer ever sends it (the writer does not try itself, e.g. the daily work): on the
   * drainer's first attempt no earlier instance can exist, so it skips the search for one.
   */
  drainerOnly?: boolean;
}

export interface MessagePayload {
  name: string;
  correlationKey: string;
  /** Zeebe drops a second message with the same id while the first is buffered. */
  messageId: string;
  variables?: Record<string, unknown>;
}

/** The cancellation of an ended application's instance; null: not known when it was owed. */
export interface CancelPayload {
  processInstanceKey: string | null;
}

/**
 * Application ids whose start this process is sending right now. A drainer in this process
 * leaves them alone however long the engine takes; other processes rely on the lease.
 */
export const startsInFlight = new Set<string>();

const leaseSql = (ms: number) => `now() + make_interval(secs => ${Math.max(0, ms) / 1000})`;

/** Owes one engine command, held by its writer for `leaseMs` (0: a drainer may send it now). */
async function enqueue(
  trx: Knex | Knex.Transaction,
  kind: OutboxRow['kind'],
  applicationId: string | null,
  payload: StartPayload | MessagePayload | CancelPayload,
  leaseMs: number,
): Promise<void> {
  await trx('outbox').insert({
    kind,
    application_id: applicationId,
    payload: JSON.stringify(payload),
    lease_until: trx.raw(leaseSql(leaseMs)),
  });
}

/** Owes a process start for `applicationId`, held by the writer for `leaseMs`. */
export function enqueueProcessStart(
  trx: Knex.Transaction,
  applicationId: string,
  payload: StartPayload,
  leaseMs: number,
): Promise<void> {
  return enqueue(trx, 'start-process', applicationId, payload, leaseMs);
}

/** Owes many process starts at once, for a drainer to send (no lease: the writer never does). */
export async function enqueueProcessStarts(
  trx: Knex.Transaction,
  starts: Array<{ applicationId: string; payload: StartPayload }>,
): Promise<void> {
  if (starts.length === 0) return;
  await trx('outbox').insert(
    starts.map((s) => ({
      kind: 'start-process',
      application_id: s.applicationId,
      payload: JSON.stringify({ ...s.payload, drainerOnly: true }),
      lease_until: trx.fn.now(),
    })),
  );
}

/** Owes a message; the drainer publishes it (at once when `leaseMs` is 0). */
export function enqueueMessage(
  trx: Knex | Knex.Transaction,
  payload: MessagePayload,
  applicationId: string | null = null,
  leaseMs = 0,
): Promise<void> {
  return enqueue(trx, 'publish-message', applicationId, payload, leaseMs);
}

/** Owes the cancellation of the ended application's instance, held by the writer for `leaseMs`. */
export function enqueueInstanceCancel(
  trx: Knex.Transaction,
  applicationId: string,
  payload: CancelPayload,
  leaseMs: number,
): Promise<void> {
  return enqueue(trx, 'cancel-instance', applicationId, payload, leaseMs);
}

/** The instance cancellation is no longer owed (done, or the instance was already gone). */
export async function recordInstanceCancelled(db: Knex, applicationId: string): Promise<void> {
  await db('outbox').where({ application_id: applicationId, kind: 'cancel-instance' }).delete();
}

/** Whether an instance cancellation is still owed for the application. */
export async function owesInstanceCancel(db: Knex, applicationId: string): Promise<boolean> {
  return Boolean(
    await db('outbox')
      .where({ application_id: applicationId, kind: 'cancel-instance' })
      .first('id'),
  );
}

/**
 * Drops a process start still owed for an application that ended before its process began; a
 * start already under way is found and cancelled by the owed cancellation.
 */
export async function dropOwedStart(trx: Knex.Transaction, applicationId: string): Promise<void> {
  await trx('outbox').where({ application_id: applicationId, kind: 'start-process' }).delete();
}

/** The started instance recorded on its application, and the start no longer owed. */
export async function recordProcessStarted(
  db: Knex,
  applicationId: string,
  processInstanceKey: string,
): Promise<void> {
  // One statement (one round trip, atomic on its own): thousands of starts may be recorded at
  // once after a daily run.
  await db.raw(
    `with recorded as (
       update applications set process_instance_key = ?
        where id = ? and process_instance_key is null)
     delete from outbox where application_id = ? and kind = 'start-process'`,
    [processInstanceKey, applicationId, applicationId],
  );
}

/**
 * Takes up to `limit` commands whose lease has run out, leasing them for `leaseMs`, oldest
 * first (first come, first served). `skip` are application ids this process is sending.
 */
export async function claimDue(
  db: Knex,
  limit: number,
  leaseMs: number,
  skip: string[] = [],
): Promise<OutboxRow[]> {
  const result = await db.raw(
    `update outbox o set lease_until = ${leaseSql(leaseMs)}, attempts = o.attempts + 1
       where o.id in (
         select id from outbox
          where lease_until <= now()
            and (application_id is null or not (application_id::text = any(?::text[])))
          order by id
          limit ?
          for update skip locked)
     returning o.id::text as id, o.kind, o.application_id::text as "applicationId", o.payload,
       o.attempts`,
    [skip, limit],
  );
  return (result.rows as OutboxRow[]).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
}

export async function deleteOutboxRow(db: Knex, id: string): Promise<void> {
  await db('outbox').where({ id }).delete();
}

/** A failed attempt: the error kept for operators, tried again after `retryInMs`. */
export async function postponeOutboxRow(
  db: Knex,
  id: string,
  error: string,
  retryInMs: number,
): Promise<void> {
  await db('outbox')
    .where({ id })
    .update({ last_error: error.slice(0, 500), lease_until: db.raw(leaseSql(retryInMs)) });
}

/** Gives the lease back at once (the writer could not send it; a drainer should). */
export async function releaseLease(
  db: Knex,
  applicationId: string,
  error: string,
  kind: 'start-process' | 'cancel-instance' = 'start-process',
): Promise<void> {
  await db('outbox')
    .where({ application_id: applicationId, kind })
    .update({ last_error: error.slice(0, 500), lease_until: db.fn.now() });
}

/** How many commands are owed and how old the oldest is (readiness, operators). */
export async function outboxBacklog(db: Knex): Promise<{ count: number; oldestSeconds: number }> {
  const row = await db('outbox')
    .select(
      db.raw('count(*)::int as count'),
      db.raw('coalesce(extract(epoch from now() - min(created_at)), 0)::int as "oldestSeconds"'),
    )
    .first();
  return { count: Number(row?.count ?? 0), oldestSeconds: Number(row?.oldestSeconds ?? 0) };
}
