import type { Engine } from '../engine';
import { EngineError, notFound } from '../rest/engine-error';

/** Zeebe's gateway request timeout, what a with-result request without one waits. */
const DEFAULT_TIMEOUT = 15_000;

/**
 * https://docs.camunda.io/docs/components/concepts/process-instance-creation/#create-and-await-results
 * Waits until the instance completes and returns its root variables (only `fetchVariables`
 * when given); DEADLINE_EXCEEDED after `requestTimeout` ms (0 or absent: 15 s), NOT_FOUND if it
 * was terminated instead. Ends wakes it (NOTIFY, any engine); a one-second re-check is the
 * fallback.
 */
export async function awaitResult(
  engine: Engine,
  key: string,
  requestTimeout: number | undefined,
  fetchVariables: string[],
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const timeout = requestTimeout && requestTimeout > 0 ? requestTimeout : DEFAULT_TIMEOUT;
  const end = Date.now() + timeout;
  for (;;) {
    const row = await engine.db('engine_process_instances').where({ key }).first('state');
    if (row?.state === 'COMPLETED') break;
    if (row?.state === 'TERMINATED')
      throw notFound('CREATE_WITH_AWAITING_RESULT', `Process instance '${key}' was terminated`);
    const left = end - Date.now();
    if (left <= 0 || signal.aborted)
      throw new EngineError(
        504,
        'DEADLINE_EXCEEDED',
        `Expected to receive the result of process instance '${key}' within ${timeout} ms, but it did not complete in time`,
      );
    await engine.instances.wait(key, Math.min(left, 1000), signal);
  }
  const q = engine.db('engine_variables').where({ scope_key: key });
  if (fetchVariables.length) q.whereIn('name', fetchVariables);
  const variables: Record<string, unknown> = {};
  for (const v of await q.select('name', 'value')) variables[v.name] = JSON.parse(v.value);
  return variables;
}
