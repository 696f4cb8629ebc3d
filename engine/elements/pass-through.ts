import type { Behaviour } from './behaviour';
import { completeElement } from '../runtime/lifecycle';

/** None start/throw events, manual and plain tasks: nothing to wait for. */
export const passThrough: Behaviour = {
  activate: (cmd, ei) => completeElement(cmd, ei),
};
