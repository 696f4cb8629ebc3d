import type { Behaviour } from './behaviour';
import { evaluateString, FeelError, isExpression } from '../feel/feel';
import { completeElement, deliverVariables } from '../runtime/lifecycle';
import { visibleVariables } from '../runtime/variables';
import { findDecision, runDecision } from '../runtime/decisions';

/**
 * Business rule task with `zeebe:calledDecision`: evaluates the latest version of the decision
 * at once, records its decision instances, and completes with the result in `resultVariable`.
 * No such decision → CALLED_DECISION_ERROR; a failing evaluation → DECISION_EVALUATION_ERROR
 * (Zeebe's incidents; resolving one evaluates again).
 */
export const businessRuleTask: Behaviour = {
  async activate(cmd, ei, node) {
    const vars = visibleVariables(cmd, ei.key);
    const called = node.calledDecision!;
    const id = isExpression(called.decisionId)
      ? evaluateString(called.decisionId!, vars)
      : called.decisionId!;
    const decision = await findDecision(cmd.db, { decisionId: id });
    if (!decision)
      throw new FeelError(
        `Expected to evaluate decision '${id}', but no decision found for id '${id}'`,
        'CALLED_DECISION_ERROR',
      );
    const run = runDecision(decision, vars, () => cmd.key(), cmd.now, {
      processDefinitionKey: ei.processDefinitionKey,
      processInstanceKey: ei.processInstanceKey,
      elementInstanceKey: ei.key,
    });
    for (const row of run.rows) cmd.insert('engine_decision_instances', row);
    if (run.failure) throw new FeelError(run.failure.message, 'DECISION_EVALUATION_ERROR');
    deliverVariables(cmd, ei, { [called.resultVariable!]: run.evaluated.at(-1)!.output });
    await completeElement(cmd, ei);
  },
};
