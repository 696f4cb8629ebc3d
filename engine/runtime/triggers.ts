import type { FlowNode } from '../bpmn/model';
import type { Command } from './command';
import {
  completeElement,
  createElement,
  deliverVariables,
  enqueue,
  terminateElement,
} from './lifecycle';
import type { ElementInstance } from './types';
import { findCatcher, triggerCatcher } from './catch-events';
import { triggerEventSubProcess } from '../elements/event-sub-process';

type Vars = Record<string, unknown> | null | undefined;

/**
 * A timer, message or signal arrived for `eventId`, owned by `owner` (see subscriptions.ts):
 * completes a catch event, continues an event-based gateway, or triggers a boundary event.
 */
export async function triggerEvent(
  cmd: Command,
  owner: ElementInstance,
  eventId: string,
  variables: Vars,
): Promise<void> {
  if (owner.state !== 'ACTIVE') return;
  if (owner.elementId === eventId && owner.type !== 'MULTI_INSTANCE_BODY') {
    deliverVariables(cmd, owner, variables);
    await completeElement(cmd, owner);
    return;
  }
  const event = cmd.model(owner).elements.get(eventId)!;
  if (event.kind === 'startEvent') return triggerEventSubProcess(cmd, owner, event, variables);
  if (event.kind === 'boundaryEvent') return triggerBoundary(cmd, owner, event, variables);
  // Event-based gateway: it completes, and the chosen event happens at once.
  const scope = cmd.elements.get(owner.flowScopeKey!)!;
  owner.state = 'COMPLETED';
  owner.endDate = cmd.now;
  cmd.touchElement(owner);
  cmd.closedElements.add(owner.key);
  const ei = createElement(cmd, scope, event.id, event.type, event.name);
  deliverVariables(cmd, ei, variables);
  enqueue(cmd, () => completeElement(cmd, ei));
}

export async function triggerBoundary(
  cmd: Command,
  host: ElementInstance,
  boundary: FlowNode,
  variables: Vars,
): Promise<void> {
  const scope = cmd.elements.get(host.flowScopeKey!)!;
  if (boundary.interrupting !== false) await terminateElement(cmd, host);
  const ei = createElement(cmd, scope, boundary.id, boundary.type, boundary.name);
  deliverVariables(cmd, ei, variables);
  enqueue(cmd, () => completeElement(cmd, ei));
}

/**
 * Throws a BPMN error from an element: the nearest error boundary or error event subprocess
 * matching the code (or a catch-all one) up the scope chain — across call activities — catches
 * it (catch-events.ts). False if none does.
 */
export async function throwError(
  cmd: Command,
  from: ElementInstance,
  errorCode: string,
  variables: Vars,
): Promise<boolean> {
  const catcher = await findCatcher(cmd, from, 'error', errorCode);
  if (!catcher) return false;
  await triggerCatcher(cmd, catcher, variables);
  return true;
}
