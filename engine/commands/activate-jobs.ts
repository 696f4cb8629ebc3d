import type { Engine } from '../engine';
import { engineNow } from '../clock';
import { ActivatedJob, activateJobs } from '../sql/activate-jobs';
import { invalidArgument } from '../rest/engine-error';

/** Zeebe's gateway default for long polls without `requestTimeout`. */
const DEFAULT_REQUEST_TIMEOUT = 10_000;

export interface PollRequest {
  type?: string;
  worker?: string;
  /** ms a job stays with this worker. */
  timeout?: number;
  maxJobsToActivate?: number;
  fetchVariable?: string[];
  /** ms to wait for a first job: 0 or absent is the default (10 s), negative answers at once. */
  requestTimeout?: number;
  tenantIds?: string[];
}

/** Tenants other than `<default>` are refused, as on Camunda without multi-tenancy. */
export function checkTenants(tenantIds: string[] | undefined, request: string): void {
  const other = (tenantIds ?? []).find((t) => t !== '<default>' && t !== '');
  if (other !== undefined)
    throw invalidArgument(
      `Expected to handle request ${request} with tenant identifier '${other}', but multi-tenancy is disabled`,
    );
}

/** Checks an activation request (REST `POST /v2/jobs/activation`, gRPC ActivateJobs). */
export function activationRequest(req: PollRequest, defaultMax?: number) {
  if (!req.type) throw invalidArgument('No type provided.');
  if (req.timeout === undefined || !(req.timeout > 0))
    throw invalidArgument('No timeout provided.');
  const max = Number(req.maxJobsToActivate ?? defaultMax);
  if (!(max > 0))
    throw invalidArgument(
      `The value for maxJobsToActivate is '${req.maxJobsToActivate}' but must be > 0.`,
    );
  checkTenants(req.tenantIds, 'Activate Jobs');
  return {
    type: String(req.type),
    worker: String(req.worker || 'default'),
    timeout: req.timeout,
    maxJobsToActivate: Math.min(max, 1000),
    fetchVariable: req.fetchVariable?.length ? req.fetchVariable.map(String) : undefined,
  };
}

/**
 * https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/activate-jobs/
 * Activates up to `maxJobsToActivate` jobs, long polling: answers as soon as one is there, or
 * with none after `requestTimeout`. An aborted `signal` (the client went away) ends the wait
 * and activates nothing for it.
 */
export async function pollJobs(
  engine: Engine,
  req: PollRequest,
  signal: AbortSignal,
): Promise<ActivatedJob[]> {
  const request = activationRequest(req);
  const requestTimeout = req.requestTimeout || DEFAULT_REQUEST_TIMEOUT;
  const end = Date.now() + requestTimeout;
  const ticket = engine.jobs.ticket(request.type);
  try {
    // A closed connection (the worker stopped, or the engine is stopping) ends the poll: no
    // further statement may run on a pool that is being destroyed.
    while (!signal.aborted) {
      const now = await engineNow(engine.db);
      const jobs = await activateJobs(engine.db, now, request, () => signal.aborted);
      const left = end - Date.now();
      if (jobs.length || requestTimeout < 0 || left <= 0 || signal.aborted) return jobs;
      // NOTIFY wakes us; the cap re-checks for timed-out jobs and missed notifications.
      await ticket.wait(Math.min(left, 1000), signal);
    }
    return [];
  } catch (e) {
    // The worker went away (worker.stop() aborts its poll): nobody is left to answer, and
    // nothing was activated for it. Anything else is a real error.
    if (signal.aborted) return [];
    throw e;
  } finally {
    ticket.cancel();
  }
}
