import { feelSyntaxError, isExpression } from '../feel/feel';
import type { FlowNode, ProcessModel } from './model';
import { timerValueError } from './timer';
import {
  inEventSubProcess,
  validateCatchScopes,
  validateEscalationAndEventSubProcess,
} from './validate-events';

type Report = (id: string, message: string) => void;

/** Zeebe's deploy-time checks that our behaviours rely on; each problem names its element. */
export function validateProcess(model: ProcessModel, report: Report): void {
  const noneStarts = model.startEvents.filter(
    (id) => model.elements.get(id)?.event?.kind === 'none',
  );
  if (model.startEvents.length === 0) report(model.id, 'Must have at least one start event');
  if (noneStarts.length > 1) report(model.id, 'Multiple none start events are not allowed');
  for (const node of model.elements.values()) validateNode(node, model, report);
  validateCatchScopes(model, report);
  for (const flow of model.flows.values()) {
    if (flow.condition) checkFeel(flow.id, flow.condition, report);
    if (!model.elements.has(flow.sourceId) || !model.elements.has(flow.targetId))
      report(flow.id, 'Must connect two supported elements');
  }
}

function checkFeel(id: string, value: string | undefined, report: Report): void {
  if (value === undefined) return;
  const error = feelSyntaxError(value);
  if (error) report(id, `FEEL expression '${value}' cannot be parsed: ${error}`);
}

function validateNode(node: FlowNode, model: ProcessModel, report: Report): void {
  const r = (m: string) => report(node.id, m);
  const feel = (v: string | undefined) => checkFeel(node.id, v, report);
  for (const m of [...node.inputs, ...node.outputs]) {
    feel(m.source);
    if (!m.target) r('Mapping target must be present and not empty');
  }
  const event = node.event;
  switch (node.kind) {
    case 'jobTask':
      if (!node.taskType) r("Must have exactly one 'zeebe:taskDefinition' extension element");
      else feel(node.taskType);
      feel(node.retries);
      break;
    case 'scriptTask':
      feel(node.script?.expression);
      if (!node.script?.resultVariable) r("Attribute 'resultVariable' must be present");
      break;
    case 'businessRuleTask':
      if (!node.calledDecision?.decisionId) r("Attribute 'decisionId' must be present");
      else feel(node.calledDecision.decisionId);
      if (!node.calledDecision?.resultVariable) r("Attribute 'resultVariable' must be present");
      break;
    case 'userTask':
      for (const v of Object.values(node.userTask ?? {})) feel(v);
      break;
    case 'callActivity':
      if (!node.calledElement?.processId)
        r("Must have exactly one 'zeebe:calledElement' extension element");
      else feel(node.calledElement.processId);
      break;
    case 'exclusiveGateway':
    case 'inclusiveGateway':
      if (node.outgoing.length > 1)
        for (const f of node.outgoing)
          if (!model.flows.get(f)?.condition && f !== node.defaultFlow)
            report(f, `Must have a condition or be default flow of gateway '${node.id}'`);
      break;
    case 'eventBasedGateway':
      for (const f of node.outgoing) {
        const target = model.elements.get(model.flows.get(f)?.targetId ?? '');
        if (!target || target.kind !== 'intermediateCatchEvent' || target.event?.kind === 'none')
          r(
            'Event-based gateway must be followed by intermediate message, timer or signal catch events',
          );
      }
      if (node.outgoing.length < 2)
        r('Event-based gateway must have at least 2 outgoing sequence flows');
      break;
    case 'boundaryEvent':
      if (!node.attachedTo || !model.elements.has(node.attachedTo))
        r('Must be attached to an activity');
      if (!event || !['error', 'timer', 'message', 'signal', 'escalation'].includes(event.kind))
        r('Boundary events must be error, timer, message, signal or escalation events');
      if (event?.kind === 'error' && node.interrupting === false)
        r('Error boundary events must be interrupting');
      break;
    case 'subProcess':
      if (!node.startEventId) r('Must have exactly one none start event');
      break;
    case 'intermediateThrowEvent':
      if (event && !['none', 'signal', 'escalation'].includes(event.kind))
        r(`Intermediate throw events of type '${event.kind}' are currently not supported`);
      break;
    case 'intermediateCatchEvent':
      if (!event || !['message', 'timer', 'signal'].includes(event.kind))
        r('Intermediate catch events must be message, timer or signal events');
      break;
    case 'startEvent':
      if (inEventSubProcess(node, model)) break;
      if (event && !['none', 'message', 'timer', 'signal'].includes(event.kind))
        r(`Start events of type '${event.kind}' are currently not supported`);
      if (node.scopeId && event?.kind !== 'none')
        r('Start events of subprocesses must be none events');
      break;
    case 'endEvent':
      if (event && !['none', 'error', 'terminate', 'signal', 'escalation'].includes(event.kind))
        r(`End events of type '${event.kind}' are currently not supported`);
      if (event?.kind === 'error' && !event.errorCode)
        r('Must reference an error with an error code');
      break;
  }
  if (event?.kind === 'message') {
    if (!event.messageName) r('Must reference a message with a name');
    else feel(event.messageName);
    if (node.kind !== 'startEvent' || inEventSubProcess(node, model)) {
      if (!event.correlationKey) r('Must have a correlation key');
      else feel(event.correlationKey);
    }
  }
  if (event?.kind === 'signal' && !event.signalName) r('Must reference a signal with a name');
  if (event?.kind === 'timer') {
    if (!event.timer) r('Must have a time date, duration or cycle');
    else if (isExpression(event.timer.expression)) feel(event.timer.expression);
    else {
      const err = timerValueError(event.timer.type, event.timer.expression);
      if (err) r(err);
    }
    if (node.kind === 'intermediateCatchEvent' && event.timer?.type === 'cycle')
      r('Intermediate timer catch events must not have a time cycle');
  }
  validateEscalationAndEventSubProcess(node, model, report);
  if (node.loop) {
    if (!node.loop.inputCollection)
      r("Attribute 'inputCollection' must be present for multi-instance");
    feel(node.loop.inputCollection);
    feel(node.loop.outputElement);
    feel(node.loop.completionCondition);
  }
}
