/**
 * The deploy's check of a diagram: parsed with bpmn-moddle and the zeebe extension (as the page's
 * bpmn-js does), then the same contract rules the problems panel runs (domain/process-contract).
 */
import { DiagramProblem, ModdleElement, diagramProblems } from '../../../domain/process-contract';
import { processContract } from './process-contract';

/* eslint-disable @typescript-eslint/no-require-imports -- bpmn-moddle has no typings; its CommonJS build */
const BpmnModdle = require('bpmn-moddle') as new (extensions: object) => {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }>;
};
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;
/* eslint-enable @typescript-eslint/no-require-imports */

export interface CheckedDiagram {
  /** The process ids of the diagram. */
  processIds: string[];
  problems: DiagramProblem[];
}

/** Parses and checks a diagram; XML that is no BPMN is one error problem, not an exception. */
export async function checkDiagram(xml: string, forms: readonly string[]): Promise<CheckedDiagram> {
  let definitions: ModdleElement;
  try {
    ({ rootElement: definitions } = await new BpmnModdle({ zeebe: zeebeSchema }).fromXML(xml));
  } catch (e) {
    const problem: DiagramProblem = {
      elementId: '',
      severity: 'error',
      code: 'not-bpmn',
      message: `不是有效的 BPMN 图：${(e as Error).message.split('\n')[0]}`,
    };
    return { processIds: [], problems: [problem] };
  }
  const processIds = ((definitions.rootElements as ModdleElement[] | undefined) ?? [])
    .filter((r) => r.$type === 'bpmn:Process')
    .map((r) => r.id ?? '');
  return { processIds, problems: diagramProblems(definitions, processContract(forms)) };
}
