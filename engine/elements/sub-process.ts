import type { Behaviour } from './behaviour';
import { activateNode } from '../runtime/lifecycle';
import { openEventSubProcesses } from './event-sub-process';

/** Embedded subprocess: a scope whose none start event starts right away. */
export const subProcess: Behaviour = {
  async activate(cmd, ei, node) {
    if (node.eventSubProcesses?.length) await openEventSubProcesses(cmd, ei);
    const start = cmd.model(ei).elements.get(node.startEventId!)!;
    activateNode(cmd, start, ei);
  },
};
