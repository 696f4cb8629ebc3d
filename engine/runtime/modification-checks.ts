import type { FlowNode, ProcessModel } from '../bpmn/model';
import { invalidArgument } from '../rest/engine-error';
import type { ElementInstance } from './types';

/**
 * The checks of a process instance modification, in Zeebe 8.8's order and with its rejection
 * texts (all INVALID_ARGUMENT): pure over the model and the instance's element instances.
 */

export interface ActivateInstruction {
  elementId: string;
  ancestorElementInstanceKey?: string;
  variableInstructions?: { variables: Record<string, unknown>; scopeId?: string }[];
}

const UNSUPPORTED_TYPES = ['START_EVENT', 'SEQUENCE_FLOW', 'BOUNDARY_EVENT'];

/** The ids of the subprocesses around a node, outermost first. */
export function scopeChain(model: ProcessModel, node: FlowNode): string[] {
  const chain: string[] = [];
  for (let s = node.scopeId; s; s = model.elements.get(s)!.scopeId) chain.unshift(s);
  return chain;
}

/** Whether an event-based gateway leads to this catch event. */
function afterEventBasedGateway(model: ProcessModel, node: FlowNode): boolean {
  return node.incoming.some(
    (f) => model.elements.get(model.flows.get(f)!.sourceId)?.kind === 'eventBasedGateway',
  );
}

export function checkModification(
  model: ProcessModel,
  elements: Map<string, ElementInstance>,
  activate: ActivateInstruction[],
  terminate: string[],
): void {
  const reject = (reason: string) =>
    invalidArgument(
      `Expected to modify instance of process '${model.id}' but it contains ${reason}`,
    );
  const unknown = activate
    .map((a) => a.elementId)
    .filter((id) => !model.elements.has(id) && !model.flows.has(id));
  if (unknown.length)
    throw reject(
      `one or more activate instructions with an element that could not be found: '${[...new Set(unknown)].join("', '")}'`,
    );
  const nodes = activate.map((a) => model.elements.get(a.elementId));
  const gated = nodes.filter((n) => n && afterEventBasedGateway(model, n)).map((n) => n!.id);
  if (gated.length)
    throw reject(
      `one or more activate instructions for elements that are unsupported: '${gated.join("', '")}'. The activation of events belonging to an event-based gateway is not supported.`,
    );
  const typeOf = (a: ActivateInstruction) =>
    model.elements.get(a.elementId)?.type ?? 'SEQUENCE_FLOW';
  const unsupported = activate.filter((a) => UNSUPPORTED_TYPES.includes(typeOf(a)));
  if (unsupported.length)
    throw reject(
      `one or more activate instructions for elements that are unsupported: '${unsupported.map((a) => a.elementId).join("', '")}'. The activation of elements with type '${[...new Set(unsupported.map(typeOf))].join("', '")}' is not supported.`,
    );
  const active = (key: string) => {
    const e = elements.get(key);
    return e && e.state === 'ACTIVE' ? e : undefined;
  };
  const gone = terminate.filter((k) => !active(k));
  if (gone.length)
    throw reject(
      `one or more terminate instructions with an element instance that could not be found: '${gone.join("', '")}'`,
    );
  for (const a of activate) {
    const node = model.elements.get(a.elementId)!;
    const scopes = [model.id, ...scopeChain(model, node), node.id];
    for (const v of a.variableInstructions ?? []) {
      if (!v.scopeId) continue;
      if (!model.elements.has(v.scopeId) && v.scopeId !== model.id)
        throw reject(
          `one or more variable instructions with a scope element id that could not be found: '${v.scopeId}'`,
        );
      if (!scopes.includes(v.scopeId))
        throw reject(
          `one or more variable instructions with a scope element that doesn't belong to the activating element's flow scope. These variables should be set before or after the modification.`,
        );
    }
    if (!a.ancestorElementInstanceKey) continue;
    const ancestor = active(a.ancestorElementInstanceKey);
    if (!ancestor)
      throw reject(
        `one or more activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${a.ancestorElementInstanceKey}'`,
      );
    const ancestorId = ancestor.type === 'PROCESS' ? model.id : ancestor.elementId;
    if (!scopes.slice(0, -1).includes(ancestorId))
      throw reject(
        `one or more activate instructions with an ancestor scope key that is not an ancestor of the element to activate: '${a.ancestorElementInstanceKey}'`,
      );
  }
}
