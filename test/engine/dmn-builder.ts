/**
 * A tiny DMN 1.3 XML writer for engine tests, like bpmn-builder.ts: `drd('g', table(...),
 * literal(...))`. Entries are FEEL text; a rule lists its input entries, then its outputs.
 */

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function drd(id: string, ...decisions: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="${id}" name="${id} graph" namespace="http://camunda.org/schema/1.0/dmn">
${decisions.join('\n')}
</definitions>`;
}

const requirements = (owner: string, requires: string[]) =>
  requires
    .map(
      (r) =>
        `<informationRequirement id="ir_${owner}_${r}"><requiredDecision href="#${r}"/></informationRequirement>`,
    )
    .join('');

export interface TableOptions {
  hitPolicy?: string;
  aggregation?: string;
  requires?: string[];
  /** Per output: its allowed values in priority order (FEEL list items). */
  outputValues?: (string | undefined)[];
}

export function table(
  id: string,
  inputs: string[],
  outputs: string[],
  rules: string[][],
  o: TableOptions = {},
): string {
  const input = inputs
    .map(
      (expr, i) =>
        `<input id="${id}_in${i}" label="${esc(expr)}"><inputExpression id="${id}_ie${i}"><text>${esc(expr)}</text></inputExpression></input>`,
    )
    .join('');
  const output = outputs
    .map((name, i) => {
      const values = o.outputValues?.[i];
      return `<output id="${id}_out${i}" name="${name}">${values ? `<outputValues><text>${esc(values)}</text></outputValues>` : ''}</output>`;
    })
    .join('');
  const rule = rules
    .map(
      (cells, r) =>
        `<rule id="${id}_r${r + 1}">${cells
          .map((c, i) =>
            i < inputs.length
              ? `<inputEntry id="${id}_r${r + 1}_i${i}"><text>${esc(c)}</text></inputEntry>`
              : `<outputEntry id="${id}_r${r + 1}_o${i}"><text>${esc(c)}</text></outputEntry>`,
          )
          .join('')}</rule>`,
    )
    .join('');
  const hit = o.hitPolicy ? ` hitPolicy="${o.hitPolicy}"` : '';
  const agg = o.aggregation ? ` aggregation="${o.aggregation}"` : '';
  return `<decision id="${id}" name="${id} name">${requirements(id, o.requires ?? [])}<decisionTable id="${id}_t"${hit}${agg}>${input}${output}${rule}</decisionTable></decision>`;
}

export function literal(id: string, expression: string, requires: string[] = []): string {
  return `<decision id="${id}" name="${id} name"><variable id="${id}_v" name="${id}"/>${requirements(id, requires)}<literalExpression id="${id}_le"><text>${esc(expression)}</text></literalExpression></decision>`;
}
