import type { EngineContext } from '../runtime/engine-context';
import { engineNow } from '../clock';
import { findDecision, runDecision } from '../runtime/decisions';
import { insertRows } from '../sql/insert-rows';
import { invalidArgument, notFound } from '../rest/engine-error';

export interface EvaluateRequest {
  decisionDefinitionId?: string;
  decisionDefinitionKey?: string;
  variables?: Record<string, unknown>;
}

const text = (v: unknown) => JSON.stringify(v ?? null);

/**
 * https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/evaluate-decision/
 * Evaluates a decision (by key, or the latest version of an id) with its required decisions
 * and records a decision instance for each. A failing evaluation is an answer too, as in
 * Zeebe (a FAILED evaluation event): `failedDecisionDefinitionId` and `failureMessage` say
 * which decision failed and why; both are empty strings when it succeeded, as 8.8 writes them.
 */
export async function evaluateDecisionCommand(engine: EngineContext, req: EvaluateRequest) {
  const { decisionDefinitionId: id, decisionDefinitionKey: key } = req;
  if (id === undefined && key === undefined)
    throw invalidArgument(
      'At least one of [decisionDefinitionId, decisionDefinitionKey] is required.',
    );
  if (id !== undefined && key !== undefined)
    throw invalidArgument('Only one of [decisionDefinitionId, decisionDefinitionKey] is allowed.');
  const d = await findDecision(
    engine.db,
    key !== undefined ? { key: String(key) } : { decisionId: id },
  );
  if (!d)
    throw notFound(
      'EVALUATE',
      key !== undefined
        ? `Expected to evaluate decision with key '${key}', but no such decision found`
        : `Expected to evaluate decision '${id}', but no decision found for id '${id}'`,
    );
  await engine.keys.reserve(d.graph.decisions.length + 2);
  const now = await engineNow(engine.db);
  const run = runDecision(d, req.variables ?? {}, () => engine.keys.take(), now);
  const { sql, bindings } = insertRows('engine_decision_instances', run.rows);
  await engine.db.raw(sql, bindings as never[]);
  const evaluatedDecisions = run.rows.map((row) => ({
    decisionDefinitionId: row.decision_id,
    decisionDefinitionName: row.decision_name ?? row.decision_id,
    decisionDefinitionVersion: row.decision_version,
    decisionDefinitionType: row.decision_type,
    output: row.result ?? 'null',
    tenantId: d.tenantId,
    matchedRules: JSON.parse(String(row.matched_rules)),
    evaluatedInputs: JSON.parse(String(row.evaluated_inputs)),
    decisionDefinitionKey: row.decision_definition_key,
    decisionEvaluationInstanceKey: row.key,
  }));
  const result = run.evaluated.at(-1);
  return {
    decisionDefinitionId: d.decisionId,
    decisionDefinitionName: d.name ?? d.decisionId,
    decisionDefinitionVersion: d.version,
    decisionRequirementsId: d.decisionRequirementsId,
    output: run.failure ? '' : text(result?.output),
    failedDecisionDefinitionId: run.failure?.decisionId ?? '',
    failureMessage: run.failure?.message ?? '',
    tenantId: d.tenantId,
    decisionDefinitionKey: d.key,
    decisionRequirementsKey: d.decisionRequirementsKey,
    decisionInstanceKey: run.evaluationKey,
    decisionEvaluationKey: run.evaluationKey,
    evaluatedDecisions,
  };
}
