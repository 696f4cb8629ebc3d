import type { Behaviour } from './behaviour';
import { completeElement } from '../runtime/lifecycle';
import { throwEscalation } from './escalation';

/**
 * Intermediate throw events: none passes through; signal broadcasts after commit; escalation
 * continues unless an interrupting catcher terminated it.
 */
export const throwEvent: Behaviour = {
  async activate(cmd, ei, node) {
    if (node.event?.kind === 'signal')
      cmd.signals.push({ name: node.event.signalName!, variables: {} });
    if (node.event?.kind === 'escalation') await throwEscalation(cmd, ei, node);
    await completeElement(cmd, ei);
  },
};
