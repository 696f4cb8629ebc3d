/**
 * The end of a job's transaction in one statement (workers/runtime/run-job.ts): the timeline
 * entry, the application's move and the job's recorded result. Three statements per job were
 * a fifth of a certificate's statements; the effect is that of addSystemEvent and
 * moveApplication (repositories/application-progress.ts) and storing the job's result.
 */
import type { Knex } from 'knex';
import { ENDED_STATES } from './application-progress';

export interface JobProgress {
  jobKey: string;
  result: Record<string, unknown>;
  applicationId?: string | null;
  /** A system timeline entry (needs applicationId). */
  event?: { step: string; comment: string | null };
  /** The state to move to (needs applicationId). */
  state?: string;
}

export async function recordJobProgress(trx: Knex.Transaction, p: JobProgress): Promise<void> {
  const app = p.applicationId ?? null;
  const result = await trx.raw(
    `with ev as (
       insert into application_events (application_id, step, actor_account_id, actor_name, comment)
       select cast(:app as bigint), :step, null, '系统', :comment where :writeEvent
       returning 1),
     mv as (
       update applications
          set state = :state,
              completed_at = case when :ended then now() else null end
        where id = cast(:app as bigint) and completed_at is null and :move
       returning 1),
     rec as (
       update job_effects set result = :result where job_key = :jobKey
       returning 1)
     select (select count(*) from ev) as events, (select count(*) from rec) as recorded,
            (select count(*) from mv) as moved,
            (select state from applications where id = cast(:app as bigint)) as was`,
    {
      app,
      step: p.event?.step ?? null,
      comment: p.event?.comment ?? null,
      writeEvent: Boolean(app && p.event),
      state: p.state ?? null,
      ended: ENDED_STATES.includes(p.state ?? ''),
      move: Boolean(app && p.state),
      result: JSON.stringify(p.result),
      jobKey: p.jobKey,
    },
  );
  const row = result.rows[0] as { moved: string; was: string | null };
  if (!app || !p.state || Number(row.moved) > 0) return;
  // Not moved: it has ended (see moveApplication), or it does not exist.
  if (row.was === null) throw new Error(`Application ${app} does not exist`);
  if (row.was !== p.state)
    throw new Error(`Application ${app} has ended (${row.was}); it cannot move to ${p.state}`);
}
