import type { Behaviour } from './behaviour';
import type { FlowNode } from '../bpmn/model';
import { evaluateBoolean, evaluateValue, FeelError } from '../feel/feel';
import type { Command } from '../runtime/command';
import {
  close,
  completeElement,
  createElement,
  enqueue,
  enter,
  terminateElement,
} from '../runtime/lifecycle';
import type { ElementInstance } from '../runtime/types';
import { localVariables, propagate, setLocal, visibleVariables } from '../runtime/variables';

const expr = (s: string) => (s.trimStart().startsWith('=') ? s : `=${s}`);

/**
 * Multi-instance body (parallel or sequential): one inner instance per item of
 * `inputCollection`, `inputElement` local to each, results gathered in `outputCollection`.
 */
export const multiInstance: Behaviour = {
  async activate(cmd, body, node) {
    const loop = node.loop!;
    const items = evaluateValue(expr(loop.inputCollection!), visibleVariables(cmd, body.key));
    if (!Array.isArray(items))
      throw new FeelError(
        `Expected result of the expression '${loop.inputCollection}' to be 'ARRAY', but was '${items === null ? 'NULL' : typeof items}'.`,
      );
    body.data.mi = { items, next: 0, done: 0, output: [] };
    cmd.touchElement(body);
    if (loop.outputCollection)
      setLocal(
        cmd,
        body.key,
        loop.outputCollection,
        items.map(() => null),
      );
    if (items.length === 0) return completeBody(cmd, body, node);
    const n = loop.sequential ? 1 : items.length;
    for (let i = 0; i < n; i++) startInner(cmd, body, node);
  },
};

function startInner(cmd: Command, body: ElementInstance, node: FlowNode): void {
  const mi = body.data.mi!;
  const index = mi.next++;
  cmd.touchElement(body);
  const inner = createElement(cmd, body, node.id, node.type, node.name);
  inner.data.loopCounter = index + 1;
  if (node.loop!.inputElement) setLocal(cmd, inner.key, node.loop!.inputElement, mi.items[index]);
  setLocal(cmd, inner.key, 'loopCounter', index + 1);
  enqueue(cmd, () => enter(cmd, inner));
}

async function completeBody(cmd: Command, body: ElementInstance, node: FlowNode): Promise<void> {
  const oc = node.loop!.outputCollection;
  if (oc) propagate(cmd, body.flowScopeKey!, { [oc]: localVariables(cmd, body.key)[oc] });
  await completeElement(cmd, body);
}

/** An inner instance completed (after its output mappings): collect, then continue or finish. */
export async function innerCompleted(
  cmd: Command,
  body: ElementInstance,
  inner: ElementInstance,
  node: FlowNode,
): Promise<void> {
  const loop = node.loop!;
  const mi = body.data.mi!;
  const context = visibleVariables(cmd, inner.key);
  if (loop.outputCollection && loop.outputElement) {
    const value = evaluateValue(expr(loop.outputElement), context);
    const collection = [
      ...((localVariables(cmd, body.key)[loop.outputCollection] as unknown[]) ?? []),
    ];
    collection[(inner.data.loopCounter ?? 1) - 1] = value;
    setLocal(cmd, body.key, loop.outputCollection, collection);
  }
  close(cmd, inner, 'COMPLETED');
  mi.done += 1;
  cmd.touchElement(body);
  if (loop.completionCondition) {
    const done = evaluateBoolean(expr(loop.completionCondition), {
      ...context,
      numberOfInstances: mi.items.length,
      numberOfCompletedInstances: mi.done,
      numberOfActiveInstances: cmd.children(body.key).length,
    });
    if (done) {
      for (const c of cmd.children(body.key)) await terminateElement(cmd, c);
      return completeBody(cmd, body, node);
    }
  }
  if (loop.sequential && mi.next < mi.items.length) return startInner(cmd, body, node);
  if (mi.done >= mi.items.length) await completeBody(cmd, body, node);
}
