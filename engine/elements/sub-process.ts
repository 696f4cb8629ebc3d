import type { Behaviour } from './behaviour';
import { activateNode } from '../runtime/lifecycle';

/** Embedded subprocess: a scope whose none start event starts right away. */
export const subProcess: Behaviour = {
  activate(cmd, ei, node) {
    const start = cmd.model(ei).elements.get(node.startEventId!)!;
    activateNode(cmd, start, ei);
  },
};
