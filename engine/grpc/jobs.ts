import type { Engine } from '../engine';
import { pollJobs } from '../commands/activate-jobs';
import { completeJob, failJob, throwJobError, updateJob } from '../commands/jobs';
import type { Calls } from './calls';
import { parseDocument } from './documents';
import { streamJobs } from './job-stream';
import { activatedJob } from './job-message';

/** https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/ — the job RPCs. */
export function jobHandlers(engine: Engine, calls: Calls) {
  return {
    // Long polling as the REST face: one message with the jobs (none after requestTimeout).
    ActivateJobs: calls.stream('ActivateJobs', async (call, signal) => {
      const r = call.request;
      const jobs = await pollJobs(
        engine,
        {
          type: r.type,
          worker: r.worker,
          timeout: Number(r.timeout),
          maxJobsToActivate: r.maxJobsToActivate,
          fetchVariable: r.fetchVariable,
          requestTimeout: Number(r.requestTimeout),
          tenantIds: r.tenantIds,
        },
        signal,
      );
      if (jobs.length && !signal.aborted) call.write({ jobs: jobs.map(activatedJob) });
    }),
    StreamActivatedJobs: calls.stream('StreamActivatedJobs', (call, signal) =>
      streamJobs(engine, call, signal),
    ),
    CompleteJob: calls.unary('CompleteJob', async (r) => {
      await completeJob(engine.ctx, r.jobKey, parseDocument(r.variables));
      return {};
    }),
    FailJob: calls.unary('FailJob', async (r) => {
      await failJob(engine.ctx, r.jobKey, {
        retries: r.retries,
        errorMessage: r.errorMessage,
        retryBackOff: Math.max(0, Number(r.retryBackOff) || 0),
        variables: parseDocument(r.variables),
      });
      return {};
    }),
    ThrowError: calls.unary('ThrowError', async (r) => {
      await throwJobError(engine.ctx, r.jobKey, {
        errorCode: r.errorCode,
        errorMessage: r.errorMessage || null,
        variables: parseDocument(r.variables),
      });
      return {};
    }),
    UpdateJobRetries: calls.unary('UpdateJobRetries', async (r) => {
      await updateJob(engine.ctx, r.jobKey, { retries: r.retries });
      return {};
    }),
    UpdateJobTimeout: calls.unary('UpdateJobTimeout', async (r) => {
      await updateJob(engine.ctx, r.jobKey, { timeout: Number(r.timeout) });
      return {};
    }),
  };
}
