/**
 * A tiny BPMN XML writer for engine tests: each helper returns one element's XML, `process`
 * wraps them. Diagrams stay readable inline: process('p', start('s'), flow('s', 't'), ...).
 */

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Io {
  inputs?: [source: string, target: string][];
  outputs?: [source: string, target: string][];
}

function io({ inputs = [], outputs = [] }: Io): string {
  if (!inputs.length && !outputs.length) return '';
  return `<zeebe:ioMapping>${inputs
    .map(([s, t]) => `<zeebe:input source="${esc(s)}" target="${t}"/>`)
    .join(
      '',
    )}${outputs.map(([s, t]) => `<zeebe:output source="${esc(s)}" target="${t}"/>`).join('')}</zeebe:ioMapping>`;
}

function ext(...parts: string[]): string {
  const body = parts.filter(Boolean).join('');
  return body ? `<bpmn:extensionElements>${body}</bpmn:extensionElements>` : '';
}

export function process(id: string, ...elements: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs_${id}" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="${id}" name="${id}" isExecutable="true">
${elements.join('\n')}
</bpmn:process>
<bpmn:error id="err_any" />
${[...new Set(elements.join('').match(/errorRef="err_[^"]+"/g) ?? [])]
  .map((m) => m.slice(10, -1))
  .filter((e) => e !== 'err_any')
  .map((e) => `<bpmn:error id="${e}" errorCode="${e.slice(4)}"/>`)
  .join('\n')}
${[...new Set(elements.join('').match(/messageRef="msg_[^"]+"/g) ?? [])]
  .map((m) => m.slice(12, -1))
  .map((m) => `<bpmn:message id="${m}" name="${m.slice(4)}"/>`)
  .join('\n')}
${[...new Set(elements.join('').match(/signalRef="sig_[^"]+"/g) ?? [])]
  .map((m) => m.slice(11, -1))
  .map((m) => `<bpmn:signal id="${m}" name="${m.slice(4)}"/>`)
  .join('\n')}
</bpmn:definitions>`;
}

export const start = (id: string, eventDef = '') =>
  `<bpmn:startEvent id="${id}">${eventDef}</bpmn:startEvent>`;
export const end = (id: string, eventDef = '') =>
  `<bpmn:endEvent id="${id}">${eventDef}</bpmn:endEvent>`;

export function flow(from: string, to: string, condition?: string, id?: string): string {
  const fid = id ?? `f_${from}_${to}`;
  const cond = condition
    ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${esc(condition)}</bpmn:conditionExpression>`
    : '';
  return `<bpmn:sequenceFlow id="${fid}" sourceRef="${from}" targetRef="${to}">${cond}</bpmn:sequenceFlow>`;
}

export interface TaskOptions extends Io {
  retries?: string;
  headers?: Record<string, string>;
  multi?: {
    collection: string;
    element?: string;
    output?: string;
    outputElement?: string;
    sequential?: boolean;
  };
  kind?: 'serviceTask' | 'sendTask' | 'scriptTask' | 'businessRuleTask';
}

function multi(m: TaskOptions['multi']): string {
  if (!m) return '';
  return `<bpmn:multiInstanceLoopCharacteristics isSequential="${!!m.sequential}"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="${esc(m.collection)}"${m.element ? ` inputElement="${m.element}"` : ''}${m.output ? ` outputCollection="${m.output}"` : ''}${m.outputElement ? ` outputElement="${esc(m.outputElement)}"` : ''}/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>`;
}

export function serviceTask(id: string, type: string, o: TaskOptions = {}): string {
  const kind = o.kind ?? 'serviceTask';
  const headers = o.headers
    ? `<zeebe:taskHeaders>${Object.entries(o.headers)
        .map(([k, v]) => `<zeebe:header key="${k}" value="${esc(v)}"/>`)
        .join('')}</zeebe:taskHeaders>`
    : '';
  const def = `<zeebe:taskDefinition type="${esc(type)}"${o.retries ? ` retries="${o.retries}"` : ''}/>`;
  return `<bpmn:${kind} id="${id}" name="${id}">${ext(def, headers, io(o))}${multi(o.multi)}</bpmn:${kind}>`;
}

export interface UserTaskOptions extends Io {
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  formId?: string;
  externalReference?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: string;
}

export function userTask(id: string, o: UserTaskOptions = {}): string {
  const attrs = (pairs: [string, string | undefined][]) =>
    pairs
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => ` ${k}="${esc(v!)}"`)
      .join('');
  const assignment =
    o.assignee || o.candidateGroups || o.candidateUsers
      ? `<zeebe:assignmentDefinition${attrs([
          ['assignee', o.assignee],
          ['candidateGroups', o.candidateGroups],
          ['candidateUsers', o.candidateUsers],
        ])}/>`
      : '';
  const form =
    o.formId || o.externalReference
      ? `<zeebe:formDefinition${attrs([
          ['formId', o.formId],
          ['externalReference', o.externalReference],
        ])}/>`
      : '';
  const schedule =
    o.dueDate || o.followUpDate
      ? `<zeebe:taskSchedule${attrs([
          ['dueDate', o.dueDate],
          ['followUpDate', o.followUpDate],
        ])}/>`
      : '';
  const priority = o.priority ? `<zeebe:priorityDefinition priority="${o.priority}"/>` : '';
  return `<bpmn:userTask id="${id}" name="${id}">${ext('<zeebe:userTask/>', assignment, form, schedule, priority, io(o))}</bpmn:userTask>`;
}

export const xor = (id: string, defaultFlow?: string) =>
  `<bpmn:exclusiveGateway id="${id}"${defaultFlow ? ` default="${defaultFlow}"` : ''}/>`;
export const or = (id: string, defaultFlow?: string) =>
  `<bpmn:inclusiveGateway id="${id}"${defaultFlow ? ` default="${defaultFlow}"` : ''}/>`;
export const and = (id: string) => `<bpmn:parallelGateway id="${id}"/>`;
export const eventGateway = (id: string) => `<bpmn:eventBasedGateway id="${id}"/>`;

export const errorDef = (code?: string) =>
  `<bpmn:errorEventDefinition errorRef="${code ? `err_${code}` : 'err_any'}"/>`;
export const terminateDef = () => `<bpmn:terminateEventDefinition/>`;
export const timerDef = (kind: 'timeDate' | 'timeDuration' | 'timeCycle', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind}>${esc(value)}</bpmn:${kind}></bpmn:timerEventDefinition>`;
export const messageDef = (name: string) =>
  `<bpmn:messageEventDefinition messageRef="msg_${name}"/>`;
export const signalDef = (name: string) => `<bpmn:signalEventDefinition signalRef="sig_${name}"/>`;

export function catchEvent(
  id: string,
  eventDef: string,
  correlationKey?: string,
  o: Io = {},
): string {
  const sub = correlationKey ? `<zeebe:subscription correlationKey="${esc(correlationKey)}"/>` : '';
  return `<bpmn:intermediateCatchEvent id="${id}">${ext(sub, io(o))}${eventDef}</bpmn:intermediateCatchEvent>`;
}

export function boundary(
  id: string,
  attachedTo: string,
  eventDef: string,
  o: { interrupting?: boolean; correlationKey?: string } = {},
): string {
  const sub = o.correlationKey
    ? ext(`<zeebe:subscription correlationKey="${esc(o.correlationKey)}"/>`)
    : '';
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${o.interrupting !== false}">${sub}${eventDef}</bpmn:boundaryEvent>`;
}

export function receiveTask(id: string, message: string, correlationKey: string): string {
  return `<bpmn:receiveTask id="${id}" messageRef="msg_${message}">${ext(`<zeebe:subscription correlationKey="${esc(correlationKey)}"/>`)}</bpmn:receiveTask>`;
}

export function subProcess(id: string, ...elements: string[]): string {
  return `<bpmn:subProcess id="${id}">${elements.join('\n')}</bpmn:subProcess>`;
}

export function callActivity(id: string, processId: string, o: Io = {}): string {
  return `<bpmn:callActivity id="${id}">${ext(`<zeebe:calledElement processId="${processId}" propagateAllChildVariables="true"/>`, io(o))}</bpmn:callActivity>`;
}

/** A business rule task calling a DMN decision (`zeebe:calledDecision`). */
export function decisionTask(id: string, decisionId: string, resultVariable: string, o: Io = {}) {
  return `<bpmn:businessRuleTask id="${id}" name="${id}">${ext(`<zeebe:calledDecision decisionId="${esc(decisionId)}" resultVariable="${resultVariable}"/>`, io(o))}</bpmn:businessRuleTask>`;
}

export const throwEvent = (id: string, eventDef = '') =>
  `<bpmn:intermediateThrowEvent id="${id}">${eventDef}</bpmn:intermediateThrowEvent>`;
