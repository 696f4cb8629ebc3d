import type { Behaviour } from './behaviour';
import { completeElement } from '../runtime/lifecycle';
import { matchingFlows } from './exclusive-gateway';

/** Inclusive gateway fork: every flow whose condition holds, else the default (joins: lifecycle). */
export const inclusiveGateway: Behaviour = {
  async activate(cmd, ei, node) {
    ei.data.take = node.outgoing.length ? matchingFlows(cmd, ei, node, cmd.model(ei), false) : [];
    cmd.touchElement(ei);
    await completeElement(cmd, ei);
  },
};
