/** The executable model of one BPMN process: plain data, built once per deployed definition. */

export type ElementKind =
  | 'startEvent'
  | 'endEvent'
  | 'jobTask'
  | 'scriptTask'
  | 'businessRuleTask'
  | 'userTask'
  | 'manualTask'
  | 'receiveTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'subProcess'
  | 'eventSubProcess'
  | 'callActivity';

export type EventKind =
  'none' | 'message' | 'timer' | 'error' | 'terminate' | 'signal' | 'escalation';

export interface Mapping {
  source: string;
  target: string;
}

export interface TimerDefinition {
  type: 'date' | 'duration' | 'cycle';
  expression: string;
}

export interface EventDefinition {
  kind: EventKind;
  messageName?: string;
  correlationKey?: string;
  timer?: TimerDefinition;
  /** Undefined for a catch-all error boundary. */
  errorCode?: string;
  signalName?: string;
  /** Throw: static or FEEL; catch: static, undefined for a catch-all escalation event. */
  escalationCode?: string;
}

export interface UserTaskDefinition {
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  formId?: string;
  externalReference?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: string;
}

export interface LoopDefinition {
  sequential: boolean;
  inputCollection?: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

export interface FlowNode {
  id: string;
  name?: string;
  kind: ElementKind;
  /** The REST `type` of element instances (SERVICE_TASK, USER_TASK, ...). */
  type: string;
  /** Id of the enclosing subprocess, or null for the process itself. */
  scopeId: string | null;
  incoming: string[];
  outgoing: string[];
  defaultFlow?: string;
  event?: EventDefinition;
  attachedTo?: string;
  /** Boundary events (`cancelActivity`) and start events of event subprocesses (`isInterrupting`). */
  interrupting?: boolean;
  boundaries: string[];
  /** Subprocesses (embedded and event): the event subprocesses directly inside them. */
  eventSubProcesses?: string[];
  /** For subprocesses: their none start event; for event subprocesses: their start event. */
  startEventId?: string;
  taskType?: string;
  retries?: string;
  headers: Record<string, string>;
  inputs: Mapping[];
  outputs: Mapping[];
  userTask?: UserTaskDefinition;
  script?: { expression: string; resultVariable?: string };
  /** Business rule task with `zeebe:calledDecision` (DMN). */
  calledDecision?: { decisionId?: string; resultVariable?: string };
  calledElement?: { processId: string; propagateAllChildVariables: boolean };
  loop?: LoopDefinition;
}

export interface SequenceFlow {
  id: string;
  sourceId: string;
  targetId: string;
  condition?: string;
}

export interface ProcessModel {
  id: string;
  name?: string;
  versionTag?: string;
  elements: Map<string, FlowNode>;
  flows: Map<string, SequenceFlow>;
  /** Start events of the process scope (not of subprocesses). */
  startEvents: string[];
  /** Event subprocesses of the process scope. */
  eventSubProcesses: string[];
}
