/**
 * A user's decision on a user task: one timeline entry per task (migration 013), pending until
 * the engine confirms the task completion, and the consent reservation that goes with a
 * person's "yes" to an employment proposal.
 */
import type { Knex } from 'knex';

export interface DecisionEntry {
  applicationId: string;
  taskKey: string;
  step: string;
  actorAccountId: string;
  actorName: string;
  decision: 'approved' | 'rejected';
  comment: string | null;
}

export type PendingWrite =
  | { written: true; id: string }
  /** Another decision on this task is in flight or done. */
  | { written: false };

/**
 * Writes the pending entry of a decision. The same actor's own pending entry older than
 * `staleMs` (a request that died mid-way) is taken over; anyone else's is a conflict.
 */
export async function writePendingDecision(
  trx: Knex.Transaction,
  e: DecisionEntry,
  staleMs: number,
): Promise<PendingWrite> {
  const inserted = await trx('application_events')
    .insert({
      application_id: e.applicationId,
      task_key: e.taskKey,
      pending: true,
      step: e.step,
      actor_account_id: e.actorAccountId,
      actor_name: e.actorName,
      decision: e.decision,
      comment: e.comment,
    })
    .onConflict(trx.raw('(task_key) where task_key is not null'))
    .ignore()
    .returning('id');
  if (inserted.length) return { written: true, id: String(inserted[0].id) };
  const [taken] = await trx('application_events')
    .where({ task_key: e.taskKey, pending: true, actor_account_id: e.actorAccountId })
    .where('at', '<', trx.raw(`now() - make_interval(secs => ${staleMs / 1000})`))
    .update({
      decision: e.decision,
      comment: e.comment,
      actor_name: e.actorName,
      at: trx.fn.now(),
    })
    .returning('id');
  return taken ? { written: true, id: String(taken.id) } : { written: false };
}

/** The engine completed the task: the entry is final. */
export async function confirmDecision(db: Knex, id: string): Promise<void> {
  await db('application_events').where({ id }).update({ pending: false });
}

/** The decision did not happen: its entry and any consent it reserved are taken back. */
export async function takeBackDecision(db: Knex, id: string): Promise<void> {
  await db.transaction(async (trx) => {
    const entry = await trx('application_events as e')
      .join('applications as a', 'a.id', 'e.application_id')
      .where('e.id', id)
      .where('e.pending', true)
      .forUpdate()
      .first('a.type', 'a.employment_id', 'e.decision');
    if (!entry) return;
    if (
      entry.type === 'employment-proposal' &&
      entry.decision === 'approved' &&
      entry.employment_id
    )
      await releaseConsent(trx, String(entry.employment_id));
    await trx('application_events').where({ id }).delete();
  });
}

/** Pending entries older than `olderThanMs`: requests that died between write and engine. */
export async function stalePendingDecisions(
  db: Knex,
  olderThanMs: number,
  limit = 50,
): Promise<Array<{ id: string; taskKey: string }>> {
  return db('application_events')
    .where({ pending: true })
    .where('at', '<', db.raw(`now() - make_interval(secs => ${olderThanMs / 1000})`))
    .orderBy('id')
    .limit(limit)
    .select(db.raw('id::text as id'), db.raw('task_key as "taskKey"'));
}

/**
 * Reserves the person for this proposal: fails with the unique index
 * `employments_one_commitment_per_person` when they hold or have consented to another.
 * False when the proposal is no longer open.
 */
export async function reserveConsent(trx: Knex.Transaction, employmentId: string) {
  const rows = await trx('employments')
    .where({ id: employmentId, state: 'proposed' })
    .update({ consented_at: trx.fn.now() })
    .returning('id');
  return rows.length > 0;
}

async function releaseConsent(db: Knex, employmentId: string): Promise<void> {
  await db('employments')
    .where({ id: employmentId, state: 'proposed' })
    .update({ consented_at: null });
}
