import { APPLICATION_TYPE_NAMES } from '../../domain/application-types';
import { calendarDate, key, timestamp } from './common';
import { JsonSchema, arrayOf, nullable, object } from './json-schema';

export const taskKey: JsonSchema = {
  type: 'string',
  title: '任务编号',
  maxLength: 19,
  pattern: '^[1-9][0-9]{0,18}$',
  'x-message': '任务编号应为正整数',
};

export const taskKeyParams = object({ key: taskKey }, ['key']);

/** Query strings carry numbers as text; a bounded positive integer. */
export const positive = (title: string, maxLength: number): JsonSchema => ({
  type: 'string',
  title,
  maxLength,
  pattern: '^[1-9][0-9]*$',
  'x-message': `${title}应为正整数`,
});

export const MAX_PAGE_SIZE = 100;

export const paging = {
  page: positive('页码', 6),
  pageSize: { ...positive('每页条数', 3), description: `1至${MAX_PAGE_SIZE}，默认20` },
};

export const APPLICATION_TYPES = Object.keys(APPLICATION_TYPE_NAMES);

export interface TaskListQuery {
  page?: string;
  pageSize?: string;
  type?: string;
  applicationId?: string;
  applicant?: string;
  certificateNumber?: string;
  submittedFrom?: string;
  submittedTo?: string;
  due?: 'warning' | 'overdue';
  sort?: 'created' | 'due' | 'submitted';
  order?: 'asc' | 'desc';
}

export const taskListQuery = object({
  ...paging,
  type: { type: 'string', title: '业务类型', enum: [...APPLICATION_TYPES] },
  applicationId: { ...key, title: '办件编号' },
  applicant: {
    type: 'string',
    title: '当事人',
    minLength: 1,
    maxLength: 50,
    description: '从业人员或企业的姓名、名称、身份证号码或信用代码的一部分',
  },
  certificateNumber: { type: 'string', title: '证书编号', minLength: 1, maxLength: 40 },
  submittedFrom: { ...calendarDate, title: '提交日期起' },
  submittedTo: { ...calendarDate, title: '提交日期止' },
  due: {
    type: 'string',
    title: '办理时限',
    enum: ['warning', 'overdue'],
    description: 'warning 预警（3个工作日内到期），overdue 超期',
  },
  sort: {
    type: 'string',
    title: '排序',
    enum: ['created', 'due', 'submitted'],
    description: 'created 任务到达时间（默认），due 到期日，submitted 办件提交时间',
  },
  order: { type: 'string', title: '顺序', enum: ['asc', 'desc'], description: '默认 asc' },
});

export interface DoneListQuery {
  page?: string;
  pageSize?: string;
}

export const doneListQuery = object(paging);

const applicationOfTask = nullable(
  object({
    id: { type: 'string' },
    type: { type: 'string' },
    typeName: { type: 'string' },
    state: { type: 'string' },
    subject: { type: 'object' },
    applicant: nullable({ type: 'string', description: '当事人：从业人员姓名或企业名称' }),
    certificateNumber: nullable({ type: 'string' }),
    submittedAt: timestamp,
  }),
);

export const task = object({
  key: { type: 'string' },
  name: { type: 'string' },
  elementId: { type: 'string', description: '流程图中的用户任务编号，也是办件时间线的步骤代码' },
  processId: { type: 'string' },
  processName: nullable({ type: 'string' }),
  processInstanceKey: { type: 'string' },
  candidateGroups: arrayOf({ type: 'string' }),
  assignee: nullable({ type: 'string' }),
  createdAt: nullable({ type: 'string' }),
  limitDays: nullable({ type: 'integer', description: '办理时限（工作日）；无时限为空' }),
  dueDate: nullable({ ...calendarDate, description: '到期日（中国日期，按工作日计算）' }),
  warning: { type: 'boolean', description: '预警：3个工作日内到期' },
  overdue: { type: 'boolean', description: '超期' },
  batchApprovable: { type: 'boolean', description: '可批量审核（新发证的考试成绩审核）' },
  application: applicationOfTask,
});

const pageOf = (items: JsonSchema) =>
  object({
    items: arrayOf(items),
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
  });

export const taskPage = pageOf(task);

export const doneTask = object({
  taskKey: { type: 'string' },
  step: { type: 'string' },
  stepName: { type: 'string' },
  decision: { type: 'string', enum: ['approved', 'rejected'] },
  comment: nullable({ type: 'string' }),
  decidedAt: timestamp,
  application: applicationOfTask,
});

export const donePage = pageOf(doneTask);

export interface CompleteTaskBody {
  decision: 'approve' | 'reject';
  comment?: string;
}

export const completeBody = object(
  {
    decision: { type: 'string', title: '审核结果', enum: ['approve', 'reject'] },
    comment: {
      type: 'string',
      title: '理由',
      maxLength: 500,
      description: '不同意（reject）时必填，2至500个字符',
    },
  },
  ['decision'],
);

export const completed = object({
  key: { type: 'string' },
  applicationId: { type: 'string' },
  decision: { type: 'string' },
});

/** One batch is one regulator's screenful; bigger batches would hold the request too long. */
export const MAX_BATCH = 50;

export interface BatchCompleteBody {
  keys: string[];
  decision: 'approve';
  comment?: string;
}

export const batchCompleteBody = object(
  {
    keys: arrayOf(taskKey, {
      title: '任务编号',
      minItems: 1,
      maxItems: MAX_BATCH,
      uniqueItems: true,
    }),
    decision: {
      type: 'string',
      title: '审核结果',
      enum: ['approve'],
      description: '批量审核只能同意；不同意须逐件填写理由',
    },
    comment: { type: 'string', title: '审批意见', maxLength: 500 },
  },
  ['keys', 'decision'],
);

export const batchResult = object({
  results: arrayOf(
    object({
      key: { type: 'string' },
      ok: { type: 'boolean' },
      applicationId: nullable({ type: 'string' }),
      code: nullable({ type: 'string', description: '失败时的错误码' }),
      message: nullable({ type: 'string', description: '失败时的中文说明' }),
    }),
  ),
  approved: { type: 'integer' },
  failed: { type: 'integer' },
});

export const taskForm = object({
  formId: nullable({ type: 'string' }),
  schema: nullable({ type: 'object', description: 'Camunda 表单（form-js）的 JSON；无表单为空' }),
  variables: { type: 'object', description: '表单用到的流程变量（如 applicationId）' },
});

export interface ReassignBody {
  username: string;
  comment?: string;
}

export const reassignBody = object(
  {
    username: { type: 'string', title: '同事的用户名', minLength: 1, maxLength: 64 },
    comment: { type: 'string', title: '转办说明', maxLength: 500 },
  },
  ['username'],
);

export const taskSummary = object({
  open: { type: 'integer', description: '待办总数' },
  warning: { type: 'integer', description: '预警数' },
  overdue: { type: 'integer', description: '超期数' },
  byType: arrayOf(
    object({
      type: { type: 'string' },
      typeName: { type: 'string' },
      open: { type: 'integer' },
      warning: { type: 'integer' },
      overdue: { type: 'integer' },
    }),
  ),
  byAge: arrayOf(
    object({
      label: { type: 'string', description: '办件已等待（自提交日起），如 “4–7天”' },
      count: { type: 'integer' },
      submittedFrom: nullable(calendarDate),
      submittedTo: calendarDate,
    }),
  ),
  submittedPerDay: arrayOf(object({ day: calendarDate, count: { type: 'integer' } }), {
    description: '近30日每日提交的办件数（本角色审核的业务）',
  }),
  certificatesByState: arrayOf(
    object({
      state: { type: 'string' },
      stateName: { type: 'string' },
      count: { type: 'integer' },
    }),
    { description: '各状态证书数（仅主管部门）' },
  ),
});
