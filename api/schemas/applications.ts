import { calendarDate, idNumber, key, personName, timestamp } from './common';
import { JsonSchema, arrayOf, nullable, object } from './json-schema';

export interface CategoriesBody {
  categories: string[];
}

export const categoriesBody = object(
  {
    categories: arrayOf(
      {
        type: 'string',
        title: '经营类别代码',
        // A size bound only: unknown codes get the domain's 422 `categories-unknown`.
        maxLength: 10,
        description: 'G 管道燃气、P 瓶装燃气、J 燃气汽车加气站、T 其他',
      },
      { title: '经营类别', minItems: 1, maxItems: 4, examples: [['G', 'P']] },
    ),
  },
  ['categories'],
);

/** What a request that starts a process answers. */
export const startedApplication = object({
  applicationId: { type: 'string' },
  processInstanceKey: {
    type: ['string', 'null'],
    description: '流程实例编号；为空表示已受理、流程正在启动（引擎稍后补启，不会重复）',
  },
  state: { type: 'string' },
});

/** The labour contract file, base64 in the JSON body (at most 5 MB decoded). */
export const CONTRACT_MAX_BYTES = 5 * 1024 * 1024;
export const CONTRACT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export interface EmploymentProposalBody {
  idNumber: string;
  name: string;
  contractStart: string;
  contractEnd?: string | null;
  commitmentAccepted: boolean;
  contractFile: { name: string; mime: string; contentBase64: string };
}

export const employmentProposalBody = object(
  {
    idNumber,
    name: { ...personName, title: '从业人员姓名（须与实名认证一致）' },
    contractStart: { ...calendarDate, title: '劳动合同开始日期' },
    contractEnd: nullable({ ...calendarDate, title: '劳动合同结束日期（null 为无固定期限）' }),
    commitmentAccepted: {
      type: 'boolean',
      title: '已阅读并接受用人单位承诺书（须为 true）',
    },
    contractFile: object(
      {
        name: { type: 'string', title: '文件名', minLength: 1, maxLength: 200 },
        mime: { type: 'string', title: '文件类型', enum: [...CONTRACT_TYPES] },
        contentBase64: {
          type: 'string',
          title: '文件内容（Base64）',
          minLength: 4,
          // 5 MB of bytes are at most this many base64 characters.
          maxLength: Math.ceil(CONTRACT_MAX_BYTES / 3) * 4,
          pattern: '^[A-Za-z0-9+/]+={0,2}$',
          'x-message': '文件内容应为 Base64 编码',
        },
      },
      ['name', 'mime', 'contentBase64'],
      { title: '劳动合同文件', description: 'PDF、JPEG 或 PNG，不超过 5 MB，Base64 编码' },
    ),
  },
  ['idNumber', 'name', 'contractStart', 'commitmentAccepted', 'contractFile'],
);

const checkResult = object({
  code: { type: 'string' },
  passed: { type: 'boolean' },
  message: { type: 'string' },
});

const timelineEntry = object({
  step: { type: 'string', description: '步骤代码（流程图中的元素编号，或 submitted 等系统步骤）' },
  stepName: {
    type: 'string',
    description: '步骤名称（已部署流程图中的元素名称，如“主管部门审核考试成绩”）',
  },
  actor: { type: 'string' },
  at: timestamp,
  decision: nullable({ type: 'string', enum: ['approved', 'rejected', null] }),
  comment: nullable({ type: 'string' }),
});

export const applicationSummary = object({
  id: { type: 'string' },
  type: { type: 'string' },
  typeName: { type: 'string' },
  state: { type: 'string' },
  stateName: {
    type: 'string',
    description:
      '状态名称；流程异常时主管部门等工作人员看到“流程异常（待运维处理）”，申请人看到“处理中”',
  },
  incident: nullable(
    object(
      {
        message: { type: 'string', description: '引擎记录的错误信息（运维用）' },
        elementId: { type: 'string' },
        elementName: { type: 'string', description: '出错的流程步骤名称' },
        since: timestamp,
      },
      [],
      {
        description:
          '仅工作人员可见：办理中的办件其流程实例的未处理异常；无异常为 null，申请人无此字段',
      },
    ),
  ),
  personId: nullable({ type: 'string' }),
  enterpriseId: nullable({ type: 'string' }),
  employmentId: nullable({ type: 'string' }),
  examResultId: nullable({ type: 'string' }),
  processInstanceKey: nullable({ type: 'string' }),
  subject: { type: 'object' },
  createdAt: timestamp,
  completedAt: nullable(timestamp),
});

export const applicationDetail: JsonSchema = object({
  ...applicationSummary.properties,
  checkResults: arrayOf(checkResult),
  timeline: arrayOf(timelineEntry),
});

export const applicationsQuery = object({
  state: {
    type: 'string',
    enum: [
      'submitted',
      'awaiting-enterprise',
      'awaiting-review',
      'approved',
      'rejected',
      'lapsed',
      'completed',
      'withdrawn',
      'cancelled',
    ],
  },
  type: { type: 'string', maxLength: 40 },
});

export const applicationIdParams = object({ id: key }, ['id']);

export const applicationProgress = object({
  applicationId: { type: 'string' },
  available: {
    type: 'boolean',
    description: '流程引擎是否答复；为 false 时 steps 为空，仅以时间线显示进度',
  },
  steps: arrayOf(
    object({
      elementId: { type: 'string', description: '流程图中的元素编号' },
      name: { type: 'string', description: '步骤名称（已部署流程图中的元素名称）' },
      kind: { type: 'string', enum: ['start', 'userTask', 'serviceTask', 'end'] },
      status: {
        type: 'string',
        enum: ['done', 'current', 'stopped', 'pending'],
        description: 'done 已完成、current 办理中、stopped 已中止（撤回、撤销）、pending 尚未到达',
      },
      at: nullable(timestamp),
    }),
  ),
});
