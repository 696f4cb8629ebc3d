import type { EngineContext } from '../runtime/engine-context';
import { lockInstance } from '../sql/load-instance';
import { completeElement, enqueue, enter } from '../runtime/lifecycle';
import { invalidState, notFound } from '../rest/engine-error';

/**
 * https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/resolve-incident/
 * A job incident makes its job activatable again (JOB_NO_RETRIES needs retries first); any
 * other incident retries the step that failed (activation or completion of the element).
 */
export function resolveIncident(engine: EngineContext, key: string): Promise<void> {
  const missing = () =>
    notFound(
      'RESOLVE',
      `Expected to resolve incident with key '${key}', but no such incident was found`,
    );
  if (!/^\d+$/.test(key)) throw missing();
  return engine.run(async (cmd) => {
    const first = await (
      await cmd.tx()
    )('engine_incidents')
      .where({ key })
      .first(cmd.db.raw('process_instance_key::text as pik'));
    if (!first) throw missing();
    const pi = await lockInstance(cmd, first.pik);
    const inc = await (
      await cmd.tx()
    )('engine_incidents')
      .where({ key })
      .first(cmd.db.raw('state, job_key::text as job_key, element_instance_key::text as eik'));
    if (!pi || !inc || inc.state !== 'ACTIVE') throw missing();
    const ei = cmd.elements.get(inc.eik);
    if (inc.job_key) {
      const job = await (
        await cmd.tx()
      )('engine_jobs')
        .where({ key: inc.job_key })
        .first('retries', 'state');
      if (job && job.retries <= 0)
        throw invalidState(
          'RESOLVE',
          `Expected to resolve incident with key '${key}', but job with key '${inc.job_key}' has no retries left. Please update the job retries and retry resolving the incident`,
        );
      if (job)
        cmd.update('engine_jobs', inc.job_key, {
          state: 'ACTIVATABLE',
          retry_at: null,
          deadline: null,
          worker: null,
        });
    }
    cmd.update('engine_incidents', key, { state: 'RESOLVED' });
    const others = await (
      await cmd.tx()
    )('engine_incidents')
      .where({ process_instance_key: pi.key, state: 'ACTIVE' })
      .whereNot({ key })
      .first('key');
    pi.hasIncident = !!others;
    if (!ei || ei.state !== 'ACTIVE') return;
    ei.incidentKey = null;
    const step = ei.data.retry;
    delete ei.data.retry;
    cmd.touchElement(ei);
    if (inc.job_key) return;
    if (step === 'complete') enqueue(cmd, () => completeElement(cmd, ei));
    else enqueue(cmd, () => enter(cmd, ei));
  });
}
