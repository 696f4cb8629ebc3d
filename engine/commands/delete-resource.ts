import type { Engine } from '../engine';
import { forgetLatest } from '../runtime/definitions';
import { EngineError } from '../rest/engine-error';

/**
 * https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/delete-resource/
 * Deletes a process definition (its start subscriptions with it), a form or a decision
 * requirements graph (its decisions with it) by key.
 */
export async function deleteResource(engine: Engine, key: string): Promise<void> {
  const n = /^\d+$/.test(key)
    ? await engine.db.transaction(async (trx) => {
        const d = await trx('engine_process_definitions').where({ key }).delete();
        const f = await trx('engine_forms').where({ key }).delete();
        // A decision requirements graph goes with its decisions (their instances stay, as history).
        await trx('engine_decision_definitions').where({ decision_requirements_key: key }).delete();
        const g = await trx('engine_decision_requirements').where({ key }).delete();
        await trx('engine_start_events').where({ process_definition_key: key }).delete();
        await trx.raw(`select pg_notify('engine_deployments', '')`);
        return d + f + g;
      })
    : 0;
  forgetLatest();
  if (!n)
    throw new EngineError(
      404,
      'NOT_FOUND',
      `Command 'DELETE' rejected with code 'NOT_FOUND': Expected to delete resource but no resource found with key \`${key}\``,
    );
}
