import type { EventDefinition, FlowNode, ProcessModel, SequenceFlow } from './model';
import { readExtensions } from './extensions';
import { validateProcess } from './validate';

/* The moddle tree is untyped; these are the few shapes read here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Moddle = any;

// bpmn-moddle has no typings; its CommonJS build is required directly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const BpmnModdle: new (packages: object) => Moddle = require('bpmn-moddle');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json');

export interface ParsedResource {
  processes: ProcessModel[];
  /** Per element: "- Element: id\n    - ERROR: message" lines, Zeebe's rejection format. */
  errors: string[];
}

const TYPES: Record<string, [FlowNode['kind'], string]> = {
  'bpmn:StartEvent': ['startEvent', 'START_EVENT'],
  'bpmn:EndEvent': ['endEvent', 'END_EVENT'],
  'bpmn:ServiceTask': ['jobTask', 'SERVICE_TASK'],
  'bpmn:SendTask': ['jobTask', 'SEND_TASK'],
  'bpmn:BusinessRuleTask': ['jobTask', 'BUSINESS_RULE_TASK'],
  'bpmn:ScriptTask': ['jobTask', 'SCRIPT_TASK'],
  'bpmn:UserTask': ['userTask', 'USER_TASK'],
  'bpmn:ManualTask': ['manualTask', 'MANUAL_TASK'],
  'bpmn:Task': ['manualTask', 'TASK'],
  'bpmn:ReceiveTask': ['receiveTask', 'RECEIVE_TASK'],
  'bpmn:ExclusiveGateway': ['exclusiveGateway', 'EXCLUSIVE_GATEWAY'],
  'bpmn:ParallelGateway': ['parallelGateway', 'PARALLEL_GATEWAY'],
  'bpmn:InclusiveGateway': ['inclusiveGateway', 'INCLUSIVE_GATEWAY'],
  'bpmn:EventBasedGateway': ['eventBasedGateway', 'EVENT_BASED_GATEWAY'],
  'bpmn:IntermediateCatchEvent': ['intermediateCatchEvent', 'INTERMEDIATE_CATCH_EVENT'],
  'bpmn:IntermediateThrowEvent': ['intermediateThrowEvent', 'INTERMEDIATE_THROW_EVENT'],
  'bpmn:BoundaryEvent': ['boundaryEvent', 'BOUNDARY_EVENT'],
  'bpmn:SubProcess': ['subProcess', 'SUB_PROCESS'],
  'bpmn:CallActivity': ['callActivity', 'CALL_ACTIVITY'],
};

/** Elements that carry no behaviour and are skipped. */
const IGNORED = new Set(['bpmn:DataObjectReference', 'bpmn:DataStoreReference', 'bpmn:DataObject']);

export async function parseBpmn(xml: string): Promise<ParsedResource> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  let definitions: Moddle;
  try {
    ({ rootElement: definitions } = await moddle.fromXML(xml, 'bpmn:Definitions'));
  } catch (e) {
    return {
      processes: [],
      errors: [`XML is not a valid BPMN 2.0 document: ${(e as Error).message}`],
    };
  }
  const errors: string[] = [];
  const processes: ProcessModel[] = [];
  const executable = (definitions.rootElements ?? []).filter(
    (r: Moddle) => r.$type === 'bpmn:Process' && r.isExecutable,
  );
  if (executable.length === 0) errors.push('Must contain at least one executable process');
  for (const p of executable) {
    const model: ProcessModel = {
      id: p.id,
      name: p.name,
      versionTag: (p.extensionElements?.values ?? []).find(
        (v: Moddle) => v.$type === 'zeebe:VersionTag',
      )?.value,
      elements: new Map(),
      flows: new Map(),
      startEvents: [],
      eventSubProcesses: [],
    };
    const problems = new Map<string, string[]>();
    const report = (id: string, message: string) => {
      const list = problems.get(id) ?? [];
      list.push(message);
      problems.set(id, list);
    };
    collect(p.flowElements ?? [], null, model, report);
    validateProcess(model, report);
    for (const [id, list] of problems)
      errors.push(`- Element: ${id}\n${list.map((m) => `    - ERROR: ${m}`).join('\n')}`);
    processes.push(model);
  }
  return { processes, errors };
}

function collect(
  elements: Moddle[],
  scopeId: string | null,
  model: ProcessModel,
  report: (id: string, message: string) => void,
): void {
  for (const e of elements) {
    if (e.$type === 'bpmn:SequenceFlow') {
      const flow: SequenceFlow = {
        id: e.id,
        sourceId: e.sourceRef?.id,
        targetId: e.targetRef?.id,
        condition: e.conditionExpression?.body?.trim() || undefined,
      };
      model.flows.set(flow.id, flow);
      continue;
    }
    if (IGNORED.has(e.$type)) continue;
    const isEventSub = e.$type === 'bpmn:SubProcess' && e.triggeredByEvent === true;
    const mapped: [FlowNode['kind'], string] | undefined = isEventSub
      ? ['eventSubProcess', 'EVENT_SUB_PROCESS']
      : TYPES[e.$type];
    if (!mapped) {
      report(e.id, `Elements of type '${e.$type.slice(5)}' are currently not supported`);
      continue;
    }
    const node: FlowNode = {
      id: e.id,
      name: e.name,
      kind: mapped[0],
      type: mapped[1],
      scopeId,
      incoming: (e.incoming ?? []).map((f: Moddle) => f.id),
      outgoing: (e.outgoing ?? []).map((f: Moddle) => f.id),
      defaultFlow: e.default?.id,
      boundaries: [],
      headers: {},
      inputs: [],
      outputs: [],
    };
    if (e.eventDefinitions !== undefined || node.kind.endsWith('Event'))
      node.event = readEvent(e, report);
    if (e.$type === 'bpmn:ReceiveTask')
      node.event = { kind: 'message', messageName: e.messageRef?.name };
    if (e.$type === 'bpmn:BoundaryEvent') {
      node.attachedTo = e.attachedToRef?.id;
      node.interrupting = e.cancelActivity !== false;
    }
    if (e.$type === 'bpmn:StartEvent') node.interrupting = e.isInterrupting !== false;
    readExtensions(e, node, report);
    if (e.$type === 'bpmn:ScriptTask' && node.script) node.kind = 'scriptTask';
    if (e.$type === 'bpmn:BusinessRuleTask' && node.calledDecision) node.kind = 'businessRuleTask';
    model.elements.set(node.id, node);
    if (node.kind === 'startEvent' && scopeId === null) model.startEvents.push(node.id);
    if (isEventSub) {
      const parent = scopeId === null ? undefined : model.elements.get(scopeId);
      if (parent) (parent.eventSubProcesses ??= []).push(node.id);
      else model.eventSubProcesses.push(node.id);
    }
    if (node.kind === 'subProcess' || isEventSub)
      collect(e.flowElements ?? [], node.id, model, report);
  }
  // Flows know their ends; fill incoming/outgoing from them so hand-written XML without
  // <incoming>/<outgoing> children works too.
  for (const flow of model.flows.values()) {
    const source = model.elements.get(flow.sourceId);
    const target = model.elements.get(flow.targetId);
    if (source && !source.outgoing.includes(flow.id)) source.outgoing.push(flow.id);
    if (target && !target.incoming.includes(flow.id)) target.incoming.push(flow.id);
  }
  for (const node of model.elements.values()) {
    if (node.attachedTo) {
      const host = model.elements.get(node.attachedTo);
      if (host && !host.boundaries.includes(node.id)) host.boundaries.push(node.id);
    }
    if (node.kind === 'startEvent' && node.scopeId) {
      const sub = model.elements.get(node.scopeId);
      if (sub) sub.startEventId = node.id;
    }
  }
}

function readEvent(e: Moddle, report: (id: string, message: string) => void): EventDefinition {
  const defs: Moddle[] = e.eventDefinitions ?? [];
  if (defs.length === 0) return { kind: 'none' };
  if (defs.length > 1) report(e.id, 'Must have at most one event definition');
  const d = defs[0];
  switch (d.$type) {
    case 'bpmn:MessageEventDefinition':
      return { kind: 'message', messageName: d.messageRef?.name };
    case 'bpmn:TimerEventDefinition': {
      const pick = (t: 'date' | 'duration' | 'cycle', v: Moddle) =>
        v?.body !== undefined ? { type: t, expression: String(v.body).trim() } : undefined;
      return {
        kind: 'timer',
        timer:
          pick('date', d.timeDate) ??
          pick('duration', d.timeDuration) ??
          pick('cycle', d.timeCycle),
      };
    }
    case 'bpmn:ErrorEventDefinition':
      return { kind: 'error', errorCode: d.errorRef?.errorCode || undefined };
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate' };
    case 'bpmn:SignalEventDefinition':
      return { kind: 'signal', signalName: d.signalRef?.name };
    case 'bpmn:EscalationEventDefinition':
      return { kind: 'escalation', escalationCode: d.escalationRef?.escalationCode || undefined };
    default:
      report(
        e.id,
        `Event definition of type '${String(d.$type).slice(5)}' is currently not supported`,
      );
      return { kind: 'none' };
  }
}
