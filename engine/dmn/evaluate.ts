import { toJson } from '../feel/feel';
import type { Decision, DecisionGraph, DecisionTable } from './model';

// feelin ships ESM typings but a CommonJS build; see feel/feel.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const feelin = require('feelin') as {
  evaluate(expression: string, context?: Record<string, unknown>): unknown;
  unaryTest(expression: string, context?: Record<string, unknown>): boolean;
};

/** One decision's evaluation, as the REST API and decision instances report it. */
export interface EvaluatedDecision {
  decision: Decision;
  output: unknown;
  evaluatedInputs: { inputId: string; inputName: string; inputValue: unknown }[];
  matchedRules: {
    ruleId: string;
    ruleIndex: number;
    evaluatedOutputs: { outputId: string; outputName: string; outputValue: unknown }[];
  }[];
}

/** A decision could not be evaluated; `decisionId` names the one that failed. */
export class DecisionFailure extends Error {
  constructor(
    readonly decisionId: string,
    reason: string,
    readonly evaluated: EvaluatedDecision[],
  ) {
    super(`Expected to evaluate decision '${decisionId}', but ${reason}`);
  }
}

class Reason extends Error {}

function feel(expression: string, context: Record<string, unknown>): unknown {
  if (expression === '') return null;
  try {
    return toJson(feelin.evaluate(expression, context));
  } catch (e) {
    throw new Reason(`failed to evaluate expression '${expression}': ${(e as Error).message}`);
  }
}

function matches(entry: string, input: unknown, context: Record<string, unknown>): boolean {
  if (entry === '' || entry === '-') return true;
  try {
    return feelin.unaryTest(entry, { ...context, '?': input }) === true;
  } catch (e) {
    throw new Reason(`failed to evaluate expression '${entry}': ${(e as Error).message}`);
  }
}

const show = (v: unknown) => JSON.stringify(v);

/** Where a rule's output stands in its output's list of values (PRIORITY, OUTPUT ORDER). */
function rank(
  table: DecisionTable,
  outputs: unknown[],
  context: Record<string, unknown>,
): number[] {
  return table.outputs.map((o, i) => {
    if (!o.values) return 0;
    const values = feel(`[${o.values}]`, context) as unknown[];
    const at = values.findIndex((v) => show(v) === show(outputs[i]));
    return at === -1 ? values.length : at;
  });
}

function evaluateTable(d: Decision, context: Record<string, unknown>): EvaluatedDecision {
  const t = d.table!;
  const inputs = t.inputs.map((i) => feel(i.expression, context));
  const matched: { index: number; values: unknown[] }[] = [];
  t.rules.forEach((r, index) => {
    if (r.inputEntries.every((entry, i) => matches(entry, inputs[i], context)))
      matched.push({ index, values: r.outputEntries.map((o) => feel(o, context)) });
  });
  const single = t.outputs.length === 1;
  const shape = (values: unknown[]) =>
    single ? values[0] : Object.fromEntries(t.outputs.map((o, i) => [o.name ?? o.id, values[i]]));
  const byPriority = () =>
    [...matched].sort((a, b) => {
      const ra = rank(t, a.values, context);
      const rb = rank(t, b.values, context);
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
      return a.index - b.index;
    });
  let chosen = matched;
  let output: unknown;
  switch (t.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1)
        throw new Reason(
          `multiple values aren't allowed for UNIQUE hit policy. found: '${show(matched.map((m) => shape(m.values)))}'`,
        );
      output = matched.length ? shape(matched[0].values) : null;
      break;
    case 'ANY': {
      const distinct = new Set(matched.map((m) => show(shape(m.values))));
      if (distinct.size > 1)
        throw new Reason(
          `different values aren't allowed for ANY hit policy. found: '[${[...distinct].join(', ')}]'`,
        );
      chosen = matched.slice(0, 1);
      output = matched.length ? shape(matched[0].values) : null;
      break;
    }
    case 'FIRST':
      chosen = matched.slice(0, 1);
      output = matched.length ? shape(matched[0].values) : null;
      break;
    case 'PRIORITY':
      chosen = byPriority().slice(0, 1);
      output = chosen.length ? shape(chosen[0].values) : null;
      break;
    case 'OUTPUT ORDER':
      chosen = byPriority();
      output = chosen.map((m) => shape(m.values));
      break;
    case 'RULE ORDER':
      output = matched.map((m) => shape(m.values));
      break;
    case 'COLLECT':
      output = t.aggregation ? aggregate(t, matched) : matched.map((m) => shape(m.values));
      break;
  }
  return {
    decision: d,
    output,
    evaluatedInputs: t.inputs.map((i, n) => ({
      inputId: i.id,
      inputName: i.label ?? i.expression,
      inputValue: inputs[n],
    })),
    matchedRules: chosen.map((m) => ({
      ruleId: t.rules[m.index].id,
      ruleIndex: m.index + 1,
      evaluatedOutputs: t.outputs.map((o, i) => ({
        outputId: o.id,
        outputName: o.name ?? o.label ?? o.id,
        outputValue: m.values[i],
      })),
    })),
  };
}

function aggregate(t: DecisionTable, matched: { values: unknown[] }[]): unknown {
  if (t.outputs.length > 1)
    throw new Reason(`an aggregation requires a decision table with exactly one output`);
  const values = matched.map((m) => m.values[0]);
  if (t.aggregation === 'COUNT') return values.length;
  if (!values.length) return null;
  if (values.some((v) => typeof v !== 'number'))
    throw new Reason(`${t.aggregation} requires numbers but found '${show(values)}'`);
  const n = values as number[];
  if (t.aggregation === 'SUM') return n.reduce((a, b) => a + b, 0);
  return t.aggregation === 'MIN' ? Math.min(...n) : Math.max(...n);
}

/**
 * Evaluates a decision of a graph against variables: its required decisions first (depth
 * first, each once), their results visible under their variable names. Returns every decision
 * evaluated, the requested one last.
 */
export function evaluateDecision(
  graph: DecisionGraph,
  decisionId: string,
  variables: Record<string, unknown>,
): EvaluatedDecision[] {
  const done = new Map<string, EvaluatedDecision>();
  const visit = (id: string, path: string[]): EvaluatedDecision => {
    const known = done.get(id);
    if (known) return known;
    if (path.includes(id))
      throw new DecisionFailure(id, `the decision requirements contain a cycle`, [
        ...done.values(),
      ]);
    const d = graph.decisions.find((x) => x.id === id)!;
    const context: Record<string, unknown> = { ...variables };
    for (const r of d.requires) {
      const required = visit(r, [...path, id]);
      context[required.decision.variableName] = required.output;
    }
    try {
      const result = d.table
        ? evaluateTable(d, context)
        : {
            decision: d,
            output: feel(d.literal!.expression, context),
            evaluatedInputs: [],
            matchedRules: [],
          };
      done.set(id, result);
      return result;
    } catch (e) {
      if (e instanceof Reason) throw new DecisionFailure(id, e.message, [...done.values()]);
      throw e;
    }
  };
  visit(decisionId, []);
  return [...done.values()];
}
