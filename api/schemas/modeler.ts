import { key, timestamp } from './common';
import { JsonSchema, arrayOf, nullable, object } from './json-schema';

const processId: JsonSchema = {
  type: 'string',
  title: '流程编号',
  maxLength: 100,
  pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$',
  'x-message': '流程编号只能含字母、数字、_ . -，并以字母或 _ 开头',
};

export const processParams = object({ processId }, ['processId']);
export const versionParams = object(
  {
    processId,
    version: {
      type: 'string',
      title: '版本',
      pattern: '^[1-9][0-9]{0,8}$',
      maxLength: 9,
      'x-message': '版本应为正整数',
    },
  },
  ['processId', 'version'],
);
export const draftParams = object({ processId, id: key }, ['processId', 'id']);

const xml: JsonSchema = {
  type: 'string',
  title: 'BPMN XML',
  minLength: 1,
  maxLength: 500_000,
};
const forms: JsonSchema = {
  type: 'object',
  title: '表单',
  description: '表单编号 → form-js 表单定义（随流程图一起保存和部署的表单）',
  additionalProperties: { type: 'object' },
};
const comment: JsonSchema = {
  type: 'string',
  title: '说明',
  description: '改了什么、为什么（版本记录中可见）',
  minLength: 1,
  maxLength: 500,
};

export interface DraftBody {
  xml: string;
  forms: Record<string, unknown>;
  comment: string;
  basedOnVersion?: number | null;
}
export const draftBody = object(
  {
    xml,
    forms,
    comment,
    basedOnVersion: nullable({ type: 'integer', minimum: 1, title: '所基于的已部署版本' }),
  },
  ['xml', 'forms', 'comment'],
);

export interface DeployBody {
  xml: string;
  forms: Record<string, unknown>;
  comment: string;
  draftId?: string | null;
}
export const deployBody = object(
  { xml, forms, comment, draftId: nullable({ ...key, title: '所部署的草稿' }) },
  ['xml', 'forms', 'comment'],
);

export interface CheckBody {
  xml: string;
  forms?: Record<string, unknown>;
}
export const checkBody = object({ xml, forms }, ['xml']);

const draftSummary = object({
  id: { type: 'string' },
  processId: { type: 'string' },
  comment: { type: 'string' },
  basedOnVersion: nullable({ type: 'integer' }),
  author: { type: 'string' },
  createdAt: timestamp,
});
export const draftCreated = draftSummary;
export const draft = object({
  ...draftSummary.properties,
  xml: { type: 'string' },
  forms,
});

const version = object({
  version: { type: 'integer' },
  processDefinitionKey: { type: 'string' },
  deployer: nullable({
    type: 'string',
    description: '经建模器部署时的部署人；启动时从 processes/ 部署的版本为 null',
  }),
  comment: nullable({ type: 'string' }),
  deployedAt: nullable(timestamp),
});
const processSummary = {
  processId: { type: 'string' },
  name: { type: 'string' },
  file: nullable({ type: 'string', description: 'processes/ 中的文件名' }),
  latestVersion: nullable({ type: 'integer' }),
  versions: arrayOf(version),
  latestDraft: nullable(draftSummary),
  draftCount: { type: 'integer' },
};
export const processList = object({ items: arrayOf(object(processSummary)) });
export const processDetail = object({ ...processSummary, drafts: arrayOf(draftSummary) });
export const versionXml = object({
  processId: { type: 'string' },
  version: { type: 'integer' },
  xml: { type: 'string' },
});

export const diagramProblem = object({
  elementId: { type: 'string' },
  severity: { type: 'string', enum: ['error', 'warning'] },
  code: { type: 'string' },
  message: { type: 'string' },
});
export const checkResult = object({ problems: arrayOf(diagramProblem) });
export const deployed = object({
  processId: { type: 'string' },
  version: { type: 'integer' },
  processDefinitionKey: { type: 'string' },
  unchanged: { type: 'boolean', description: '内容与引擎中已有版本相同，未产生新版本' },
  writtenBack: arrayOf({ type: 'string' }, { description: '开发环境下写回 processes/ 的文件' }),
});
export const contractAnswer = object({
  contract: {
    type: 'object',
    description: '契约：作业类型（有处理程序的）、检测条件目录、表单、消息模板、启动变量、办件状态',
  },
  templates: arrayOf(
    { type: 'object' },
    { description: '业务构件的元素模板（Camunda 8 元素模板格式）' },
  ),
});
export const formsAnswer = object({ forms });
