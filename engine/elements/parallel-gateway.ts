import type { Behaviour } from './behaviour';
import { completeElement } from '../runtime/lifecycle';

/** Parallel gateway: forks on all outgoing flows; the join counts tokens in `takeFlow`. */
export const parallelGateway: Behaviour = {
  activate: (cmd, ei) => completeElement(cmd, ei),
};
