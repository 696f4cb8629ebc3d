import type { FlowNode, ProcessModel } from '../bpmn/model';
import { FeelError, evaluateValue } from '../feel/feel';
import { behaviourOf } from '../elements';
import { openBoundaryEvents } from '../elements/boundary-event';
import { innerCompleted } from '../elements/multi-instance';
import { terminateChildInstance } from '../elements/call-activity';
import type { Command } from './command';
import { raiseIncident } from './incidents';
import { assignPath, propagate, setLocal, visibleVariables } from './variables';
import type { ElementInstance } from './types';
import { onProcessEnded } from './process-end';

/**
 * The shared activity lifecycle, written once: activate → input mappings → behaviour (wait or
 * complete) → output mappings → complete → take outgoing flows; terminate for cancellation.
 * Work goes through the command's queue so long chains of pass-through elements do not recurse.
 */

export function enqueue(cmd: Command, step: () => Promise<void> | void): void {
  cmd.queue.push(step);
}

export async function drain(cmd: Command): Promise<void> {
  for (let step = cmd.queue.shift(); step; step = cmd.queue.shift()) await step();
}

export function nodeOf(cmd: Command, ei: ElementInstance): FlowNode {
  const node = cmd.model(ei).elements.get(ei.elementId);
  if (!node) throw new Error(`element ${ei.elementId} not in model`);
  return node;
}

/** Creates an element instance row in ACTIVE state (no behaviour yet). */
export function createElement(
  cmd: Command,
  scope: ElementInstance,
  elementId: string,
  type: string,
  name?: string,
): ElementInstance {
  const ei: ElementInstance = {
    key: cmd.key(),
    processInstanceKey: scope.processInstanceKey,
    processDefinitionKey: scope.processDefinitionKey,
    bpmnProcessId: scope.bpmnProcessId,
    elementId,
    elementName: name ?? null,
    type,
    state: 'ACTIVE',
    flowScopeKey: scope.key,
    startDate: cmd.now,
    endDate: null,
    incidentKey: null,
    data: {},
    tenantId: scope.tenantId,
  };
  cmd.addElement(ei);
  return ei;
}

/** Activates a flow node inside `scope`; multi-instance activities get their body first. */
export function activateNode(
  cmd: Command,
  node: FlowNode,
  scope: ElementInstance,
  onEnter?: (ei: ElementInstance) => void,
): ElementInstance {
  const type = node.loop ? 'MULTI_INSTANCE_BODY' : node.type;
  const ei = createElement(cmd, scope, node.id, type, node.name);
  onEnter?.(ei);
  enqueue(cmd, () => enter(cmd, ei));
  return ei;
}

/** Runs input mappings, opens boundary events and hands over to the behaviour. */
export async function enter(cmd: Command, ei: ElementInstance): Promise<void> {
  if (ei.state !== 'ACTIVE') return;
  const node = nodeOf(cmd, ei);
  const isBody = ei.type === 'MULTI_INSTANCE_BODY';
  try {
    if (!isBody && node.inputs.length) {
      const context = visibleVariables(cmd, ei.key);
      const locals: Record<string, unknown> = {};
      for (const m of node.inputs) {
        const value = evaluateMapping(m.source, { ...context, ...locals });
        assignPath(locals, m.target, value);
      }
      for (const [k, v] of Object.entries(locals)) setLocal(cmd, ei.key, k, v);
    }
  } catch (e) {
    if (e instanceof FeelError)
      return void raiseIncident(cmd, ei, 'IO_MAPPING_ERROR', e.message, { retry: 'activate' });
    throw e;
  }
  try {
    if (node.boundaries.length && (isBody || !node.loop) && !ei.data.boundariesOpen) {
      // All or nothing: a failing expression on one boundary drops the others opened so far.
      const before = Object.fromEntries(Object.entries(cmd.inserts).map(([t, r]) => [t, r.length]));
      try {
        await openBoundaryEvents(cmd, ei, node);
      } catch (e) {
        for (const [t, rows] of Object.entries(cmd.inserts)) rows.length = before[t] ?? 0;
        throw e;
      }
      ei.data.boundariesOpen = true;
      cmd.touchElement(ei);
    }
    await behaviourOf(isBody ? 'multiInstance' : node.kind).activate(cmd, ei, node);
  } catch (e) {
    if (e instanceof FeelError)
      return void raiseIncident(cmd, ei, e.errorType, e.message, { retry: 'activate' });
    throw e;
  }
}

function evaluateMapping(source: string, context: Record<string, unknown>): unknown {
  const expression = source.trimStart().startsWith('=') ? source : `=${source}`;
  try {
    return evaluateValue(expression, context);
  } catch (e) {
    throw new FeelError((e as Error).message, 'IO_MAPPING_ERROR');
  }
}

/**
 * Applies variables that a job, user task, message or signal delivers to an element: with
 * output mappings they become local and the mappings decide; otherwise they propagate.
 */
export function deliverVariables(
  cmd: Command,
  ei: ElementInstance,
  variables: Record<string, unknown> | null | undefined,
): void {
  if (!variables) return;
  const node = nodeOf(cmd, ei);
  if (node.outputs.length)
    for (const [k, v] of Object.entries(variables)) setLocal(cmd, ei.key, k, v);
  else propagate(cmd, ei.key, variables);
}

/** Completes an element: output mappings, close, then flows (or the parent's own handling). */
export async function completeElement(cmd: Command, ei: ElementInstance): Promise<void> {
  if (ei.state !== 'ACTIVE') return;
  const node = ei.type === 'PROCESS' ? undefined : nodeOf(cmd, ei);
  if (node && node.outputs.length && ei.type !== 'MULTI_INSTANCE_BODY') {
    try {
      const context = visibleVariables(cmd, ei.key);
      const out: Record<string, unknown> = {};
      for (const m of node.outputs) assignPath(out, m.target, evaluateMapping(m.source, context));
      propagate(cmd, ei.flowScopeKey ?? ei.key, out);
    } catch (e) {
      if (e instanceof FeelError)
        return void raiseIncident(cmd, ei, 'IO_MAPPING_ERROR', e.message, { retry: 'complete' });
      throw e;
    }
  }
  const parent = ei.flowScopeKey ? cmd.elements.get(ei.flowScopeKey) : undefined;
  if (parent?.type === 'MULTI_INSTANCE_BODY' && node) {
    await innerCompleted(cmd, parent, ei, node);
    return;
  }
  close(cmd, ei, 'COMPLETED');
  if (!node || !parent) return onProcessEnded(cmd, ei, 'COMPLETED');
  const flows = ei.data.take ?? node.outgoing;
  if (flows.length === 0) return scopeMaybeComplete(cmd, parent);
  for (const f of flows) takeFlow(cmd, parent, f);
}

/** Marks an element instance ended; its jobs, timers and subscriptions go with it. */
export function close(cmd: Command, ei: ElementInstance, state: 'COMPLETED' | 'TERMINATED'): void {
  ei.state = state;
  ei.endDate = cmd.now;
  cmd.touchElement(ei);
  cmd.closedElements.add(ei.key);
}

/** Moves a token along a flow; parallel and inclusive joins count tokens in the scope. */
export function takeFlow(cmd: Command, scope: ElementInstance, flowId: string): void {
  const model = cmd.model(scope);
  const flow = model.flows.get(flowId);
  if (!flow) throw new Error(`flow ${flowId} missing`);
  const target = model.elements.get(flow.targetId)!;
  const isJoin =
    (target.kind === 'parallelGateway' || target.kind === 'inclusiveGateway') &&
    target.incoming.length > 1;
  if (!isJoin) {
    activateNode(cmd, target, scope);
    return;
  }
  const joins = (scope.data.joins ??= {});
  const counts = (joins[target.id] ??= {});
  counts[flowId] = (counts[flowId] ?? 0) + 1;
  cmd.touchElement(scope);
  enqueue(cmd, () => tryJoin(cmd, scope, target, model));
}

/** Fires a join when every incoming flow has a token (inclusive: or no token can still come). */
export function tryJoin(
  cmd: Command,
  scope: ElementInstance,
  gw: FlowNode,
  model: ProcessModel,
): void {
  if (scope.state !== 'ACTIVE') return;
  const counts = scope.data.joins?.[gw.id];
  if (!counts || Object.values(counts).every((c) => c <= 0)) return;
  const all = gw.incoming.every((f) => (counts[f] ?? 0) > 0);
  if (!all) {
    if (gw.kind !== 'inclusiveGateway') return;
    if (canStillReach(cmd, scope, gw, model)) return;
  }
  for (const f of gw.incoming) if ((counts[f] ?? 0) > 0) counts[f] -= 1;
  if (Object.values(counts).every((c) => c <= 0)) delete scope.data.joins![gw.id];
  cmd.touchElement(scope);
  activateNode(cmd, gw, scope);
}

function canStillReach(
  cmd: Command,
  scope: ElementInstance,
  gw: FlowNode,
  model: ProcessModel,
): boolean {
  const seen = new Set<string>();
  const stack = cmd.children(scope.key).map((c) => c.elementId);
  while (stack.length) {
    const id = stack.pop()!;
    if (id === gw.id) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const n = model.elements.get(id);
    for (const f of n?.outgoing ?? []) stack.push(model.flows.get(f)!.targetId);
    for (const b of n?.boundaries ?? []) stack.push(b);
  }
  return false;
}

/** A scope completes when no child is active and no token waits at a join. */
export function scopeMaybeComplete(cmd: Command, scope: ElementInstance): void {
  enqueue(cmd, async () => {
    if (scope.state !== 'ACTIVE') return;
    const model = cmd.model(scope);
    for (const gwId of Object.keys(scope.data.joins ?? {})) {
      const gw = model.elements.get(gwId)!;
      if (gw.kind === 'inclusiveGateway') tryJoin(cmd, scope, gw, model);
    }
    if (cmd.children(scope.key).length) return;
    const waiting = Object.values(scope.data.joins ?? {}).some((c) =>
      Object.values(c).some((n) => n > 0),
    );
    if (waiting) return;
    if (scope.type === 'MULTI_INSTANCE_BODY') return;
    await completeElement(cmd, scope);
  });
}

/** Terminates an element and everything inside it (children first, as Zeebe does). */
export async function terminateElement(cmd: Command, ei: ElementInstance): Promise<void> {
  if (ei.state !== 'ACTIVE') return;
  for (const child of cmd.children(ei.key)) await terminateElement(cmd, child);
  if (ei.data.childInstanceKey) {
    await terminateChildInstance(cmd, ei.data.childInstanceKey);
  }
  close(cmd, ei, 'TERMINATED');
  if (ei.type === 'PROCESS') await onProcessEnded(cmd, ei, 'TERMINATED');
}
