import { Router } from 'express';
import type { Engine } from '../engine';
import { engineNow } from '../clock';
import { activateJobs } from '../sql/activate-jobs';
import { completeJob, failJob, throwJobError, updateJob } from '../commands/jobs';
import { invalidArgument } from './engine-error';
import { keyParam } from './key-param';
import { int64 } from './int64';

/** Zeebe's gateway default for long polls without `requestTimeout`. */
const DEFAULT_REQUEST_TIMEOUT = 10_000;

/** A duration in ms: an int64 (number or numeric string), or the SDK's typed duration. */
function durationMs(v: unknown, name: string): number | undefined {
  // Leniency for the SDK's typed-duration objects: {value, unit: 's' | 'ms' | ...}.
  if (v !== null && typeof v === 'object') {
    const d = v as { value?: unknown; unit?: string };
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[d.unit ?? 'ms'] ?? 1;
    return (int64(d.value, name) ?? 0) * factor;
  }
  return int64(v, name);
}

export function jobsRouter(engine: Engine): Router {
  const r = Router();
  r.param('key', keyParam);
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/activate-jobs/
  r.post('/jobs/activation', async (req, res) => {
    const b = req.body ?? {};
    if (!b.type) throw invalidArgument('No type provided.');
    const timeout = durationMs(b.timeout, 'timeout');
    if (timeout === undefined || !(timeout > 0)) throw invalidArgument('No timeout provided.');
    const max = Number(b.maxJobsToActivate);
    if (!(max > 0))
      throw invalidArgument(
        `The value for maxJobsToActivate is '${b.maxJobsToActivate}' but must be > 0.`,
      );
    const requestTimeout =
      durationMs(b.requestTimeout, 'requestTimeout') || DEFAULT_REQUEST_TIMEOUT;
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const end = Date.now() + requestTimeout;
    const request = {
      type: String(b.type),
      worker: String(b.worker ?? 'default'),
      timeout,
      maxJobsToActivate: Math.min(max, 1000),
      fetchVariable: Array.isArray(b.fetchVariable) ? b.fetchVariable.map(String) : undefined,
    };
    const ticket = engine.jobs.ticket(request.type);
    try {
      // A closed connection (the worker stopped, or the engine is stopping) ends the poll: no
      // further statement may run on a pool that is being destroyed.
      while (!abort.signal.aborted) {
        const now = await engineNow(engine.db);
        const jobs = await activateJobs(engine.db, now, request, () => abort.signal.aborted);
        const left = end - Date.now();
        if (jobs.length || requestTimeout < 0 || left <= 0 || abort.signal.aborted) {
          if (!abort.signal.aborted) res.json({ jobs });
          return;
        }
        // NOTIFY wakes us; the cap re-checks for timed-out jobs and missed notifications.
        await ticket.wait(Math.min(left, 1000), abort.signal);
      }
    } catch (e) {
      // The worker went away (worker.stop() aborts its poll): nobody is left to answer, and
      // nothing was activated for it. Anything else is a real error.
      if (!abort.signal.aborted) throw e;
    } finally {
      ticket.cancel();
    }
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/complete-job/
  r.post('/jobs/:key/completion', async (req, res) => {
    await completeJob(engine.ctx, req.params.key, req.body.variables);
    res.status(204).end();
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/fail-job/
  r.post('/jobs/:key/failure', async (req, res) => {
    const retryBackOff = int64(req.body.retryBackOff, 'retryBackOff', 0);
    await failJob(engine.ctx, req.params.key, { ...req.body, retryBackOff });
    res.status(204).end();
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/report-error-for-job/
  r.post('/jobs/:key/error', async (req, res) => {
    await throwJobError(engine.ctx, req.params.key, req.body);
    res.status(204).end();
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/update-a-job/
  r.patch('/jobs/:key', async (req, res) => {
    const changeset = req.body.changeset ?? {};
    const timeout = int64(changeset.timeout, 'changeset.timeout');
    await updateJob(engine.ctx, req.params.key, { ...changeset, timeout });
    res.status(204).end();
  });
  return r;
}
