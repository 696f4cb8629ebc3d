import type { Command } from '../runtime/command';
import { createInstance } from '../runtime/create-instance';
import { definitionByKey } from '../runtime/definitions';
import { triggerEvent } from '../runtime/triggers';
import { lockInstance } from '../sql/load-instance';

type Vars = Record<string, unknown> | null;

/**
 * Correlates a message to waiting subscriptions and message start events, at most once per
 * BPMN process id (Zeebe's rule, across versions). Returns the process ids and the instances it
 * reached, first one first.
 */
export async function correlateMessage(
  cmd: Command,
  name: string,
  correlationKey: string,
  variables: Vars,
  skipProcessIds: Set<string> = new Set(),
): Promise<{ processIds: string[]; instanceKeys: string[] }> {
  const processIds: string[] = [];
  const instanceKeys: string[] = [];
  const subs = await (
    await cmd.tx()
  ).raw(
    `select process_instance_key::text as pik, element_instance_key::text as eik, element_id,
            bpmn_process_id
       from engine_message_subscriptions
      where message_name = ? and correlation_key = ?
      order by key`,
    [name, correlationKey],
  );
  for (const s of subs.rows as Record<string, string>[]) {
    if (skipProcessIds.has(s.bpmn_process_id) || processIds.includes(s.bpmn_process_id)) continue;
    const pi = await lockInstance(cmd, s.pik);
    const owner = cmd.elements.get(s.eik);
    if (!pi || pi.state !== 'ACTIVE' || !owner || owner.state !== 'ACTIVE') continue;
    processIds.push(s.bpmn_process_id);
    instanceKeys.push(s.pik);
    await triggerEvent(cmd, owner, s.element_id, variables);
  }
  const starts = await (
    await cmd.tx()
  ).raw(
    `select process_definition_key::text as pdk, bpmn_process_id, element_id
       from engine_start_events where kind = 'message' and name = ? order by process_definition_key`,
    [name],
  );
  for (const s of starts.rows as Record<string, string>[]) {
    if (skipProcessIds.has(s.bpmn_process_id) || processIds.includes(s.bpmn_process_id)) continue;
    const def = await definitionByKey(cmd.db, s.pdk);
    if (!def) continue;
    const pi = createInstance(cmd, def, { startElementId: s.element_id, variables });
    processIds.push(s.bpmn_process_id);
    instanceKeys.push(pi.key);
  }
  return { processIds, instanceKeys };
}
