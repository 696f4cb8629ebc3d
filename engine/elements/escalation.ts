import type { FlowNode } from '../bpmn/model';
import { evaluateString, isExpression } from '../feel/feel';
import { findCatcher, triggerCatcher } from '../runtime/catch-events';
import type { Command } from '../runtime/command';
import type { ElementInstance } from '../runtime/types';
import { visibleVariables } from '../runtime/variables';

/**
 * An escalation intermediate throw or end event was reached: the nearest escalation catcher up
 * the scopes (boundary on a subprocess or call activity, escalation event subprocess) is
 * triggered. Escalations are not critical: uncaught, nothing happens (no incident, as Zeebe);
 * caught by a non-interrupting catcher, the throw event goes on too. An interrupting catcher
 * terminates the throw event with its scope.
 */
export async function throwEscalation(
  cmd: Command,
  ei: ElementInstance,
  node: FlowNode,
): Promise<void> {
  const raw = node.event!.escalationCode!;
  const code = isExpression(raw) ? evaluateString(raw, visibleVariables(cmd, ei.key)) : raw;
  const catcher = await findCatcher(cmd, ei, 'escalation', code);
  if (catcher) await triggerCatcher(cmd, catcher, null);
}
