import type { FlowNode, ProcessModel } from '../bpmn/model';
import type { Command } from '../runtime/command';
import type { EngineContext } from '../runtime/engine-context';
import { lockInstance } from '../sql/load-instance';
import { activateNode, createElement, terminateElement } from '../runtime/lifecycle';
import { setLocal } from '../runtime/variables';
import type { ElementInstance } from '../runtime/types';
import { ActivateInstruction, checkModification, scopeChain } from '../runtime/modification-checks';
import { openBoundaryEvents } from '../elements/boundary-event';
import { openEventSubProcesses } from '../elements/event-sub-process';
import { invalidArgument, notFound } from '../rest/engine-error';

export interface ModifyRequest {
  activateInstructions?: ActivateInstruction[];
  terminateInstructions?: { elementInstanceKey: string }[];
}

/**
 * https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/modify-process-instance/
 * As Camunda 8.8 defines it (concepts/process-instance-modification): all activations first —
 * in the one active instance of the element's flow scope, or under the given ancestor, creating
 * missing subprocess instances without their start event or input mappings — then all
 * terminations; a subprocess (or the process instance) left without active elements is
 * terminated too. One transaction: all or nothing.
 */
export function modifyInstance(
  engine: EngineContext,
  key: string,
  req: ModifyRequest,
): Promise<void> {
  return engine.run(async (cmd) => {
    const pi = await lockInstance(cmd, key);
    if (!pi || pi.state !== 'ACTIVE')
      throw notFound(
        'MODIFY',
        `Expected to modify process instance but no process instance found with key '${key}'`,
      );
    const model = cmd.model(pi);
    const activate = req.activateInstructions ?? [];
    const terminate = (req.terminateInstructions ?? []).map((t) => String(t.elementInstanceKey));
    checkModification(model, cmd.elements, activate, terminate);
    const reject = (reason: string) =>
      invalidArgument(`Expected to modify instance of process '${model.id}' but ${reason}`);
    const root = cmd.elements.get(pi.key)!;
    const terminating = new Set(terminate);
    const required = new Set<string>();
    const conflicts: string[] = [];
    for (const a of activate) {
      const node = model.elements.get(a.elementId)!;
      const scope = await scopeFor(cmd, model, root, node, a.ancestorElementInstanceKey, reject);
      for (let s: ElementInstance | undefined = scope; s; s = parentOf(cmd, s)) {
        required.add(s.key);
        if (terminating.has(s.key))
          conflicts.push(
            `element '${node.id}' requires flow scope instance '${s.key}' which is being terminated`,
          );
      }
      const locals: Record<string, unknown>[] = [];
      for (const v of a.variableInstructions ?? []) {
        if (v.scopeId === node.id) locals.push(v.variables);
        else {
          const target = v.scopeId && v.scopeId !== model.id ? findUp(cmd, scope, v.scopeId) : root;
          for (const [name, value] of Object.entries(v.variables))
            setLocal(cmd, target.key, name, value);
        }
      }
      activateNode(cmd, node, scope, (ei) => {
        for (const vars of locals)
          for (const [name, value] of Object.entries(vars)) setLocal(cmd, ei.key, name, value);
      });
    }
    if (conflicts.length)
      throw reject(
        `it contains one or more activate instructions for elements whose required flow scope instance is also being terminated: ${conflicts.join(', ')}. Please provide a valid ancestor scope key for the activation or avoid terminating the required flow scope.`,
      );
    const end = async (ei: ElementInstance) => {
      if (ei.type === 'PROCESS' && pi.parentProcessInstanceKey)
        throw reject(
          'the given instructions would terminate the instance. The instance was created by a call activity in the parent process. To terminate this instance please modify the parent process instead.',
        );
      await terminateElement(cmd, ei);
    };
    for (const k of terminate) {
      const ei = cmd.elements.get(k)!;
      // Already ended with an earlier instruction's element.
      if (ei.state !== 'ACTIVE') continue;
      let scope = parentOf(cmd, ei);
      await end(ei);
      // Scopes left empty end with it, up to the process instance.
      while (scope && scope.state === 'ACTIVE' && !required.has(scope.key) && isEmpty(cmd, scope)) {
        const up = parentOf(cmd, scope);
        await end(scope);
        scope = up;
      }
    }
  });
}

const parentOf = (cmd: Command, ei: ElementInstance) =>
  ei.flowScopeKey ? cmd.elements.get(ei.flowScopeKey) : undefined;

/** No active child and no token waiting at a join. */
const isEmpty = (cmd: Command, scope: ElementInstance) =>
  cmd.children(scope.key).length === 0 &&
  !Object.values(scope.data.joins ?? {}).some((c) => Object.values(c).some((n) => n > 0));

function findUp(cmd: Command, from: ElementInstance, elementId: string): ElementInstance {
  for (let s: ElementInstance | undefined = from; s; s = parentOf(cmd, s))
    if (s.elementId === elementId && s.type !== 'MULTI_INSTANCE_BODY') return s;
  return from;
}

/** The scope instance to activate `node` in, creating the subprocess instances it lacks. */
async function scopeFor(
  cmd: Command,
  model: ProcessModel,
  root: ElementInstance,
  node: FlowNode,
  ancestorKey: string | undefined,
  reject: (reason: string) => Error,
): Promise<ElementInstance> {
  const chain = scopeChain(model, node);
  let current = root;
  let rest = chain;
  if (ancestorKey) {
    current = cmd.elements.get(ancestorKey)!;
    if (current.type !== 'PROCESS') rest = chain.slice(chain.indexOf(current.elementId) + 1);
    if (current.type === 'MULTI_INSTANCE_BODY')
      throw reject(
        `it contains one or more activate instructions that would result in the activation of multi-instance element '${current.elementId}', which is currently unsupported.`,
      );
  } else
    for (let i = chain.length - 1; i >= 0; i--) {
      const found = [...cmd.elements.values()].filter(
        (e) => e.state === 'ACTIVE' && e.elementId === chain[i],
      );
      if (found.length > 1)
        throw reject(
          `it contains one or more activate instructions for an element that has a flow scope with more than one active instance: '${chain[i]}'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.`,
        );
      if (found.length === 1) {
        current = found[0];
        rest = chain.slice(i + 1);
        break;
      }
    }
  for (const id of rest) {
    const sub = model.elements.get(id)!;
    if (sub.loop)
      throw reject(
        `it contains one or more activate instructions that would result in the activation of multi-instance element '${id}', which is currently unsupported.`,
      );
    // A subprocess instance for the activation: its boundary events and event subprocesses, no
    // start event, no inputs.
    const ei = createElement(cmd, current, sub.id, sub.type, sub.name);
    if (sub.boundaries.length) await openBoundaryEvents(cmd, ei, sub);
    ei.data.boundariesOpen = true;
    await openEventSubProcesses(cmd, ei);
    current = ei;
  }
  return current;
}
