import type { CamundaRestClient } from '@camunda8/sdk';
import type { Knex } from 'knex';
import { JOB_CONCURRENCY, JOB_HANDLERS } from './handlers';
import { BpmnError, JobHandler, JobInput } from './job-handler';
import { publishDataChanged } from './data-changed';
import { runJobOnce } from './run-job';
import { startEventLoopGate } from './event-loop-gate';

/** Where the workers log: the program's logger, or console (both take a message string). */
export interface WorkerLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface StartWorkersOptions {
  db: Knex;
  camunda: CamundaRestClient;
  log?: WorkerLog;
  /** Defaults to every handler of workers/ (tests may pass a subset). */
  handlers?: Readonly<Record<string, JobHandler>>;
  /** Jobs one worker holds at once (per job type). */
  maxJobsToActivate?: number;
  /**
   * A job waits to start while the event loop runs later than this (ms), so the API sharing the
   * loop keeps answering under a burst (event-loop-gate.ts). Off unless given: the program
   * passes `maxLagFromEnv()`; tests, whose loop is late for other processes' sake, do not.
   */
  maxLagMs?: number;
}

/** WORKER_MAX_LAG_MS, default 30; 0 turns the gate off. */
export const maxLagFromEnv = () => Number(process.env.WORKER_MAX_LAG_MS ?? 30);

/** What readiness needs to know about the workers. */
export interface WorkersStatus {
  /** Started and not stopped. */
  polling: boolean;
  /** The oldest of the job types' last successful polls (ISO 8601); none before the first. */
  lastPolledAt?: string;
  /** Why they are not healthy, in English: a failed poll, or none succeeding for too long. */
  problem?: string;
}

export interface StartedWorkers {
  status(): WorkersStatus;
  stop(): Promise<void>;
}

/** How long a job stays locked to us before the engine hands it to another worker. */
const JOB_TIMEOUT_MS = 60_000;
/** A long poll ends within its requestTimeout (5 s); no success for this long means trouble. */
const STALE_AFTER_MS = 30_000;

type SdkWorker = ReturnType<CamundaRestClient['createJobWorker']>;

/** One job type's poll record, fed by the SDK worker's events. */
interface PollRecord {
  type: string;
  worker: SdkWorker;
  since: number;
  lastOk?: number;
  error?: string;
}

function watchPolls(type: string, worker: SdkWorker, log: WorkerLog): PollRecord {
  const record: PollRecord = { type, worker, since: Date.now() };
  // 'work' follows every answered poll, with or without jobs.
  worker.on('work', () => {
    if (record.error) log.info(`worker ${type}: polling again`);
    record.lastOk = Date.now();
    record.error = undefined;
  });
  worker.on('pollError', (e: Error) => {
    const message = String(e?.message ?? e)
      .split('\n')[0]
      .slice(0, 200);
    if (!record.error) log.warn(`worker ${type}: poll failed: ${message}`);
    record.error = message;
  });
  return record;
}

function problemOf(r: PollRecord, now: number): string | undefined {
  if (r.error) return `${r.type}: poll failed: ${r.error}`;
  // A worker holding as many jobs as it may does not poll; that is busy, not stuck.
  const busy = r.worker.currentlyActiveJobCount >= r.worker.capacity;
  const quiet = now - (r.lastOk ?? r.since);
  if (!busy && quiet > STALE_AFTER_MS)
    return `${r.type}: no successful poll for ${Math.round(quiet / 1000)} s`;
  return undefined;
}

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

/** The engine's HTTP status of a failed SDK call, if it answered. */
const statusOf = (error: unknown) =>
  (error as { response?: { statusCode?: number } })?.response?.statusCode;

/** What a job handler returns when there is nothing left to acknowledge. */
const JOB_GONE = 'JOB_ACTION_ACKNOWLEDGEMENT' as const;

/**
 * One SDK job worker per job type (job type = handler file name in workers/). A handler runs in
 * one transaction (run-job.ts); the job is completed after commit. A thrown error fails the job
 * with one retry less, so at zero retries the engine raises an incident.
 */
export function startWorkers(options: StartWorkersOptions): StartedWorkers {
  const { db, camunda } = options;
  const log = options.log ?? console;
  const handlers = options.handlers ?? JOB_HANDLERS;
  let polling = true;
  const maxLagMs = options.maxLagMs ?? 0;
  const gate = maxLagMs > 0 ? startEventLoopGate({ maxLagMs }) : undefined;
  const records = Object.entries(handlers).map(([type, handler]) => {
    const worker = camunda.createJobWorker({
      type,
      worker: `gas-cert-${type}`,
      timeout: JOB_TIMEOUT_MS,
      maxJobsToActivate: JOB_CONCURRENCY[type] ?? options.maxJobsToActivate ?? 8,
      requestTimeout: 5_000,
      pollIntervalMs: 100,
      jobHandler: async (job) => {
        const input = jobInput(job);
        await gate?.admit();
        try {
          const run = await runJobOnce(db, handler, input);
          let ack;
          try {
            ack = await job.complete(run.variables as never);
          } catch (error) {
            if (statusOf(error) !== 404) throw error;
            // The job is no longer ours: its deadline passed (a clock moved forward, a long
            // pause) and another activation has it, or its instance was cancelled. The effect is
            // committed once (job_effects): the other activation replays it and completes.
            log.warn(`worker ${type}: job ${input.key} was gone when completed; effect kept once`);
            return JOB_GONE;
          }
          if (run.changed) await publishDataChanged(db, camunda, run.changed, log);
          return ack;
        } catch (error) {
          if (error instanceof BpmnError) {
            log.info(`worker ${type}: job ${input.key} ended with ${error.errorCode}`);
            return job.error({
              errorCode: error.errorCode,
              errorMessage: error.message,
              variables: {},
            });
          }
          const message = error instanceof Error ? error.message : String(error);
          log.error(`worker ${type}: job ${input.key} failed: ${message}`);
          try {
            return await job.fail({
              errorMessage: message,
              retries: Math.max(job.retries - 1, 0),
            });
          } catch (failure) {
            if (statusOf(failure) !== 404) throw failure;
            log.warn(`worker ${type}: job ${input.key} was gone when failed`);
            return JOB_GONE;
          }
        }
      },
    });
    return watchPolls(type, worker, log);
  });
  log.info(`workers: polling for ${records.map((r) => r.type).join(', ')}`);
  return {
    status: () => {
      const now = Date.now();
      const polled = records.map((r) => r.lastOk);
      const problem = records.map((r) => problemOf(r, now)).find((p) => p !== undefined);
      return {
        polling,
        ...(polled.length && polled.every((t) => t !== undefined)
          ? { lastPolledAt: new Date(Math.min(...(polled as number[]))).toISOString() }
          : {}),
        ...(polling && problem ? { problem } : {}),
      };
    },
    stop: async () => {
      polling = false;
      gate?.stop();
      await Promise.all(records.map((r) => r.worker.stop()));
    },
  };
}
