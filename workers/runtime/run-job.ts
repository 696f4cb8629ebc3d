import type { Knex } from 'knex';
import { businessNow } from '../../clock/business-clock';
import { todayInChina } from '../../domain/calendar-date';
import { claimJob } from '../../repositories/job-effects';
import { recordJobProgress } from '../../repositories/job-progress';
import { JobHandler, JobInput, JobOutcome, optionalVariable } from './job-handler';

export interface JobRun extends JobOutcome {
  /** The job had been done before (a retry or a second delivery): nothing was written now. */
  replayed: boolean;
}

/**
 * Runs a handler once per job key: in ONE transaction its effects, the `job_effects` row, the
 * timeline entry (step = header `step`, actor system) and the move to header `applicationState`.
 * A job key already recorded returns the recorded variables without doing anything.
 */
export async function runJobOnce(db: Knex, handler: JobHandler, job: JobInput): Promise<JobRun> {
  // The business clock (the application's own row), never the engine's tables: the workers
  // run unchanged against Camunda 8.
  const now = await businessNow(db);
  const today = todayInChina(now);
  return db.transaction(async (trx) => {
    const done = await claimJob(trx, job.key, job.type);
    if (done) return { variables: done.result, replayed: true };
    const outcome = await handler({ trx, job, now, today });
    const applicationId = optionalVariable(job, 'applicationId');
    await recordJobProgress(trx, {
      jobKey: job.key,
      result: outcome.variables,
      applicationId,
      event: outcome.quiet
        ? undefined
        : { step: job.headers.step || job.elementId, comment: outcome.comment ?? null },
      state: job.headers.applicationState || undefined,
    });
    return { ...outcome, replayed: false };
  });
}
