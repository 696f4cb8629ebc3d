import type { Command } from './command';
import { completeElement, deliverVariables, enqueue, nodeOf } from './lifecycle';
import { lockInstance } from '../sql/load-instance';
import type { ElementInstance } from './types';
import { localVariables } from './variables';

/**
 * The root scope ended: the instance is COMPLETED or TERMINATED. A completed child of a call
 * activity hands its variables to the parent and lets the call activity complete.
 */
export async function onProcessEnded(
  cmd: Command,
  root: ElementInstance,
  state: 'COMPLETED' | 'TERMINATED',
): Promise<void> {
  const pi = cmd.instance(root.processInstanceKey);
  pi.state = state;
  pi.endDate = cmd.now;
  // Ending closes every element, which resolves their incidents.
  pi.hasIncident = false;
  cmd.endedInstances.add(pi.key);
  if (state !== 'COMPLETED' || !pi.parentProcessInstanceKey) return;
  await lockInstance(cmd, pi.parentProcessInstanceKey);
  const call = cmd.elements.get(pi.parentElementInstanceKey!);
  if (!call || call.state !== 'ACTIVE') return;
  const node = nodeOf(cmd, call);
  delete call.data.childInstanceKey;
  cmd.touchElement(call);
  if (node.calledElement?.propagateAllChildVariables !== false || node.outputs.length)
    deliverVariables(cmd, call, localVariables(cmd, pi.key));
  enqueue(cmd, () => completeElement(cmd, call));
}
