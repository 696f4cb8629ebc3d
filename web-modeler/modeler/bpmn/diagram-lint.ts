/**
 * The problems panel's findings: @camunda/linting (Camunda 8.8) and our contract rules — the same
 * domain module the API's deploy runs — over the modeler's definitions.
 */
import { Linter } from '@camunda/linting';
import {
  DiagramProblem,
  ModdleElement,
  ProcessContract,
  diagramProblems,
} from '@domain/process-contract';
import { lintMessage } from './lint-messages';

export interface PanelProblem extends DiagramProblem {
  source: 'camunda' | 'contract';
  /** The element's name, for the panel. */
  elementName: string;
}

const linter = new Linter({ modeler: 'web', type: 'cloud' });

interface LintReport {
  id: string;
  rule: string;
  category: string;
  message: string;
}

export async function lintDiagram(
  definitions: ModdleElement,
  contract: ProcessContract,
  nameOf: (id: string) => string,
): Promise<PanelProblem[]> {
  const reports = (await linter.lint(definitions)) as LintReport[];
  const camunda = reports
    .filter((r) => r.category === 'error' || r.category === 'warn')
    .map((r) => ({
      elementId: r.id,
      severity: r.category === 'error' ? ('error' as const) : ('warning' as const),
      code: r.rule,
      message: lintMessage(r.rule),
      source: 'camunda' as const,
    }));
  const ours = diagramProblems(definitions, contract).map((p) => ({
    ...p,
    source: 'contract' as const,
  }));
  return [...ours, ...camunda]
    .map((p) => ({ ...p, elementName: nameOf(p.elementId) }))
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
