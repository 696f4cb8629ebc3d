import type { Behaviour } from './behaviour';
import { evaluateString } from '../feel/feel';
import type { Command } from '../runtime/command';
import { createInstance } from '../runtime/create-instance';
import { definitionById } from '../runtime/definitions';
import { raiseIncident } from '../runtime/incidents';
import { terminateElement } from '../runtime/lifecycle';
import { visibleVariables } from '../runtime/variables';
import { lockInstance } from '../sql/load-instance';

/**
 * Call activity: starts the latest version of the called process with a copy of the visible
 * variables; the child's completion completes this element (see process-end.ts).
 */
export const callActivity: Behaviour = {
  async activate(cmd, ei, node) {
    const vars = visibleVariables(cmd, ei.key);
    const processId = evaluateString(node.calledElement!.processId, vars);
    const def = await definitionById(cmd.db, processId);
    if (!def) {
      raiseIncident(
        cmd,
        ei,
        'CALLED_ELEMENT_ERROR',
        `Expected process with BPMN process id '${processId}' to be deployed, but not found.`,
        { retry: 'activate' },
      );
      return;
    }
    const child = createInstance(cmd, def, {
      variables: vars,
      parent: { processInstanceKey: ei.processInstanceKey, elementInstanceKey: ei.key },
    });
    ei.data.childInstanceKey = child.key;
    cmd.touchElement(ei);
  },
};

/** Cancels a called child instance together with its calling element. */
export async function terminateChildInstance(cmd: Command, childKey: string): Promise<void> {
  const child = await lockInstance(cmd, childKey);
  if (!child || child.state !== 'ACTIVE') return;
  const root = cmd.elements.get(childKey);
  if (root) await terminateElement(cmd, root);
}
