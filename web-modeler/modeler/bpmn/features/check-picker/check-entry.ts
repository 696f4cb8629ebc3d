/**
 * One check of the catalogue as a checkbox: ticked when its code is in the task's `checks`
 * header; ticking or unticking rewrites the header through bpmn-js's modeling (undoable).
 */
import { CheckboxEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';

interface Moddle {
  $type: string;
  [key: string]: unknown;
}
interface Shape {
  businessObject: Moddle;
}

const values = (m: Moddle | undefined): Moddle[] => (m?.values as Moddle[] | undefined) ?? [];

export function taskHeaders(element: Shape): Moddle | undefined {
  const ext = element.businessObject.extensionElements as Moddle | undefined;
  return values(ext).find((v) => v.$type === 'zeebe:TaskHeaders');
}

export function checkCodes(element: Shape): string[] {
  const header = values(taskHeaders(element)).find((v) => v.key === 'checks');
  return String(header?.value ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
}

export function CheckEntry(props: { element: Shape; id: string; code: string; label: string }) {
  const { element, id, code, label } = props;
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const setValue = (on: boolean) => {
    const codes = checkCodes(element).filter((c) => c !== code);
    if (on) codes.push(code);
    const value = codes.join(',');
    const bo = element.businessObject;
    let ext = bo.extensionElements as Moddle | undefined;
    if (!ext) {
      ext = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      modeling.updateModdleProperties(element, bo, { extensionElements: ext });
    }
    let headers = taskHeaders(element);
    if (!headers) {
      headers = bpmnFactory.create('zeebe:TaskHeaders', { values: [] });
      modeling.updateModdleProperties(element, ext!, { values: [...values(ext), headers] });
    }
    const header = values(headers).find((v) => v.key === 'checks');
    if (header) modeling.updateModdleProperties(element, header, { value });
    else
      modeling.updateModdleProperties(element, headers!, {
        values: [...values(headers), bpmnFactory.create('zeebe:Header', { key: 'checks', value })],
      });
  };
  return h(CheckboxEntry, {
    element,
    id,
    label,
    getValue: () => checkCodes(element).includes(code),
    setValue,
  });
}
