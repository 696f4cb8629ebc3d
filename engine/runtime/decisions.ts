import type { Knex } from 'knex';
import { parseDmn } from '../dmn/parse';
import type { DecisionGraph } from '../dmn/model';
import { DecisionFailure, EvaluatedDecision, evaluateDecision } from '../dmn/evaluate';

/** A deployed decision with its graph and the keys of the graph's decisions. */
export interface DeployedDecision {
  key: string;
  decisionId: string;
  name: string | null;
  version: number;
  decisionRequirementsKey: string;
  decisionRequirementsId: string;
  tenantId: string;
  graph: DecisionGraph;
  /** decision id → its definition in the same graph. */
  siblings: Map<string, { key: string; version: number; name: string | null }>;
}

/** Deployed graphs never change: each parses once per process. */
const graphs = new Map<string, Promise<DecisionGraph>>();

function graphOf(db: Knex, drgKey: string): Promise<DecisionGraph> {
  let g = graphs.get(drgKey);
  if (!g) {
    g = db('engine_decision_requirements')
      .where({ key: drgKey })
      .first('xml')
      .then(async (row) => (await parseDmn(String(row.xml))).graph!);
    graphs.set(drgKey, g);
    g.catch(() => graphs.delete(drgKey));
  }
  return g;
}

/** The decision of that key, or the latest version of that id; undefined when none. */
export async function findDecision(
  db: Knex,
  by: { key?: string; decisionId?: string },
): Promise<DeployedDecision | undefined> {
  const q = db('engine_decision_definitions').select(
    db.raw('key::text as key'),
    'decision_id',
    'name',
    'version',
    db.raw('decision_requirements_key::text as drk'),
    'decision_requirements_id',
    'tenant_id',
  );
  if (by.key !== undefined) q.where({ key: by.key });
  else q.where({ decision_id: by.decisionId }).orderBy('version', 'desc');
  const row = await q.first();
  if (!row) return undefined;
  const rows = await db('engine_decision_definitions')
    .where({ decision_requirements_key: row.drk })
    .select(db.raw('key::text as key'), 'decision_id', 'version', 'name');
  return {
    key: row.key,
    decisionId: row.decision_id,
    name: row.name,
    version: row.version,
    decisionRequirementsKey: row.drk,
    decisionRequirementsId: row.decision_requirements_id,
    tenantId: row.tenant_id,
    graph: await graphOf(db, row.drk),
    siblings: new Map(
      rows.map((r) => [r.decision_id, { key: r.key, version: r.version, name: r.name }]),
    ),
  };
}

export interface DecisionRun {
  evaluationKey: string;
  /** Every decision evaluated, the requested one last, with its decision instance key. */
  evaluated: (EvaluatedDecision & { instanceKey: string })[];
  failure?: DecisionFailure;
  /** Rows for `engine_decision_instances`, one per decision evaluated (and the failed one). */
  rows: Record<string, unknown>[];
}

const text = (v: unknown) => JSON.stringify(v ?? null);

/**
 * Evaluates a deployed decision and describes the decision instances to record. `origin`
 * names the business rule task, if one asked.
 */
export function runDecision(
  d: DeployedDecision,
  variables: Record<string, unknown>,
  take: () => string,
  now: Date,
  origin: {
    processDefinitionKey?: string;
    processInstanceKey?: string;
    elementInstanceKey?: string;
  } = {},
): DecisionRun {
  let evaluated: EvaluatedDecision[];
  let failure: DecisionFailure | undefined;
  try {
    evaluated = evaluateDecision(d.graph, d.decisionId, variables);
  } catch (e) {
    if (!(e instanceof DecisionFailure)) throw e;
    failure = e;
    evaluated = e.evaluated;
  }
  const evaluationKey = take();
  const withKeys = evaluated.map((e) => ({ ...e, instanceKey: take() }));
  const row = (decisionId: string, instanceKey: string, e?: EvaluatedDecision) => {
    const def = d.siblings.get(decisionId)!;
    const decision = d.graph.decisions.find((x) => x.id === decisionId)!;
    return {
      key: instanceKey,
      evaluation_key: evaluationKey,
      state: e ? 'EVALUATED' : 'FAILED',
      evaluation_date: now,
      evaluation_failure: e ? null : failure!.message,
      decision_definition_key: def.key,
      decision_id: decisionId,
      decision_name: def.name,
      decision_version: def.version,
      decision_type: decision.table ? 'DECISION_TABLE' : 'LITERAL_EXPRESSION',
      result: e ? text(e.output) : null,
      evaluated_inputs: JSON.stringify(
        (e?.evaluatedInputs ?? []).map((i) => ({ ...i, inputValue: text(i.inputValue) })),
      ),
      matched_rules: JSON.stringify(
        (e?.matchedRules ?? []).map((m) => ({
          ...m,
          evaluatedOutputs: m.evaluatedOutputs.map((o) => ({
            ...o,
            outputValue: text(o.outputValue),
          })),
        })),
      ),
      process_definition_key: origin.processDefinitionKey ?? null,
      process_instance_key: origin.processInstanceKey ?? null,
      element_instance_key: origin.elementInstanceKey ?? null,
      tenant_id: d.tenantId,
    };
  };
  const rows = withKeys.map((e) => row(e.decision.id, e.instanceKey, e));
  if (failure) rows.push(row(failure.decisionId, take()));
  return { evaluationKey, evaluated: withKeys, failure, rows };
}
