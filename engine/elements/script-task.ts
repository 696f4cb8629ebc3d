import type { Behaviour } from './behaviour';
import { evaluateValue } from '../feel/feel';
import { completeElement, deliverVariables } from '../runtime/lifecycle';
import { visibleVariables } from '../runtime/variables';

/** Script task with a `zeebe:script` FEEL expression: evaluated inline, result in a variable. */
export const scriptTask: Behaviour = {
  async activate(cmd, ei, node) {
    const value = evaluateValue(node.script!.expression, visibleVariables(cmd, ei.key));
    deliverVariables(cmd, ei, { [node.script!.resultVariable!]: value });
    await completeElement(cmd, ei);
  },
};
