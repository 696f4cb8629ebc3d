import type { EngineContext } from '../runtime/engine-context';
import type { Command } from '../runtime/command';
import { lockInstanceOf } from '../sql/load-instance';
import { completeElement, deliverVariables } from '../runtime/lifecycle';
import { raiseIncident } from '../runtime/incidents';
import { throwError } from '../runtime/triggers';
import { setLocal } from '../runtime/variables';
import { invalidArgument, invalidState, notFound } from '../rest/engine-error';
import type { ElementInstance } from '../runtime/types';

const VERB: Record<string, string> = {
  COMPLETE: 'complete',
  FAIL: 'fail',
  THROW_ERROR: 'throw an error for',
  UPDATE: 'update',
  UPDATE_RETRIES: 'update retries of',
};

/**
 * Locks the job's process instance, then reads the job again under that lock: every command
 * that changes a job holds its instance lock, so the state seen here is the state acted on.
 */
async function lockJob(cmd: Command, key: string, intent: string, allowFailed = false) {
  const missing = () =>
    notFound(
      intent,
      `Expected to ${VERB[intent]} job with key '${key}', but no such job was found`,
    );
  if (!/^\d+$/.test(key)) throw missing();
  // Completion may act on the instance as this process wrote it (see instance-cache.ts).
  const cached = intent === 'COMPLETE' ? cmd.cache?.takeByJob(cmd, key) : undefined;
  const job = (cached ?? (await lockInstanceOf(cmd, 'engine_jobs', key)).row) as {
    state: string;
    retries: number;
    eik: string;
  } | null;
  if (!job) throw missing();
  const ok =
    job.state === 'ACTIVATABLE' ||
    job.state === 'ACTIVATED' ||
    (allowFailed && job.state === 'FAILED');
  if (!ok)
    throw invalidState(
      intent,
      `Expected to ${VERB[intent]} job with key '${key}', but it is in state '${job.state}'`,
    );
  const ei = cmd.elements.get(job.eik);
  if (!ei || ei.state !== 'ACTIVE') throw missing();
  return { job, ei };
}

function objectOrNull(v: unknown, name = 'variables'): Record<string, unknown> | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v))
    throw invalidArgument(`Expected ${name} to be a JSON object`);
  return v as Record<string, unknown>;
}

/** https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/complete-job/ */
export function completeJob(engine: EngineContext, key: string, variables: unknown): Promise<void> {
  const vars = objectOrNull(variables);
  return engine.run(async (cmd) => {
    const { ei } = await lockJob(cmd, key, 'COMPLETE');
    deliverVariables(cmd, ei, vars);
    await completeElement(cmd, ei);
  });
}

export interface FailRequest {
  retries?: number;
  errorMessage?: string;
  retryBackOff?: number;
  variables?: unknown;
}

/** https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/fail-job/ */
export function failJob(engine: EngineContext, key: string, req: FailRequest): Promise<void> {
  const vars = objectOrNull(req.variables);
  const retries = req.retries ?? 0;
  return engine.run(async (cmd) => {
    const { ei } = await lockJob(cmd, key, 'FAIL');
    if (vars) for (const [k, v] of Object.entries(vars)) setLocal(cmd, ei.key, k, v);
    const message = req.errorMessage ?? '';
    if (retries > 0) {
      const backoff = Number(req.retryBackOff ?? 0);
      cmd.update('engine_jobs', key, {
        state: 'ACTIVATABLE',
        retries,
        worker: null,
        deadline: null,
        error_message: message,
        retry_at: backoff > 0 ? new Date(cmd.now.getTime() + backoff) : null,
      });
      return;
    }
    cmd.update('engine_jobs', key, { state: 'FAILED', retries: 0, error_message: message });
    raiseIncident(cmd, ei, 'JOB_NO_RETRIES', message || 'No more retries left.', { jobKey: key });
  });
}

/** https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/throw-job-error/ */
export function throwJobError(
  engine: EngineContext,
  key: string,
  req: { errorCode?: string; errorMessage?: string | null; variables?: unknown },
): Promise<void> {
  if (!req.errorCode) throw invalidArgument('No errorCode provided.');
  const vars = objectOrNull(req.variables);
  return engine.run(async (cmd) => {
    const { ei } = await lockJob(cmd, key, 'THROW_ERROR');
    const caught = await throwError(cmd, ei, req.errorCode!, vars);
    if (caught) return;
    cmd.update('engine_jobs', key, {
      state: 'ERROR_THROWN',
      error_message: req.errorMessage ?? null,
    });
    raiseIncident(
      cmd,
      ei as ElementInstance,
      'UNHANDLED_ERROR_EVENT',
      `Expected to throw an error event with the code '${req.errorCode}'${req.errorMessage ? ` with message '${req.errorMessage}'` : ''}, but it was not caught. No error events are available in the scope.`,
      { jobKey: key },
    );
  });
}

/** https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/update-job/ */
export function updateJob(
  engine: EngineContext,
  key: string,
  changeset: { retries?: number | null; timeout?: number | null },
): Promise<void> {
  const { retries, timeout } = changeset ?? {};
  if ((retries === undefined || retries === null) && (timeout === undefined || timeout === null))
    throw invalidArgument('No update data provided. Provide at least one of [retries, timeout].');
  if (retries !== undefined && retries !== null && (!Number.isInteger(retries) || retries < 1))
    throw invalidArgument(`The value for retries is '${retries}' but must be greater than 0.`);
  return engine.run(async (cmd) => {
    const { job } = await lockJob(cmd, key, 'UPDATE', true);
    const set: Record<string, unknown> = {};
    if (retries !== undefined && retries !== null) set.retries = retries;
    if (timeout !== undefined && timeout !== null) {
      if (job.state !== 'ACTIVATED')
        throw invalidState(
          'UPDATE',
          `Expected to update the timeout of job with key '${key}', but it is not active`,
        );
      set.deadline = new Date(cmd.now.getTime() + Number(timeout));
    }
    cmd.update('engine_jobs', key, set);
  });
}
