/** Applications (办件) as the API writes and shows them (SPEC §8); the workers' side is in application-progress.ts. */
import type { Knex } from 'knex';
import { ROLE_NAMES } from '../domain/role-names';

export type ApplicationType =
  | 'employment-proposal'
  | 'employment-termination'
  | 'category-registration'
  | 'category-change'
  | 'new-issue'
  | 'work-unit-change'
  | 'enterprise-rename'
  | 'name-change'
  | 'auto-review'
  | 'renewal'
  | 'cancellation';

export interface NewApplication {
  type: ApplicationType;
  state: 'submitted' | 'awaiting-enterprise' | 'awaiting-review';
  applicantAccountId: string | null;
  personId?: string | null;
  enterpriseId?: string | null;
  employmentId?: string | null;
  examResultId?: string | null;
  subject: Record<string, unknown>;
}

export interface Application {
  id: string;
  type: ApplicationType;
  state: string;
  applicantAccountId: string | null;
  personId: string | null;
  enterpriseId: string | null;
  employmentId: string | null;
  examResultId: string | null;
  processInstanceKey: string | null;
  subject: Record<string, unknown>;
  checkResults: Array<{ code: string; passed: boolean; message: string }>;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export interface TimelineEntry {
  step: string;
  actorName: string;
  actorAccountId: string | null;
  at: Date;
  decision: 'approved' | 'rejected' | null;
  comment: string | null;
}

/**
 * How an account appears on a timeline: a person's or enterprise's name, staff by role and
 * username; "系统" without an account (the same rule as the API's decisions).
 */
export async function accountDisplayName(db: Knex, accountId: string | null): Promise<string> {
  if (accountId === null) return '系统';
  const row = await db('accounts as a')
    .leftJoin('persons as p', 'p.id', 'a.person_id')
    .leftJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .where('a.id', accountId)
    .first({ role: 'a.role', username: 'a.username', person: 'p.name', enterprise: 'e.name' });
  if (!row) return '系统';
  return (
    row.person ??
    row.enterprise ??
    `${ROLE_NAMES[row.role as keyof typeof ROLE_NAMES] ?? row.role}（${row.username}）`
  );
}

/**
 * Inserts the application and the first entry of its timeline, `submitted` by the applicant at
 * the creation time, in the caller's transaction: every application's story starts with who
 * submitted it, whichever use case created it.
 */
export async function insertApplication(db: Knex, a: NewApplication): Promise<string> {
  const [row] = await db('applications')
    .insert({
      type: a.type,
      state: a.state,
      applicant_account_id: a.applicantAccountId,
      person_id: a.personId ?? null,
      enterprise_id: a.enterpriseId ?? null,
      employment_id: a.employmentId ?? null,
      exam_result_id: a.examResultId ?? null,
      subject: JSON.stringify(a.subject),
    })
    .returning(['id', 'created_at']);
  await db('application_events').insert({
    application_id: row.id,
    step: 'submitted',
    actor_account_id: a.applicantAccountId,
    actor_name: await accountDisplayName(db, a.applicantAccountId),
    at: row.created_at,
  });
  return String(row.id);
}

export async function setProcessInstanceKey(db: Knex, id: string, key: string): Promise<void> {
  await db('applications').where({ id }).update({ process_instance_key: key });
}

/** Removes an application whose process could not be started (nothing else refers to it yet). */
export async function deleteApplication(db: Knex, id: string): Promise<void> {
  await db('applications').where({ id }).whereNull('process_instance_key').delete();
}

function applications(db: Knex) {
  return db('applications').select({
    id: db.raw('id::text'),
    type: 'type',
    state: 'state',
    applicantAccountId: db.raw('applicant_account_id::text'),
    personId: db.raw('person_id::text'),
    enterpriseId: db.raw('enterprise_id::text'),
    employmentId: db.raw('employment_id::text'),
    examResultId: db.raw('exam_result_id::text'),
    processInstanceKey: 'process_instance_key',
    subject: 'subject',
    checkResults: 'check_results',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    completedAt: 'completed_at',
  });
}

/** Whose applications to list: a person's, an enterprise's, or those of some types. */
export type ApplicationScope =
  { personId: string } | { enterpriseId: string } | { types: readonly ApplicationType[] };

export async function listApplications(
  db: Knex,
  scope: ApplicationScope,
  filter: { state?: string; type?: string; limit: number },
): Promise<Application[]> {
  const q = applications(db);
  if ('personId' in scope) q.where({ person_id: scope.personId });
  else if ('enterpriseId' in scope) q.where({ enterprise_id: scope.enterpriseId });
  else q.whereIn('type', [...scope.types]);
  if (filter.state) q.where({ state: filter.state });
  if (filter.type) q.where({ type: filter.type });
  return q.orderBy('id', 'desc').limit(filter.limit);
}

export async function findApplicationById(db: Knex, id: string): Promise<Application | undefined> {
  return applications(db).where({ id }).first();
}

export async function findApplicationByProcessInstance(
  db: Knex,
  processInstanceKey: string,
): Promise<Application | undefined> {
  return applications(db).where({ process_instance_key: processInstanceKey }).first();
}

/** The applications of these process instances, by instance key (one query for a task list). */
export async function findApplicationsByProcessInstances(
  db: Knex,
  processInstanceKeys: readonly string[],
): Promise<Map<string, Application>> {
  const found = new Map<string, Application>();
  if (processInstanceKeys.length === 0) return found;
  const rows: Application[] = await applications(db).whereIn('process_instance_key', [
    ...processInstanceKeys,
  ]);
  for (const a of rows) found.set(String(a.processInstanceKey), a);
  return found;
}

/** Whether the enterprise has an application of one of these types still in progress. */
export async function hasOpenApplication(
  db: Knex,
  where: { enterpriseId?: string; employmentId?: string },
  types: readonly ApplicationType[],
): Promise<boolean> {
  const q = db('applications')
    .whereIn('type', [...types])
    .whereNull('completed_at');
  if (where.enterpriseId) q.where({ enterprise_id: where.enterpriseId });
  if (where.employmentId) q.where({ employment_id: where.employmentId });
  return Boolean(await q.first('id'));
}

/**
 * The application's timeline, oldest first. A decision the engine has not yet confirmed
 * (repositories/decisions.ts) is not shown: it may still be taken back.
 */
export async function listTimeline(db: Knex, applicationId: string): Promise<TimelineEntry[]> {
  return db('application_events')
    .where({ application_id: applicationId, pending: false })
    .orderBy('id')
    .select({
      step: 'step',
      actorName: 'actor_name',
      actorAccountId: db.raw('actor_account_id::text'),
      at: 'at',
      decision: 'decision',
      comment: 'comment',
    });
}

/**
 * Locks the row an application is about (an enterprise or an employment) until the transaction
 * ends, so two concurrent requests cannot both pass the "none in progress" check.
 */
export async function lockSubject(
  db: Knex,
  table: 'enterprises' | 'employments',
  id: string,
): Promise<void> {
  await db(table).where({ id }).forUpdate().first('id');
}

/**
 * Locks the application's row until the transaction ends; true when it has already ended
 * (withdrawn, completed, ...), so the caller must not act on it.
 */
export async function lockLiveApplication(db: Knex, id: string): Promise<boolean> {
  // NO KEY UPDATE: it must not block (or deadlock with) the foreign-key checks of workers that
  // insert rows referencing the application (outbox, messages) while they hold other locks.
  const row = await db('applications').where({ id }).forNoKeyUpdate().first('completed_at');
  return !row || row.completed_at !== null;
}
