/**
 * Element templates (Camunda 8 element template schema) for our building blocks, generated from
 * the contract: one per job type that has a worker, and the review / confirmation user tasks.
 * An analyst picks "签发证书" and never types a job type or a header; the properties panel shows
 * only the choices the contract allows (message templates, states, check codes).
 */
import type { HeaderSpec } from './job-contract';
import type { ProcessContract } from './problems';

const SCHEMA =
  'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json';
export const TEMPLATE_PREFIX = 'gas-cert.';

type Property = Record<string, unknown>;
export interface ElementTemplate {
  $schema: string;
  id: string;
  name: string;
  version: number;
  description?: string;
  appliesTo: string[];
  elementType: { value: string };
  groups: { id: string; label: string }[];
  properties: Property[];
}

const header = (key: string) => ({ type: 'zeebe:taskHeader', key });

function headerProperty(h: HeaderSpec, contract: ProcessContract): Property {
  const base = { label: h.title, group: 'block', binding: header(h.key) };
  const dropdown = (choices: readonly { value: string; name: string }[]) => ({
    ...base,
    type: 'Dropdown',
    choices: [...(h.required ? [] : [{ value: '', name: '（无）' }]), ...choices],
    value: h.required ? choices[0]?.value : '',
  });
  switch (h.kind) {
    case 'enum':
      return dropdown(h.options!.map((o) => ({ value: o.value, name: o.label })));
    case 'state':
      return dropdown(contract.states.map((s) => ({ value: s.value, name: s.label })));
    case 'template':
      return dropdown(contract.messageTemplates.map((t) => ({ value: t.code, name: t.title })));
    case 'checks': {
      const codes = contract.checks.map((c) => c.code.replace(/-/g, '\\-')).join('|');
      return {
        ...base,
        type: 'String',
        description: `在下方“检测条件选择”中勾选；可选：${contract.checks.map((c) => `${c.title}（${c.code}）`).join('、')}`,
        constraints: {
          notEmpty: true,
          pattern: { value: `^(${codes})(,(${codes}))*$`, message: '只能填写检测条件目录中的代码' },
        },
      };
    }
    default:
      return { ...base, type: 'String', constraints: { notEmpty: h.required } };
  }
}

function jobTemplates(contract: ProcessContract): ElementTemplate[] {
  return Object.entries(contract.jobTypes).map(([type, job]) => ({
    $schema: SCHEMA,
    id: `${TEMPLATE_PREFIX}${type}`,
    name: job.title,
    version: 1,
    description: `作业类型 ${type}`,
    appliesTo: ['bpmn:Task'],
    elementType: { value: job.element },
    groups: [{ id: 'block', label: '业务构件' }],
    properties: [
      { type: 'Hidden', value: type, binding: { type: 'zeebe:taskDefinition', property: 'type' } },
      {
        type: 'Hidden',
        value: '3',
        binding: { type: 'zeebe:taskDefinition', property: 'retries' },
      },
      {
        label: '时间线步骤代码',
        description: '办件时间线上此步骤的代码，一般与元素编号相同',
        type: 'String',
        group: 'block',
        binding: header('step'),
        constraints: {
          notEmpty: true,
          pattern: { value: '^[a-z][a-z0-9-]*$', message: '小写字母、数字和 -' },
        },
      },
      ...job.headers.map((h) => headerProperty(h, contract)),
    ],
  }));
}

const REVIEWS: readonly {
  id: string;
  name: string;
  groups: { value: string; name: string }[];
  form: string;
}[] = [
  {
    id: 'regulator-review',
    name: '主管部门审核',
    groups: [{ value: 'regulator', name: '主管部门' }],
    form: 'review-decision',
  },
  {
    id: 'association-review',
    name: '燃气协会审核',
    groups: [{ value: 'association', name: '燃气协会' }],
    form: 'review-decision',
  },
  {
    id: 'enterprise-confirm',
    name: '企业确认',
    groups: [{ value: '=["enterprise:" + creditCode]', name: '办件的企业' }],
    form: 'review-decision',
  },
  {
    id: 'person-consent',
    name: '本人确认',
    groups: [{ value: '=["person:" + idNumber]', name: '办件的从业人员' }],
    form: 'consent-decision',
  },
];

function userTaskTemplates(contract: ProcessContract): ElementTemplate[] {
  return REVIEWS.map((r) => ({
    $schema: SCHEMA,
    id: `${TEMPLATE_PREFIX}${r.id}`,
    name: r.name,
    version: 1,
    appliesTo: ['bpmn:Task'],
    elementType: { value: 'bpmn:UserTask' },
    groups: [{ id: 'block', label: '业务构件' }],
    properties: [
      { type: 'Hidden', value: '', binding: { type: 'zeebe:userTask' } },
      {
        label: '候选组（谁办理）',
        type: 'Dropdown',
        group: 'block',
        value: r.groups[0].value,
        choices: r.groups,
        binding: { type: 'zeebe:assignmentDefinition', property: 'candidateGroups' },
      },
      {
        label: '表单',
        type: 'Dropdown',
        group: 'block',
        value: r.form,
        choices: contract.forms.map((f) => ({ value: f, name: f })),
        binding: { type: 'zeebe:formDefinition', property: 'formId' },
      },
    ],
  }));
}

/** Every template of our building blocks, for the modeler's element template chooser. */
export function elementTemplates(contract: ProcessContract): ElementTemplate[] {
  return [...jobTemplates(contract), ...userTaskTemplates(contract)];
}
