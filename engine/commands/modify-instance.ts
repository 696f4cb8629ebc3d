import type { EngineContext } from '../runtime/engine-context';
import { lockInstance } from '../sql/load-instance';
import { activateNode, scopeMaybeComplete, terminateElement } from '../runtime/lifecycle';
import { setLocal } from '../runtime/variables';
import type { ElementInstance } from '../runtime/types';
import { invalidArgument, notFound } from '../rest/engine-error';

export interface ModifyRequest {
  activateInstructions?: {
    elementId: string;
    ancestorElementInstanceKey?: string | number;
    variableInstructions?: { variables: Record<string, unknown>; scopeId?: string }[];
  }[];
  terminateInstructions?: { elementInstanceKey: string | number }[];
}

/**
 * https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/modify-process-instance/
 * Activates elements (in the process scope, or in an active instance of their subprocess) and
 * terminates element instances, in one command.
 */
export function modifyInstance(
  engine: EngineContext,
  key: string,
  req: ModifyRequest,
): Promise<void> {
  const missing = () =>
    notFound(
      'MODIFY',
      `Expected to modify process instance but no process instance found with key '${key}'`,
    );
  if (!/^\d+$/.test(key)) throw missing();
  return engine.run(async (cmd) => {
    const pi = await lockInstance(cmd, key);
    if (!pi || pi.state !== 'ACTIVE') throw missing();
    const model = cmd.model(pi);
    const root = cmd.elements.get(pi.key)!;
    const touchedScopes = new Set<ElementInstance>();
    for (const t of req.terminateInstructions ?? []) {
      const ei = cmd.elements.get(String(t.elementInstanceKey));
      if (!ei || ei.state !== 'ACTIVE' || ei.type === 'PROCESS')
        throw invalidArgument(
          `Expected to modify instance of process '${pi.bpmnProcessId}' but it contains one or more terminate instructions with an element instance that could not be found: '${t.elementInstanceKey}'`,
        );
      await terminateElement(cmd, ei);
      const scope = ei.flowScopeKey ? cmd.elements.get(ei.flowScopeKey) : undefined;
      if (scope) touchedScopes.add(scope);
    }
    for (const a of req.activateInstructions ?? []) {
      const node = model.elements.get(a.elementId);
      if (!node || node.kind === 'boundaryEvent' || (node.kind === 'startEvent' && node.scopeId))
        throw invalidArgument(
          `Expected to modify instance of process '${pi.bpmnProcessId}' but it contains one or more activate instructions with an element that could not be found: '${a.elementId}'`,
        );
      let scope: ElementInstance | undefined = root;
      if (node.scopeId) {
        const wanted = a.ancestorElementInstanceKey
          ? String(a.ancestorElementInstanceKey)
          : undefined;
        scope = [...cmd.elements.values()].find(
          (e) =>
            e.state === 'ACTIVE' &&
            e.elementId === node.scopeId &&
            e.type !== 'MULTI_INSTANCE_BODY' &&
            (!wanted || e.key === wanted),
        );
        if (!scope)
          throw invalidArgument(
            `Expected to modify instance of process '${pi.bpmnProcessId}' but the flow scope '${node.scopeId}' of element '${a.elementId}' has no active instance`,
          );
      }
      for (const v of a.variableInstructions ?? []) {
        const target = v.scopeId
          ? [...cmd.elements.values()].find(
              (e) => e.state === 'ACTIVE' && e.elementId === v.scopeId,
            )
          : scope;
        for (const [name, value] of Object.entries(v.variables ?? {}))
          setLocal(cmd, (target ?? scope).key, name, value);
      }
      activateNode(cmd, node, scope);
    }
    for (const scope of touchedScopes) scopeMaybeComplete(cmd, scope);
  });
}
