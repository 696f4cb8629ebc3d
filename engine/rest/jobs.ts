import { Router } from 'express';
import type { Engine } from '../engine';
import { pollJobs } from '../commands/activate-jobs';
import { completeJob, failJob, throwJobError, updateJob } from '../commands/jobs';
import { keyParam } from './key-param';
import { int64 } from './int64';

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
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const jobs = await pollJobs(
      engine,
      {
        ...b,
        timeout: durationMs(b.timeout, 'timeout'),
        requestTimeout: durationMs(b.requestTimeout, 'requestTimeout'),
        fetchVariable: Array.isArray(b.fetchVariable) ? b.fetchVariable : undefined,
        tenantIds: Array.isArray(b.tenantIds) ? b.tenantIds : undefined,
      },
      abort.signal,
    );
    if (!abort.signal.aborted) res.json({ jobs });
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
