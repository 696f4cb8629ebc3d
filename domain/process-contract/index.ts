/**
 * The modeler's contract check, one implementation for the page's problems panel and for the
 * API's deploy (which refuses a diagram with errors): our contract rules and the engine's list of
 * supported elements over every process of a diagram.
 */
import { contractProblems } from './contract-rules';
import { ModdleElement, diagramProcesses } from './diagram-model';
import { engineSupportProblems } from './engine-support';
import type { DiagramProblem, ProcessContract } from './problems';

export type { DiagramProblem, ProcessContract } from './problems';
export { hasErrors } from './problems';
export type { ModdleElement } from './diagram-model';
export { JOB_CONTRACT, JOB_SETTABLE_STATES } from './job-contract';
export type { HeaderSpec, JobContract } from './job-contract';
export { START_VARIABLES } from './start-variables';

/** Every problem of a diagram (its moddle definitions) against our contract. */
export function diagramProblems(
  definitions: ModdleElement,
  contract: ProcessContract,
): DiagramProblem[] {
  const problems: DiagramProblem[] = [];
  const processes = diagramProcesses(definitions);
  if (processes.length === 0)
    problems.push({
      elementId: String(definitions.id ?? ''),
      severity: 'error',
      code: 'no-process',
      message: '图中没有可执行的流程',
    });
  for (const p of processes)
    problems.push(...engineSupportProblems(p.elements), ...contractProblems(p, contract));
  return problems;
}
export { elementTemplates, TEMPLATE_PREFIX } from './element-templates';
export type { ElementTemplate } from './element-templates';
