/** Schemas of the operations view's routes (issue 11 item 3). */
import { calendarDate, key, timestamp } from './common';
import { JsonSchema, arrayOf, nullable, object } from './json-schema';
import { cancellationBody } from './operations';
import { paging, positive, taskKey } from './tasks';

/** Engine keys are int64: up to 19 digits (our application ids stop at 18), as task keys. */
export const instanceKey: JsonSchema = {
  ...taskKey,
  title: '流程实例编号',
  'x-message': '编号应为正整数',
};

export const instanceKeyParams = object({ key: instanceKey }, ['key']);

/** The filter of the list, of the batches, as query strings or as a JSON object alike. */
const filterFields: Record<string, JsonSchema> = {
  processId: {
    type: 'string',
    title: '流程',
    description: '流程定义编号（BPMN 流程 id），如 new-issue',
    minLength: 1,
    maxLength: 100,
    pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$',
    'x-message': '流程编号格式不正确',
  },
  version: positive('流程版本', 6),
  state: {
    type: 'string',
    title: '状态',
    enum: ['active', 'completed', 'terminated'],
    description: 'active 运行中，completed 已完成，terminated 已终止',
  },
  incident: {
    type: 'string',
    title: '有无异常',
    enum: ['true', 'false'],
  },
  applicationId: { ...key, title: '办件编号' },
  startedFrom: { ...calendarDate, title: '启动日期起（中国日期）' },
  startedTo: { ...calendarDate, title: '启动日期止（中国日期，含当日）' },
};

export const instanceListQuery = object({
  ...filterFields,
  ...paging,
});

export const instanceFilter = object(filterFields, [], {
  title: '筛选条件',
  description: '与流程实例列表的筛选条件相同',
});

export const batchRetryBody = object({ filter: instanceFilter }, ['filter']);
export const batchCancelBody = object(
  { filter: instanceFilter, reason: cancellationBody.properties!.reason },
  ['filter', 'reason'],
);

export const variablesBody = object(
  {
    variables: {
      type: 'object',
      title: '变量',
      description: '变量名到新值（任意 JSON）；写入流程实例的全局作用域，已有的被覆盖',
      minProperties: 1,
    },
  },
  ['variables'],
);

export const restartBody = object(
  {
    elementId: {
      type: 'string',
      title: '重新办理的环节',
      description: '流程图中的环节编号，须为流程实例详情 restartableSteps 之一',
      minLength: 1,
      maxLength: 200,
    },
    reason: {
      ...cancellationBody.properties!.reason,
      title: '重新办理的理由',
      'x-message': '理由须用中文填写',
    },
  },
  ['elementId', 'reason'],
);

const applicationRef = nullable(
  object({
    id: { type: 'string' },
    type: { type: 'string' },
    typeName: { type: 'string' },
    state: { type: 'string' },
    stateName: { type: 'string' },
  }),
);

const instanceFields = {
  processInstanceKey: { type: 'string' },
  processDefinitionKey: { type: 'string' },
  processId: { type: 'string' },
  processName: { type: 'string' },
  version: { type: 'integer' },
  state: { type: 'string', enum: ['ACTIVE', 'COMPLETED', 'TERMINATED'] },
  stateName: { type: 'string' },
  hasIncident: { type: 'boolean' },
  startDate: timestamp,
  endDate: nullable(timestamp),
  application: applicationRef,
};

export const instancePage = object({
  items: arrayOf(object(instanceFields)),
  total: { type: 'integer' },
  page: { type: 'integer' },
  pageSize: { type: 'integer' },
});

export const processList = arrayOf(
  object({
    processId: { type: 'string' },
    name: { type: 'string' },
    versions: arrayOf({ type: 'integer' }, { description: '已部署的版本，新的在前' }),
  }),
);

export const instanceDetail = object({
  ...instanceFields,
  xml: { type: 'string', description: '流程定义的 BPMN XML' },
  elements: arrayOf(
    object({
      elementInstanceKey: { type: 'string' },
      elementId: { type: 'string' },
      elementName: { type: 'string' },
      type: { type: 'string' },
      state: { type: 'string' },
      startDate: timestamp,
      endDate: nullable(timestamp),
      incidentKey: nullable({ type: 'string' }),
    }),
    { description: '该实例经过和正在办理的环节，按开始顺序' },
  ),
  activeCounts: {
    type: 'object',
    description: '同一流程版本中，每个环节正在办理的实例数（环节编号 → 数量）',
  },
  incidents: arrayOf(
    object({
      incidentKey: { type: 'string' },
      elementId: { type: 'string' },
      elementName: { type: 'string' },
      errorType: { type: 'string' },
      message: { type: 'string' },
      since: timestamp,
      jobKey: nullable({ type: 'string' }),
    }),
  ),
  variables: arrayOf(
    object({
      name: { type: 'string' },
      value: { type: 'string', description: '值的 JSON 文本' },
      truncated: { type: 'boolean' },
    }),
  ),
  restartableSteps: arrayOf(object({ elementId: { type: 'string' }, name: { type: 'string' } })),
});

export const retried = object({
  incidentKey: { type: 'string' },
  processInstanceKey: { type: 'string' },
});

export const variablesSet = object({
  processInstanceKey: { type: 'string' },
  names: arrayOf({ type: 'string' }),
});

export const instanceCancelled = object({
  processInstanceKey: { type: 'string' },
  applicationId: nullable({ type: 'string' }),
  instanceCancellation: { type: 'string', enum: ['done', 'owed'] },
});

export const restarted = object({
  processInstanceKey: { type: 'string' },
  elementId: { type: 'string' },
  stepName: { type: 'string' },
});

export const batchReport = object({
  total: { type: 'integer' },
  succeeded: { type: 'integer' },
  failed: { type: 'integer' },
  results: arrayOf(
    object({
      processInstanceKey: { type: 'string' },
      ok: { type: 'boolean' },
      code: { type: 'string' },
      message: { type: 'string' },
    }),
  ),
});

export const stuckApplications = arrayOf(
  object({
    application: object({
      id: { type: 'string' },
      type: { type: 'string' },
      typeName: { type: 'string' },
      state: { type: 'string' },
      stateName: { type: 'string' },
      createdAt: timestamp,
    }),
    processInstanceKey: nullable({ type: 'string' }),
    cause: {
      type: 'string',
      enum: ['incident', 'terminated', 'completed', 'not-found', 'closed-unexplained'],
    },
    causeName: { type: 'string' },
    detail: nullable({ type: 'string' }),
    repairs: arrayOf({ type: 'string', enum: ['retry', 'restart', 'close', 'explain'] }),
  }),
);

export const closed = object({
  applicationId: { type: 'string' },
  state: { type: 'string', enum: ['cancelled'] },
  stateName: { type: 'string' },
  outcome: { type: 'string', enum: ['cancelled', 'explained'] },
});

const processIdField = filterFields.processId;
const versionField = (title: string) => ({ ...positive(title, 6) });

export const migrationPlanQuery = object(
  {
    processId: processIdField,
    sourceVersion: versionField('源版本'),
    targetVersion: versionField('目标版本'),
  },
  ['processId', 'sourceVersion', 'targetVersion'],
);

export const migrationPlan = object({
  sourceProcessDefinitionKey: { type: 'string' },
  targetProcessDefinitionKey: { type: 'string' },
  waiting: arrayOf(
    object({
      elementId: { type: 'string' },
      name: { type: 'string' },
      type: { type: 'string' },
      count: { type: 'integer', description: '在此环节等待的实例数' },
      proposedTarget: nullable({ type: 'string', description: '目标版本中同编号的环节' }),
    }),
  ),
  targets: arrayOf(object({ elementId: { type: 'string' }, name: { type: 'string' } })),
  instances: arrayOf(instanceKey, { description: '源版本运行中的实例（至多500个）' }),
  totalInstances: { type: 'integer' },
});

const elementId = { type: 'string', minLength: 1, maxLength: 200 };

export const migrationBody = object(
  {
    processId: processIdField,
    sourceVersion: versionField('源版本'),
    targetVersion: versionField('目标版本'),
    mappings: arrayOf(
      object({ sourceElementId: elementId, targetElementId: elementId }, [
        'sourceElementId',
        'targetElementId',
      ]),
      { minItems: 1, maxItems: 500 },
    ),
    processInstanceKeys: arrayOf(instanceKey, {
      minItems: 1,
      maxItems: 500,
      uniqueItems: true,
      description: '要迁移的实例；不填则迁移源版本全部运行中的实例（至多500个）',
    }),
  },
  ['processId', 'sourceVersion', 'targetVersion', 'mappings'],
);
