import type { Behaviour } from './behaviour';
import { evaluateBoolean, FeelError } from '../feel/feel';
import { completeElement } from '../runtime/lifecycle';
import { visibleVariables } from '../runtime/variables';
import type { FlowNode, ProcessModel } from '../bpmn/model';
import type { Command } from '../runtime/command';
import type { ElementInstance } from '../runtime/types';

/** The flows whose conditions hold, in diagram order (the default flow is never evaluated). */
export function matchingFlows(
  cmd: Command,
  ei: ElementInstance,
  node: FlowNode,
  model: ProcessModel,
  firstOnly: boolean,
): string[] {
  const candidates = node.outgoing.filter((f) => f !== node.defaultFlow);
  if (node.outgoing.length === 1 && !model.flows.get(node.outgoing[0])!.condition)
    return node.outgoing;
  const vars = visibleVariables(cmd, ei.key);
  const taken: string[] = [];
  for (const id of candidates) {
    const condition = model.flows.get(id)!.condition;
    let holds: boolean;
    try {
      holds = condition ? evaluateBoolean(condition, vars) : true;
    } catch (e) {
      throw new FeelError((e as Error).message, 'CONDITION_ERROR');
    }
    if (holds) {
      taken.push(id);
      if (firstOnly) break;
    }
  }
  if (taken.length === 0 && node.defaultFlow) taken.push(node.defaultFlow);
  if (taken.length === 0)
    throw new FeelError(
      `Expected at least one condition to evaluate to true, or to have a default flow`,
      'CONDITION_ERROR',
    );
  return taken;
}

/** Exclusive gateway: the first flow whose condition holds, else the default; none → incident. */
export const exclusiveGateway: Behaviour = {
  async activate(cmd, ei, node) {
    ei.data.take = node.outgoing.length ? matchingFlows(cmd, ei, node, cmd.model(ei), true) : [];
    cmd.touchElement(ei);
    await completeElement(cmd, ei);
  },
};
