import type { Engine } from '../engine';
import { lockInstance } from '../sql/load-instance';
import { propagate, setLocal } from '../runtime/variables';
import { invalidArgument, notFound } from '../rest/engine-error';

/**
 * https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/create-element-instance-variables/
 * Sets variables on an active element instance (or process instance): `local` keeps them in
 * that scope, otherwise each goes where it is defined, as a job completion's variables do.
 * Returns the key of the command.
 */
export function setVariables(
  engine: Engine,
  key: string,
  vars: unknown,
  local: boolean,
): Promise<string> {
  if (!vars || typeof vars !== 'object' || Array.isArray(vars))
    throw invalidArgument('No variables provided.');
  const missing = () =>
    notFound(
      'UPDATE',
      `Expected to update variables for element with key '${key}', but no such element was found`,
    );
  if (!/^\d+$/.test(key)) throw missing();
  return engine.ctx.run(async (cmd) => {
    const e = await (
      await cmd.tx()
    )('engine_element_instances')
      .where({ key })
      .first(cmd.db.raw('process_instance_key::text as pik'));
    if (!e) throw missing();
    await lockInstance(cmd, e.pik);
    if (!cmd.elements.get(key) || cmd.elements.get(key)!.state !== 'ACTIVE') throw missing();
    const values = vars as Record<string, unknown>;
    if (local) for (const [k, v] of Object.entries(values)) setLocal(cmd, key, k, v);
    else propagate(cmd, key, values);
    return cmd.key();
  });
}
