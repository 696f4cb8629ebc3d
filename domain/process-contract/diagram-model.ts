/**
 * The facts of a diagram the contract rules look at, read from a bpmn-moddle tree with the
 * zeebe extension — the same tree in the browser (bpmn-js's definitions) and on the server
 * (bpmn-moddle's fromXML), so both run the same rules over the same facts.
 */

/** The shape of a moddle element as far as the rules read it (moddle has no typings). */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

export interface DiagramElement {
  id: string;
  type: string;
  name: string;
  /** `zeebe:taskDefinition type`, for job tasks. */
  jobType?: string;
  headers: Record<string, string>;
  /** Candidate groups as written (a FEEL list or a comma list). */
  candidateGroups?: string;
  formId?: string;
  /** `zeebe:userTask` present (a Camunda user task, not a job-worker one). */
  zeebeUserTask: boolean;
  /** Targets of `zeebe:ioMapping` outputs: what the element sets. */
  outputs: string[];
  /** Event definition types, e.g. `bpmn:TimerEventDefinition`. */
  eventDefinitions: string[];
  /** Elements directly before this one (sequence flows in, the host of a boundary event). */
  predecessors: string[];
  triggeredByEvent: boolean;
  /** For business rule tasks: a DMN decision is called. */
  calledDecision: boolean;
  loopCharacteristics?: string;
  isForCompensation: boolean;
  listeners: boolean;
}

export interface DiagramProcess {
  id: string;
  name: string;
  elements: DiagramElement[];
}

const list = (v: unknown): ModdleElement[] => (Array.isArray(v) ? (v as ModdleElement[]) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function extensions(e: ModdleElement): ModdleElement[] {
  const ext = e.extensionElements as ModdleElement | undefined;
  return list(ext?.values);
}

function read(e: ModdleElement): DiagramElement {
  const ext = extensions(e);
  const of = (type: string) => ext.find((x) => x.$type === type);
  const headers: Record<string, string> = {};
  for (const h of list(of('zeebe:TaskHeaders')?.values)) {
    const key = str(h.key);
    if (key) headers[key] = str(h.value) ?? '';
  }
  const io = of('zeebe:IoMapping');
  const loop = e.loopCharacteristics as ModdleElement | undefined;
  return {
    id: e.id ?? '',
    type: e.$type,
    name: (e.name ?? '').replace(/\s+/g, ' ').trim(),
    jobType: str(of('zeebe:TaskDefinition')?.type),
    headers,
    candidateGroups: str(of('zeebe:AssignmentDefinition')?.candidateGroups),
    formId: str(of('zeebe:FormDefinition')?.formId),
    zeebeUserTask: Boolean(of('zeebe:UserTask')),
    outputs: list(io?.outputParameters)
      .map((p) => str(p.target))
      .filter((t): t is string => Boolean(t)),
    eventDefinitions: list(e.eventDefinitions).map((d) => d.$type),
    predecessors: [],
    triggeredByEvent: e.triggeredByEvent === true,
    calledDecision: Boolean(of('zeebe:CalledDecision')),
    loopCharacteristics: loop?.$type,
    isForCompensation: e.isForCompensation === true,
    listeners: Boolean(of('zeebe:ExecutionListeners') || of('zeebe:TaskListeners')),
  };
}

/** Every flow node of a process and its subprocesses, with the graph's predecessor links. */
function readProcess(p: ModdleElement): DiagramProcess {
  const elements: DiagramElement[] = [];
  const byId = new Map<string, DiagramElement>();
  const visit = (container: ModdleElement, parent?: DiagramElement) => {
    const children = list(container.flowElements);
    for (const child of children) {
      if (child.$type === 'bpmn:SequenceFlow') continue;
      const element = read(child);
      elements.push(element);
      byId.set(element.id, element);
      if (list(child.flowElements).length) visit(child, element);
      // A subprocess's start events run after what comes before the subprocess.
      if (parent && child.$type === 'bpmn:StartEvent') element.predecessors.push(parent.id);
    }
    for (const child of children) {
      if (child.$type === 'bpmn:SequenceFlow') {
        const source = (child.sourceRef as ModdleElement | undefined)?.id;
        const target = (child.targetRef as ModdleElement | undefined)?.id;
        if (source && target) byId.get(target)?.predecessors.push(source);
      } else if (child.$type === 'bpmn:BoundaryEvent') {
        const host = (child.attachedToRef as ModdleElement | undefined)?.id;
        if (host) byId.get(child.id ?? '')?.predecessors.push(host);
      }
    }
  };
  visit(p);
  return { id: p.id ?? '', name: p.name ?? '', elements };
}

/** The executable processes of a diagram's definitions (pools' processes included). */
export function diagramProcesses(definitions: ModdleElement): DiagramProcess[] {
  return list(definitions.rootElements)
    .filter((r) => r.$type === 'bpmn:Process')
    .map(readProcess);
}
