/**
 * The main path of a deployed diagram as an applicant's progress view shows it (issue 10 item
 * 4: "the steps of the diagram, done and current"): from the start event to an end event, the
 * steps a person reads — start, user tasks, service tasks, end; not gateways or messages.
 * Where the instance has been, the path follows it (a rejection shows the rejection's end);
 * ahead of it, each gateway's conditional flow (in our diagrams the approving one, the default
 * being the refusal) predicts the rest.
 */

import { labelOf, parseDiagram } from './diagram-names';

interface Flow {
  target: string;
  conditional: boolean;
  isDefault: boolean;
}

interface Node {
  id: string;
  name: string;
  type: string;
  outgoing: Flow[];
}

/** A process of a diagram as a graph of its top-level elements. */
export interface ProcessGraph {
  startId: string | null;
  nodes: Map<string, Node>;
}

/** The element kinds a person reads as steps of their application. */
const SHOWN = new Set(['bpmn:StartEvent', 'bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:EndEvent']);

export interface PathStep {
  elementId: string;
  name: string;
  /** `userTask` waits for a person's decision; the others are the system's. */
  kind: 'start' | 'userTask' | 'serviceTask' | 'end';
}

const KINDS: Record<string, PathStep['kind']> = {
  'bpmn:StartEvent': 'start',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:EndEvent': 'end',
};

/** The first process of a diagram's XML as a graph (boundary events are not followed). */
export async function processGraphOfXml(xml: string): Promise<ProcessGraph> {
  const rootElement = await parseDiagram(xml);
  const process = (rootElement.rootElements ?? []).find((e) => e.$type === 'bpmn:Process');
  const nodes = new Map<string, Node>();
  let startId: string | null = null;
  const elements = process?.flowElements ?? [];
  for (const e of elements) {
    if (e.$type === 'bpmn:SequenceFlow' || !e.id) continue;
    const name = labelOf(e) || e.id;
    nodes.set(e.id, { id: e.id, name, type: e.$type, outgoing: [] });
    if (e.$type === 'bpmn:StartEvent' && startId === null) startId = e.id;
  }
  const defaults = new Set(elements.map((e) => e.default?.id).filter(Boolean));
  for (const f of elements) {
    if (f.$type !== 'bpmn:SequenceFlow' || !f.sourceRef?.id || !f.targetRef?.id) continue;
    nodes.get(f.sourceRef.id)?.outgoing.push({
      target: f.targetRef.id,
      conditional: Boolean(f.conditionExpression),
      isDefault: defaults.has(f.id),
    });
  }
  return { startId, nodes };
}

/**
 * The path through the graph: along the elements the instance `visited` (preferring a
 * conditional flow where it took two, as a re-check loop does), else along the conditional
 * (approving) flow, else a non-default one. Each element appears once.
 */
export function mainPath(graph: ProcessGraph, visited: ReadonlySet<string>): PathStep[] {
  const steps: PathStep[] = [];
  const seen = new Set<string>();
  let current = graph.startId ? graph.nodes.get(graph.startId) : undefined;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    if (SHOWN.has(current.type))
      steps.push({ elementId: current.id, name: current.name, kind: KINDS[current.type] });
    const open = current.outgoing.filter((f) => !seen.has(f.target));
    const next =
      open.find((f) => visited.has(f.target) && f.conditional) ??
      open.find((f) => visited.has(f.target)) ??
      open.find((f) => f.conditional) ??
      open.find((f) => !f.isDefault) ??
      open[0];
    current = next ? graph.nodes.get(next.target) : undefined;
  }
  return steps;
}

const MAX_CACHED = 500;
const cache = new Map<string, Promise<ProcessGraph>>();

/** The graph of a deployed definition (never changes once deployed, so cached by its key). */
export function definitionGraph(
  readXml: (processDefinitionKey: string) => Promise<string>,
  processDefinitionKey: string,
): Promise<ProcessGraph> {
  let graph = cache.get(processDefinitionKey);
  if (!graph) {
    graph = readXml(processDefinitionKey).then(processGraphOfXml);
    graph.catch(() => cache.delete(processDefinitionKey));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(processDefinitionKey, graph);
  }
  return graph;
}
