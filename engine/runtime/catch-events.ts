import type { FlowNode } from '../bpmn/model';
import type { Command } from './command';
import { eventSubProcessStarts, triggerEventSubProcess } from '../elements/event-sub-process';
import { nodeOf } from './lifecycle';
import { triggerBoundary } from './triggers';
import { lockInstance } from '../sql/load-instance';
import type { ElementInstance } from './types';

export interface Catcher {
  /** The activity a boundary event is attached to, or the scope of an event subprocess. */
  host: ElementInstance;
  event: FlowNode;
  boundary: boolean;
}

type Thrown = 'error' | 'escalation';

function pick(events: FlowNode[], kind: Thrown, code: string): FlowNode | undefined {
  const codeOf = (n: FlowNode) => (kind === 'error' ? n.event?.errorCode : n.event?.escalationCode);
  const list = events.filter((n) => n.event?.kind === kind);
  return list.find((n) => codeOf(n) === code) ?? list.find((n) => !codeOf(n));
}

/**
 * The catch event for an error or escalation thrown at `from`: up the flow scopes — across call
 * activities into the calling instance — each scope's event subprocesses first (they are
 * inside it), then the boundary events of the activity; a matching code before a catch-all.
 */
export async function findCatcher(
  cmd: Command,
  from: ElementInstance,
  kind: Thrown,
  code: string,
): Promise<Catcher | undefined> {
  let cur: ElementInstance | undefined = from;
  while (cur) {
    if (cur.state === 'ACTIVE' && !cur.data.interrupted) {
      const start = pick(eventSubProcessStarts(cmd, cur), kind, code);
      if (start) return { host: cur, event: start, boundary: false };
    }
    if (cur.type === 'PROCESS') {
      const pi = cmd.instance(cur.processInstanceKey);
      if (!pi.parentProcessInstanceKey) return undefined;
      await lockInstance(cmd, pi.parentProcessInstanceKey);
      cur = cmd.elements.get(pi.parentElementInstanceKey!);
      continue;
    }
    const node = nodeOf(cmd, cur);
    if (node.boundaries.length && (cur.type === 'MULTI_INSTANCE_BODY' || !node.loop)) {
      const model = cmd.model(cur);
      const b = pick(
        node.boundaries.map((id) => model.elements.get(id)!),
        kind,
        code,
      );
      if (b) return { host: cur, event: b, boundary: true };
    }
    cur = cur.flowScopeKey ? cmd.elements.get(cur.flowScopeKey) : undefined;
  }
  return undefined;
}

/** Lets the catcher happen: a boundary event, or an event subprocess of the scope. */
export function triggerCatcher(
  cmd: Command,
  c: Catcher,
  variables: Record<string, unknown> | null | undefined,
): Promise<void> {
  return c.boundary
    ? triggerBoundary(cmd, c.host, c.event, variables)
    : triggerEventSubProcess(cmd, c.host, c.event, variables);
}
