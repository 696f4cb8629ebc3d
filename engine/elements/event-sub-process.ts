import type { Behaviour } from './behaviour';
import type { FlowNode } from '../bpmn/model';
import type { Command } from '../runtime/command';
import {
  activateNode,
  createElement,
  enqueue,
  enter,
  nodeOf,
  terminateElement,
} from '../runtime/lifecycle';
import type { ElementInstance } from '../runtime/types';
import { setLocal } from '../runtime/variables';
import { openEventSubscription } from './subscriptions';

type Vars = Record<string, unknown> | null | undefined;

/** Start events that wait on a row of their own; error and escalation starts are found by throws. */
const SUBSCRIBED = ['timer', 'message', 'signal'];
const OWNED = ['engine_timers', 'engine_message_subscriptions', 'engine_signal_subscriptions'];

/** The start events of the event subprocesses directly inside a scope instance. */
export function eventSubProcessStarts(cmd: Command, scope: ElementInstance): FlowNode[] {
  if (scope.type === 'MULTI_INSTANCE_BODY') return [];
  const model = cmd.model(scope);
  const ids =
    scope.type === 'PROCESS'
      ? model.eventSubProcesses
      : (nodeOf(cmd, scope).eventSubProcesses ?? []);
  return ids.map((id) => model.elements.get(model.elements.get(id)!.startEventId!)!);
}

/**
 * Opens the timers and subscriptions of a scope's event subprocesses when the scope (process,
 * subprocess, event subprocess) is activated, owned by the scope instance, so they close with
 * it. All or nothing, once: a retried activation does not open them twice.
 */
export async function openEventSubProcesses(cmd: Command, scope: ElementInstance): Promise<void> {
  if (scope.data.eventSubProcessesOpen) return;
  const starts = eventSubProcessStarts(cmd, scope).filter(
    (s) => s.event && SUBSCRIBED.includes(s.event.kind),
  );
  if (!starts.length) return;
  const before = Object.fromEntries(Object.entries(cmd.inserts).map(([t, r]) => [t, r.length]));
  try {
    for (const s of starts) await openEventSubscription(cmd, scope, s);
  } catch (e) {
    for (const [t, rows] of Object.entries(cmd.inserts)) rows.length = before[t] ?? 0;
    throw e;
  }
  scope.data.eventSubProcessesOpen = true;
  cmd.touchElement(scope);
}

/** Closes a scope's event subprocess subscriptions, leaving its boundary events open. */
async function closeEventSubProcesses(cmd: Command, scope: ElementInstance): Promise<void> {
  const ids = eventSubProcessStarts(cmd, scope).map((s) => s.id);
  if (!ids.length) return;
  const mine = (row: Record<string, unknown>) =>
    row.element_instance_key === scope.key && ids.includes(row.element_id as string);
  for (const table of OWNED) {
    const rows = cmd.inserts[table] ?? [];
    for (let i = rows.length - 1; i >= 0; i--) if (mine(rows[i])) rows.splice(i, 1);
  }
  if (cmd.createdElements.has(scope.key)) return;
  const list = ids.map(() => '?').join(', ');
  const where = `where element_instance_key = ? and element_id in (${list})`;
  await (
    await cmd.tx()
  ).raw(
    `with t as (delete from engine_timers ${where}),
          m as (delete from engine_message_subscriptions ${where})
     delete from engine_signal_subscriptions ${where}`,
    [scope.key, ...ids, scope.key, ...ids, scope.key, ...ids],
  );
}

/**
 * The start event of an event subprocess of `scope` was triggered. Interrupting: the scope's
 * other event subprocesses close and everything active in it is terminated first (Zeebe: an
 * interrupting event subprocess fires once); non-interrupting: it runs beside, as often as its
 * event comes. The event's variables are local to the new event subprocess instance.
 */
export async function triggerEventSubProcess(
  cmd: Command,
  scope: ElementInstance,
  start: FlowNode,
  variables: Vars,
): Promise<void> {
  if (scope.state !== 'ACTIVE' || scope.data.interrupted) return;
  const esp = cmd.model(scope).elements.get(start.scopeId!)!;
  if (start.interrupting !== false) {
    scope.data.interrupted = true;
    delete scope.data.joins;
    cmd.touchElement(scope);
    await closeEventSubProcesses(cmd, scope);
    for (const child of cmd.children(scope.key)) await terminateElement(cmd, child);
  }
  const ei = createElement(cmd, scope, esp.id, esp.type, esp.name);
  for (const [k, v] of Object.entries(variables ?? {})) setLocal(cmd, ei.key, k, v);
  enqueue(cmd, () => enter(cmd, ei));
}

/** An event subprocess instance: a scope of its own, starting at its (triggered) start event. */
export const eventSubProcess: Behaviour = {
  async activate(cmd, ei, node) {
    await openEventSubProcesses(cmd, ei);
    activateNode(cmd, cmd.model(ei).elements.get(node.startEventId!)!, ei);
  },
};
