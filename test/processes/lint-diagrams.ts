/*
 * Lints BPMN diagrams with bpmnlint and the repository's `.bpmnlintrc`, printing the reports as
 * JSON: `node --import tsx test/processes/lint-diagrams.ts processes/*.bpmn`.
 *
 * Why a separate process: bpmnlint 11 and bpmnlint-plugin-camunda-compat 2 depend on ESM-only
 * packages (min-dash 5, @bpmn-io/feel-analyzer, ...). Node 20 loads them with require(esm),
 * jest's module system on Node 20 does not, so lint.test.ts runs this script in a child node.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/* eslint-disable @typescript-eslint/no-require-imports -- untyped CommonJS/ESM-interop packages */
const BpmnModdle = require('bpmn-moddle') as new (packages: object) => {
  fromXML(xml: string): Promise<{ rootElement: unknown; warnings: { message: string }[] }>;
};
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;
const { Linter } = require('bpmnlint') as {
  Linter: new (options: { config: object; resolver: object }) => {
    lint(definitions: unknown): Promise<Record<string, RawReport[]>>;
  };
};
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new () => object;
/* eslint-enable @typescript-eslint/no-require-imports */

interface RawReport {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}

export interface LintResult {
  file: string;
  /** What bpmn-moddle could not read (unknown elements or attributes). */
  parseWarnings: string[];
  /** `rule element-id: message`, for errors (including rules that crashed) and warnings. */
  errors: string[];
  warnings: string[];
}

// The rule set the bpmnlint CLI and the modeler's lint panel read too.
const config = JSON.parse(readFileSync(join(__dirname, '../../.bpmnlintrc'), 'utf8')) as object;

/** Parses with the zeebe: extension (the plain CLI does not know it) and lints. */
export async function lintDiagram(file: string): Promise<LintResult> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const { rootElement, warnings } = await moddle.fromXML(readFileSync(file, 'utf8'));
  const linter = new Linter({ config, resolver: new NodeResolver() });
  const reports = Object.entries(await linter.lint(rootElement)).flatMap(([rule, list]) =>
    list.map((r) => ({ category: r.category, text: `${rule} ${r.id ?? ''}: ${r.message}` })),
  );
  const texts = (...categories: RawReport['category'][]) =>
    reports.filter((r) => categories.includes(r.category)).map((r) => r.text);
  return {
    file,
    parseWarnings: warnings.map((w) => w.message),
    errors: texts('error', 'rule-error'),
    warnings: texts('warn'),
  };
}

if (require.main === module) {
  Promise.all(process.argv.slice(2).map(lintDiagram)).then(
    (results) => process.stdout.write(JSON.stringify(results)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
