import type { CamundaRestClient } from '@camunda8/sdk';
import type { Knex } from 'knex';
import { JOB_HANDLERS } from './handlers';
import { JobHandler, JobInput } from './job-handler';
import { publishDataChanged } from './data-changed';
import { runJobOnce } from './run-job';

export type WorkerLog = Pick<Console, 'info' | 'warn' | 'error'>;

export interface StartWorkersOptions {
  db: Knex;
  camunda: CamundaRestClient;
  log?: WorkerLog;
  /** Defaults to every handler of workers/ (tests may pass a subset). */
  handlers?: Readonly<Record<string, JobHandler>>;
  /** Jobs one worker holds at once (per job type). */
  maxJobsToActivate?: number;
}

export interface StartedWorkers {
  stop(): Promise<void>;
}

/** How long a job stays locked to us before the engine hands it to another worker. */
const JOB_TIMEOUT_MS = 60_000;

type SdkJob = Parameters<Parameters<CamundaRestClient['createJobWorker']>[0]['jobHandler']>[0];

function jobInput(job: SdkJob): JobInput {
  return {
    key: String(job.jobKey),
    type: job.type,
    processInstanceKey: String(job.processInstanceKey),
    elementId: job.elementId,
    variables: { ...(job.variables as Record<string, unknown>) },
    headers: Object.fromEntries(
      Object.entries((job.customHeaders ?? {}) as Record<string, unknown>).map(([k, v]) => [
        k,
        String(v),
      ]),
    ),
  };
}

/**
 * One SDK job worker per job type (job type = handler file name in workers/). A handler runs in
 * one transaction (run-job.ts); the job is completed after commit. A thrown error fails the job
 * with one retry less, so at zero retries the engine raises an incident.
 */
export function startWorkers(options: StartWorkersOptions): StartedWorkers {
  const { db, camunda } = options;
  const log = options.log ?? console;
  const handlers = options.handlers ?? JOB_HANDLERS;
  const workers = Object.entries(handlers).map(([type, handler]) =>
    camunda.createJobWorker({
      type,
      worker: `gas-cert-${type}`,
      timeout: JOB_TIMEOUT_MS,
      maxJobsToActivate: options.maxJobsToActivate ?? 8,
      requestTimeout: 5_000,
      pollIntervalMs: 100,
      jobHandler: async (job) => {
        const input = jobInput(job);
        try {
          const run = await runJobOnce(db, handler, input);
          const ack = await job.complete(run.variables as never);
          if (run.changed) await publishDataChanged(db, camunda, run.changed, log);
          return ack;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log.error(`worker ${type}: job ${input.key} failed: ${message}`);
          return job.fail({ errorMessage: message, retries: Math.max(job.retries - 1, 0) });
        }
      },
    }),
  );
  return {
    stop: async () => {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
