import { feelSyntaxError, isExpression } from '../feel/feel';
import type { FlowNode, ProcessModel } from './model';

type Report = (id: string, message: string) => void;

const EVENT_SUB_PROCESS_STARTS = ['message', 'timer', 'signal', 'error', 'escalation'];

/** A start event directly inside an event subprocess. */
export function inEventSubProcess(node: FlowNode, model: ProcessModel): boolean {
  return !!node.scopeId && model.elements.get(node.scopeId)?.kind === 'eventSubProcess';
}

/** Zeebe 8.8's deploy-time rules for event subprocesses and escalation events. */
export function validateEscalationAndEventSubProcess(
  node: FlowNode,
  model: ProcessModel,
  report: Report,
): void {
  const r = (m: string) => report(node.id, m);
  const event = node.event;
  if (node.kind === 'eventSubProcess') {
    if (node.incoming.length || node.outgoing.length)
      r('Event subprocesses must not have incoming or outgoing sequence flows');
    if (node.boundaries.length) r('Event subprocesses must not have boundary events');
    if (node.loop) r('Event subprocesses must not be multi-instance');
    const starts = [...model.elements.values()].filter(
      (n) => n.kind === 'startEvent' && n.scopeId === node.id,
    );
    if (starts.length !== 1) r('Must have exactly one start event');
  }
  if (node.kind === 'startEvent' && inEventSubProcess(node, model)) {
    if (!event || !EVENT_SUB_PROCESS_STARTS.includes(event.kind))
      r(
        'Start events of event subprocesses must be message, timer, signal, error or escalation events',
      );
    if (event?.kind === 'error' && node.interrupting === false)
      r('Error start events of event subprocesses must be interrupting');
  }
  if (event?.kind !== 'escalation') return;
  const code = event.escalationCode;
  if (node.kind === 'intermediateThrowEvent' || node.kind === 'endEvent') {
    if (!code) r('Must reference an escalation with an escalation code');
    else if (isExpression(code)) {
      const error = feelSyntaxError(code);
      if (error) r(`FEEL expression '${code}' cannot be parsed: ${error}`);
    }
    return;
  }
  if (code && isExpression(code)) r('The escalation code of a catch event must be a static value');
  if (node.kind === 'boundaryEvent') {
    const host = model.elements.get(node.attachedTo ?? '');
    if (host && host.kind !== 'subProcess' && host.kind !== 'callActivity')
      r('An escalation boundary event should only be attached to a subprocess, or a call activity');
  }
}

/**
 * Per scope (the catch events of one activity's boundary, the event subprocesses of one scope):
 * an error or escalation code is caught by one catch event only, and at most one catches all.
 */
export function validateCatchScopes(model: ProcessModel, report: Report): void {
  const groups: [string, string[]][] = [[model.id, startsOf(model, model.eventSubProcesses)]];
  for (const node of model.elements.values()) {
    if (node.boundaries.length) groups.push([node.id, node.boundaries]);
    if (node.eventSubProcesses?.length)
      groups.push([node.id, startsOf(model, node.eventSubProcesses)]);
  }
  for (const [scopeId, ids] of groups) {
    const events = ids.map((id) => model.elements.get(id)?.event);
    for (const kind of ['error', 'escalation'] as const) {
      const codes = events
        .filter((e) => e?.kind === kind)
        .map((e) => (kind === 'error' ? e!.errorCode : e!.escalationCode));
      const codeName = `${kind} code`;
      if (codes.filter((c) => c === undefined).length > 1)
        report(
          scopeId,
          `The same scope can not contain more than one ${kind} catch event without ${codeName}. An ${kind} catch event without ${codeName} catches all ${kind}s.`,
        );
      for (const c of new Set(codes.filter((c) => c !== undefined)))
        if (codes.filter((x) => x === c).length > 1)
          report(
            scopeId,
            `Multiple ${kind} catch events with the same ${codeName} '${c}' are not supported on the same scope.`,
          );
    }
  }
}

function startsOf(model: ProcessModel, eventSubProcesses: string[]): string[] {
  return eventSubProcesses.flatMap((id) => model.elements.get(id)?.startEventId ?? []);
}
