import type { Behaviour } from './behaviour';
import type { FlowNode } from '../bpmn/model';
import type { Command } from '../runtime/command';
import { completeElement } from '../runtime/lifecycle';
import type { ElementInstance } from '../runtime/types';
import { openEventSubscription } from './subscriptions';

/** Opens the timers and subscriptions of the boundary events attached to an activity. */
export async function openBoundaryEvents(
  cmd: Command,
  host: ElementInstance,
  node: FlowNode,
): Promise<void> {
  const model = cmd.model(host);
  for (const id of node.boundaries) {
    const b = model.elements.get(id)!;
    if (b.event && ['timer', 'message', 'signal'].includes(b.event.kind))
      await openEventSubscription(cmd, host, b);
  }
}

/** A triggered boundary event instance has nothing left to do: it completes at once. */
export const boundaryEvent: Behaviour = {
  activate: (cmd, ei) => completeElement(cmd, ei),
};
