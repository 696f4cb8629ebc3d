/**
 * The steps a stuck instance may be restarted at (issue 11 item 3, "restart at a chosen step"):
 * the activities and intermediate catch events directly in the process, read from the deployed
 * diagram with bpmn-moddle. Elements inside a subprocess need their subprocess's instance as
 * ancestor, and start, end and boundary events are not steps one restarts at.
 */
import { labelOf, parseDiagram } from './diagram-names';

export interface Step {
  elementId: string;
  name: string;
}

const RESTARTABLE = new Set([
  'bpmn:Task',
  'bpmn:ServiceTask',
  'bpmn:UserTask',
  'bpmn:ScriptTask',
  'bpmn:BusinessRuleTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:ManualTask',
  'bpmn:SubProcess',
  'bpmn:CallActivity',
  'bpmn:IntermediateCatchEvent',
]);

/** The restartable steps of the diagram's process `processId`, in the diagram's order. */
export async function restartableSteps(xml: string, processId: string): Promise<Step[]> {
  const rootElement = await parseDiagram(xml);
  const process = (rootElement.rootElements ?? []).find(
    (r) => r.$type === 'bpmn:Process' && r.id === processId,
  );
  return (process?.flowElements ?? [])
    .filter((e) => RESTARTABLE.has(e.$type) && e.id)
    .map((e) => ({
      elementId: e.id!,
      name: labelOf(e) || e.id!,
    }));
}
