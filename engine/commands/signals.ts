import type { Engine } from '../engine';
import { createInstance } from '../runtime/create-instance';
import { definitionByKey } from '../runtime/definitions';
import { triggerEvent } from '../runtime/triggers';
import { lockInstance } from '../sql/load-instance';
import { invalidArgument } from '../rest/engine-error';

/**
 * https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/broadcast-signal/
 * Triggers every signal catch/boundary subscription and signal start event with that name.
 */
export function broadcastSignal(
  engine: Engine,
  name: string,
  variables: Record<string, unknown> | null,
): Promise<string> {
  if (!name) return Promise.reject(invalidArgument('No signalName provided.'));
  return engine.ctx.run(async (cmd) => {
    const key = cmd.key();
    const subs = await (
      await cmd.tx()
    ).raw(
      `select process_instance_key::text as pik, element_instance_key::text as eik, element_id
         from engine_signal_subscriptions where signal_name = ? order by key`,
      [name],
    );
    for (const s of subs.rows as Record<string, string>[]) {
      const pi = await lockInstance(cmd, s.pik);
      const owner = cmd.elements.get(s.eik);
      if (!pi || pi.state !== 'ACTIVE' || !owner || owner.state !== 'ACTIVE') continue;
      await triggerEvent(cmd, owner, s.element_id, variables);
    }
    const starts = await (
      await cmd.tx()
    ).raw(
      `select process_definition_key::text as pdk, element_id
         from engine_start_events where kind = 'signal' and name = ?`,
      [name],
    );
    for (const s of starts.rows as Record<string, string>[]) {
      const def = await definitionByKey(cmd.db, s.pdk);
      if (def) createInstance(cmd, def, { startElementId: s.element_id, variables });
    }
    return key;
  });
}
