import type { FlowNode } from './model';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Moddle = any;

/** Reads the zeebe:* extension elements of one BPMN element into the executable node. */
export function readExtensions(
  e: Moddle,
  node: FlowNode,
  report: (id: string, message: string) => void,
): void {
  const values: Moddle[] = e.extensionElements?.values ?? [];
  const find = (type: string) => values.find((v) => v.$type === type);
  // Listeners would need listener jobs; refusing them beats silently not running them.
  if (find('zeebe:ExecutionListeners'))
    report(e.id, "Execution listeners ('zeebe:executionListeners') are not supported");
  if (find('zeebe:TaskListeners'))
    report(e.id, "Task listeners ('zeebe:taskListeners') are not supported");
  const taskDefinition = find('zeebe:TaskDefinition');
  if (taskDefinition) {
    node.taskType = taskDefinition.type;
    node.retries = taskDefinition.retries;
  }
  for (const h of find('zeebe:TaskHeaders')?.values ?? []) node.headers[h.key] = h.value ?? '';
  const io = find('zeebe:IoMapping');
  for (const i of io?.inputParameters ?? [])
    node.inputs.push({ source: i.source, target: i.target });
  for (const o of io?.outputParameters ?? [])
    node.outputs.push({ source: o.source, target: o.target });
  const subscription = find('zeebe:Subscription');
  const messageDef = (e.eventDefinitions ?? []).find(
    (d: Moddle) => d.$type === 'bpmn:MessageEventDefinition',
  );
  const messageExt = messageDef?.messageRef?.extensionElements?.values ?? [];
  const messageSubscription =
    subscription ?? messageExt.find((v: Moddle) => v.$type === 'zeebe:Subscription');
  const receiveExt = e.messageRef?.extensionElements?.values ?? [];
  const receiveSubscription = receiveExt.find((v: Moddle) => v.$type === 'zeebe:Subscription');
  const correlationKey = (messageSubscription ?? receiveSubscription)?.correlationKey;
  if (node.event && correlationKey !== undefined) node.event.correlationKey = correlationKey;
  if (find('zeebe:UserTask') || e.$type === 'bpmn:UserTask') {
    const a = find('zeebe:AssignmentDefinition');
    const f = find('zeebe:FormDefinition');
    const s = find('zeebe:TaskSchedule');
    const p = find('zeebe:PriorityDefinition');
    node.userTask = {
      assignee: a?.assignee,
      candidateGroups: a?.candidateGroups,
      candidateUsers: a?.candidateUsers,
      formId: f?.formId,
      externalReference: f?.externalReference,
      dueDate: s?.dueDate,
      followUpDate: s?.followUpDate,
      priority: p?.priority,
    };
    if (f?.formKey && !f.formId && !f.externalReference)
      report(e.id, "Embedded forms ('zeebe:formDefinition formKey') are not supported");
  }
  const script = find('zeebe:Script');
  if (script)
    node.script = { expression: script.expression, resultVariable: script.resultVariable };
  const decision = find('zeebe:CalledDecision');
  if (decision)
    node.calledDecision = {
      decisionId: decision.decisionId,
      resultVariable: decision.resultVariable,
    };
  const called = find('zeebe:CalledElement');
  if (called)
    node.calledElement = {
      processId: called.processId,
      propagateAllChildVariables: called.propagateAllChildVariables !== false,
    };
  const loop = e.loopCharacteristics;
  if (loop) {
    if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      report(e.id, 'Standard loop characteristics are currently not supported');
    } else {
      const ext = (loop.extensionElements?.values ?? []).find(
        (v: Moddle) => v.$type === 'zeebe:LoopCharacteristics',
      );
      node.loop = {
        sequential: !!loop.isSequential,
        inputCollection: ext?.inputCollection,
        inputElement: ext?.inputElement,
        outputCollection: ext?.outputCollection,
        outputElement: ext?.outputElement,
        completionCondition: loop.completionCondition?.body?.trim() || undefined,
      };
    }
  }
}
