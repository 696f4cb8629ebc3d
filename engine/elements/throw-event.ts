import type { Behaviour } from './behaviour';
import { completeElement } from '../runtime/lifecycle';

/** Intermediate throw events: none passes through; signal broadcasts after commit. */
export const throwEvent: Behaviour = {
  async activate(cmd, ei, node) {
    if (node.event?.kind === 'signal')
      cmd.signals.push({ name: node.event.signalName!, variables: {} });
    await completeElement(cmd, ei);
  },
};
