import type { Behaviour } from './behaviour';
import { completeElement, terminateElement } from '../runtime/lifecycle';
import { raiseIncident } from '../runtime/incidents';
import { throwError } from '../runtime/triggers';
import { throwEscalation } from './escalation';

/** None, error, terminate, signal and escalation end events. */
export const endEvent: Behaviour = {
  async activate(cmd, ei, node) {
    const kind = node.event?.kind ?? 'none';
    if (kind === 'error') {
      const code = node.event!.errorCode!;
      if (!(await throwError(cmd, ei, code, null)))
        raiseIncident(
          cmd,
          ei,
          'UNHANDLED_ERROR_EVENT',
          `Expected to throw an error event with the code '${code}', but it was not caught. No error events are available in the scope.`,
          { retry: 'activate' },
        );
      return;
    }
    if (kind === 'terminate') {
      for (const sibling of cmd.children(ei.flowScopeKey!))
        if (sibling.key !== ei.key) await terminateElement(cmd, sibling);
      const scope = cmd.elements.get(ei.flowScopeKey!)!;
      if (scope.data.joins) {
        delete scope.data.joins;
        cmd.touchElement(scope);
      }
    }
    if (kind === 'signal') cmd.signals.push({ name: node.event!.signalName!, variables: {} });
    if (kind === 'escalation') await throwEscalation(cmd, ei, node);
    await completeElement(cmd, ei);
  },
};
