/** Escalations and event subprocesses for engine tests, beside bpmn-builder.ts. */
import * as b from './bpmn-builder';

/** Escalation definitions for every `escalationRef="esc_X"` (code X), as the builder does for errors. */
export function proc(id: string, ...elements: string[]): string {
  const xml = b.process(id, ...elements);
  const codes = [...new Set(xml.match(/escalationRef="esc_[^"]+"/g) ?? [])].map((m) =>
    m.slice(19, -1),
  );
  const defs = codes.map((c) => `<bpmn:escalation id="esc_${c}" escalationCode="${c}"/>`);
  return xml.replace('</bpmn:definitions>', `${defs.join('\n')}\n</bpmn:definitions>`);
}

/** An escalation event definition; without a code a catch-all. */
export const escalationDef = (code?: string) =>
  code
    ? `<bpmn:escalationEventDefinition escalationRef="esc_${code}"/>`
    : '<bpmn:escalationEventDefinition/>';

export const eventSub = (id: string, ...elements: string[]) =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true">${elements.join('\n')}</bpmn:subProcess>`;

export function startOf(
  id: string,
  eventDef: string,
  o: { interrupting?: boolean; correlationKey?: string } = {},
): string {
  const sub = o.correlationKey
    ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${o.correlationKey}"/></bpmn:extensionElements>`
    : '';
  return `<bpmn:startEvent id="${id}" isInterrupting="${o.interrupting !== false}">${sub}${eventDef}</bpmn:startEvent>`;
}
