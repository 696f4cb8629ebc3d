/**
 * Ending an application from outside its process (issue 8 item 7): an operator's cancellation
 * through the API, or an instance the engine reports terminated. The move stamps `completed_at`,
 * so the trigger of migration 014 frees the application's certificates in the same statement.
 */
import type { Knex } from 'knex';
import { moveApplication } from './application-progress';

export interface Ending {
  state: 'cancelled' | 'withdrawn';
  /** The timeline step code (see api/use-cases/timeline-steps.ts). */
  step: string;
  actorAccountId: string | null;
  actorName: string;
  comment: string | null;
}

export interface EndedApplication {
  /** False when it had ended before (nothing was written). */
  ended: boolean;
  state: string;
  processInstanceKey: string | null;
}

/**
 * Ends the application with its timeline entry unless it has already ended, holding its row
 * until the transaction ends so that a concurrent job or a second cancellation waits and then
 * sees it ended. Undefined when there is no such application.
 */
export async function endApplication(
  trx: Knex.Transaction,
  applicationId: string,
  ending: Ending,
): Promise<EndedApplication | undefined> {
  const row = await trx('applications')
    .where({ id: applicationId })
    // NO KEY UPDATE: workers inserting rows that reference the application (outbox, messages)
    // take KEY SHARE for the foreign key; FOR UPDATE would make them wait, or deadlock.
    .forNoKeyUpdate()
    .first({ state: 'state', completedAt: 'completed_at', key: 'process_instance_key' });
  if (!row) return undefined;
  const was = { state: String(row.state), processInstanceKey: row.key ?? null };
  if (row.completedAt !== null) return { ended: false, ...was };
  await moveApplication(trx, applicationId, ending.state);
  await trx('application_events').insert({
    application_id: applicationId,
    step: ending.step,
    actor_account_id: ending.actorAccountId,
    actor_name: ending.actorName,
    comment: ending.comment,
  });
  return { ended: true, ...was, state: ending.state };
}

/** Applications still in progress whose process has started, by id from `afterId`, a batch. */
export async function inProgressInstances(
  db: Knex,
  afterId: string,
  limit: number,
): Promise<Array<{ id: string; processInstanceKey: string }>> {
  return db('applications')
    .whereNull('completed_at')
    .whereNotNull('process_instance_key')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .select({ id: db.raw('id::text'), processInstanceKey: 'process_instance_key' });
}
