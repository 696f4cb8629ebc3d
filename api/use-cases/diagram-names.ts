/**
 * The Chinese names of a deployed diagram's elements (issue 8 item 7: timeline steps in
 * Chinese), read through the SDK from the process definition's XML and parsed with
 * bpmn-moddle. A deployed definition never changes, so its names are cached by its key.
 */
import type { CamundaRestClient } from '@camunda8/sdk';

/* eslint-disable @typescript-eslint/no-require-imports -- bpmn-moddle has no typings; its CommonJS build */
const BpmnModdle = require('bpmn-moddle') as new () => {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement }>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The parts of a bpmn-moddle element the API reads. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  rootElements?: ModdleElement[];
  flowElements?: ModdleElement[];
  sourceRef?: ModdleElement;
  targetRef?: ModdleElement;
  conditionExpression?: unknown;
  default?: ModdleElement;
}

/** A diagram's XML as bpmn-moddle's element tree (its definitions). */
export async function parseDiagram(xml: string): Promise<ModdleElement> {
  return (await new BpmnModdle().fromXML(xml)).rootElement;
}

/** An element's label on one line (a modeler label may be broken over lines; Chinese needs no space). */
export const labelOf = (e: ModdleElement) => e.name?.replace(/\s*\n\s*/g, '').trim();

/** Element id → name, for every named element of every process (subprocesses included). */
export async function elementNamesOfXml(xml: string): Promise<Map<string, string>> {
  const rootElement = await parseDiagram(xml);
  const names = new Map<string, string>();
  const visit = (e: ModdleElement) => {
    const name = labelOf(e);
    if (e.id && name) names.set(e.id, name);
    for (const child of e.flowElements ?? []) visit(child);
  };
  // Processes and what they contain; messages, errors and the like name no step.
  for (const root of rootElement.rootElements ?? []) if (root.$type === 'bpmn:Process') visit(root);
  return names;
}

/** Definitions kept at most; a deployment adds one per changed diagram, so this is plenty. */
const MAX_CACHED = 500;
const cache = new Map<string, Promise<Map<string, string>>>();

/** The element names of a deployed process definition; a failed read is not cached. */
export function diagramElementNames(
  camunda: CamundaRestClient,
  processDefinitionKey: string,
): Promise<Map<string, string>> {
  let names = cache.get(processDefinitionKey);
  if (!names) {
    names = camunda.getProcessDefinitionXML(processDefinitionKey).then(elementNamesOfXml);
    names.catch(() => cache.delete(processDefinitionKey));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(processDefinitionKey, names);
  }
  return names;
}
