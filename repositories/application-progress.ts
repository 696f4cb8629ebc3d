import type { Knex } from 'knex';

/** The application (办件) fields the workers read. */
export interface ApplicationRow {
  id: string;
  type: string;
  state: string;
  personId: string | null;
  enterpriseId: string | null;
  employmentId: string | null;
  examResultId: string | null;
  subject: Record<string, unknown>;
  checkResults: unknown[];
}

export async function findApplication(db: Knex, id: string): Promise<ApplicationRow | undefined> {
  return db('applications').where({ id }).first({
    id: 'id',
    type: 'type',
    state: 'state',
    personId: 'person_id',
    enterpriseId: 'enterprise_id',
    employmentId: 'employment_id',
    examResultId: 'exam_result_id',
    subject: 'subject',
    checkResults: 'check_results',
  });
}

/** The states an application ends in (migration 014 adds withdrawn and cancelled). */
export const ENDED_STATES = ['rejected', 'lapsed', 'completed', 'withdrawn', 'cancelled'];

/**
 * Moves the application to `state`; an ending state also stamps `completed_at` (SPEC §8). An
 * application that has ended stays as it ended: a job that arrives after an operator cancelled
 * it fails (its transaction, and whatever it wrote, rolls back) instead of reviving it. Moving
 * an ended one to the state it already has changes nothing (a second job on the same work).
 */
export async function moveApplication(db: Knex, id: string, state: string): Promise<void> {
  const count = await db('applications')
    .where({ id })
    .whereNull('completed_at')
    .update({ state, completed_at: ENDED_STATES.includes(state) ? db.fn.now() : null });
  if (count > 0) return;
  const row = await db('applications').where({ id }).first('state');
  if (!row) throw new Error(`Application ${id} does not exist`);
  if (row.state !== state)
    throw new Error(`Application ${id} has ended (${row.state}); it cannot move to ${state}`);
}

/** A timeline entry written by the system (no account). */
export async function addSystemEvent(
  db: Knex,
  applicationId: string,
  step: string,
  comment: string | null = null,
): Promise<void> {
  await db('application_events').insert({
    application_id: applicationId,
    step,
    actor_account_id: null,
    actor_name: '系统',
    comment,
  });
}

export async function storeCheckResults(
  db: Knex,
  applicationId: string,
  results: Array<{ code: string; passed: boolean; message: string }>,
): Promise<void> {
  await db('applications')
    .where({ id: applicationId })
    .update({ check_results: JSON.stringify(results) });
}

/** Frees every certificate this application held busy (SPEC §5.5). */
export async function releaseCertificates(db: Knex, applicationId: string): Promise<number> {
  return db('certificates')
    .where({ busy_application_id: applicationId })
    .update({ busy_application_id: null });
}

/**
 * New-issue applications waiting for their checks (state approved, not ended) whose person or
 * certificate unit is among the given ones: they are re-checked when that data changes.
 */
export async function listWaitingApplications(
  db: Knex,
  personIds: readonly string[],
  enterpriseIds: readonly string[],
): Promise<string[]> {
  if (personIds.length === 0 && enterpriseIds.length === 0) return [];
  const rows: Array<{ id: string }> = await db('applications')
    .where({ type: 'new-issue', state: 'approved' })
    .whereNull('completed_at')
    .where((q) => {
      q.whereIn('person_id', [...personIds]).orWhereIn('enterprise_id', [...enterpriseIds]);
    })
    .select('id');
  return rows.map((r) => String(r.id));
}
