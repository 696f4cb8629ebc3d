import type { FlowNode } from '../bpmn/model';
import { evaluateString } from '../feel/feel';
import type { Command } from '../runtime/command';
import { enqueue } from '../runtime/lifecycle';
import { scheduleTimer } from '../runtime/timer-due';
import { triggerEvent } from '../runtime/triggers';
import type { ElementInstance } from '../runtime/types';
import { visibleVariables } from '../runtime/variables';

/**
 * Opens what an event waits for — a timer, a message subscription (correlating a buffered
 * message at once, as Zeebe does) or a signal subscription — owned by `owner`: the catch event
 * itself, the activity a boundary event is attached to, or an event-based gateway.
 */
export async function openEventSubscription(
  cmd: Command,
  owner: ElementInstance,
  event: FlowNode,
): Promise<void> {
  const def = event.event;
  if (!def) return;
  const vars = visibleVariables(cmd, owner.key);
  if (def.kind === 'timer' && def.timer) {
    const s = scheduleTimer(def.timer, cmd.now, vars);
    cmd.insert('engine_timers', {
      key: cmd.key(),
      process_instance_key: owner.processInstanceKey,
      element_instance_key: owner.key,
      process_definition_key: owner.processDefinitionKey,
      element_id: event.id,
      due_date: s.due,
      repetitions: s.repetitions,
      interval: s.interval,
    });
    cmd.timersChanged = true;
  } else if (def.kind === 'message') {
    const name = evaluateString(def.messageName!, vars);
    const correlationKey = evaluateString(def.correlationKey!, vars);
    cmd.insert('engine_message_subscriptions', {
      key: cmd.key(),
      process_instance_key: owner.processInstanceKey,
      element_instance_key: owner.key,
      bpmn_process_id: owner.bpmnProcessId,
      element_id: event.id,
      message_name: name,
      correlation_key: correlationKey,
    });
    const buffered = await (
      await cmd.tx()
    ).raw(
      `select m.key::text as key, m.variables from engine_messages m
        where m.name = ? and m.correlation_key = ? and m.expires_at > ?
          and not exists (select 1 from engine_message_correlations c
                           where c.message_key = m.key and c.bpmn_process_id = ?)
        order by m.key limit 1`,
      [name, correlationKey, cmd.now, owner.bpmnProcessId],
    );
    const m = buffered.rows[0];
    if (m) {
      cmd.insert('engine_message_correlations', {
        message_key: m.key,
        bpmn_process_id: owner.bpmnProcessId,
      });
      enqueue(cmd, () => triggerEvent(cmd, owner, event.id, JSON.parse(m.variables)));
    }
  } else if (def.kind === 'signal') {
    cmd.insert('engine_signal_subscriptions', {
      key: cmd.key(),
      process_instance_key: owner.processInstanceKey,
      element_instance_key: owner.key,
      element_id: event.id,
      signal_name: evaluateString(def.signalName!, vars),
    });
  }
}
