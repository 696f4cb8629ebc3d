import type { Decision, DecisionGraph, DecisionTable, HitPolicy } from './model';

/* The moddle tree is untyped; these are the few shapes read here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Moddle = any;

/*
 * dmn-moddle itself is ESM only; its schemas with the CommonJS builds of moddle and moddle-xml
 * (its own dependencies) read the same tree, as dmn-moddle does.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Moddle: ModdleClass } = require('moddle');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Reader } = require('moddle-xml');
const schemas = ['dc', 'di', 'dmn13', 'dmndi13'].map(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (n) => require(`dmn-moddle/resources/dmn/json/${n}.json`),
);

export interface ParsedDmn {
  graph?: DecisionGraph;
  /** Zeebe's rejection lines for the resource. */
  errors: string[];
}

const HIT_POLICIES = [
  'UNIQUE',
  'FIRST',
  'PRIORITY',
  'ANY',
  'COLLECT',
  'RULE ORDER',
  'OUTPUT ORDER',
];

function readTable(logic: Moddle, report: (m: string) => void): DecisionTable {
  const hitPolicy = String(logic.hitPolicy ?? 'UNIQUE')
    .replace('_', ' ')
    .toUpperCase();
  if (!HIT_POLICIES.includes(hitPolicy)) report(`hit policy '${hitPolicy}' is not supported`);
  const aggregation = logic.aggregation ? String(logic.aggregation).toUpperCase() : undefined;
  if (aggregation && hitPolicy !== 'COLLECT')
    report(`an aggregation is only allowed with the hit policy COLLECT`);
  const text = (x: Moddle) => String(x?.text ?? '').trim();
  return {
    hitPolicy: hitPolicy as HitPolicy,
    aggregation: aggregation as DecisionTable['aggregation'],
    inputs: (logic.input ?? []).map((i: Moddle) => ({
      id: i.id,
      label: i.label,
      expression: text(i.inputExpression),
    })),
    outputs: (logic.output ?? []).map((o: Moddle) => ({
      id: o.id,
      name: o.name,
      label: o.label,
      values: o.outputValues ? text(o.outputValues) : undefined,
    })),
    rules: (logic.rule ?? []).map((r: Moddle) => ({
      id: r.id,
      inputEntries: (r.inputEntry ?? []).map(text),
      outputEntries: (r.outputEntry ?? []).map(text),
    })),
  };
}

/** Parses a `.dmn` resource into its decisions, or the reasons Zeebe would reject it. */
export async function parseDmn(xml: string): Promise<ParsedDmn> {
  let root: Moddle;
  try {
    const model = new ModdleClass(schemas);
    const reader = new Reader({ model, lax: true });
    root = (await reader.fromXML(xml, reader.handler('dmn:Definitions'))).rootElement;
  } catch (e) {
    return { errors: [`Failed to parse the DMN: ${(e as Error).message}`] };
  }
  const errors: string[] = [];
  const decisions: Decision[] = [];
  for (const e of root.drgElement ?? []) {
    if (e.$type !== 'dmn:Decision') continue;
    const report = (m: string) => errors.push(`- Decision: ${e.id}\n    - ERROR: ${m}`);
    const logic = e.decisionLogic;
    const decision: Decision = {
      id: e.id,
      name: e.name,
      variableName: e.variable?.name || e.id,
      requires: (e.informationRequirement ?? [])
        .map((r: Moddle) => String(r.requiredDecision?.href ?? '').replace(/^#/, ''))
        .filter(Boolean),
    };
    if (logic?.$type === 'dmn:DecisionTable') decision.table = readTable(logic, report);
    else if (logic?.$type === 'dmn:LiteralExpression')
      decision.literal = { expression: String(logic.text ?? '').trim() };
    else
      report(
        `decision logic of type '${String(logic?.$type ?? 'none').slice(4)}' is not supported`,
      );
    decisions.push(decision);
  }
  const ids = new Set(decisions.map((d) => d.id));
  for (const d of decisions)
    for (const r of d.requires)
      if (!ids.has(r))
        errors.push(`- Decision: ${d.id}\n    - ERROR: required decision '${r}' not found`);
  if (!decisions.length) errors.push('Expected the DMN to contain at least one decision');
  return errors.length
    ? { errors }
    : { graph: { id: root.id, name: root.name, decisions }, errors };
}
