import { calendarDate } from './common';
import { JsonSchema, arrayOf, nullable, object } from './json-schema';

const type: JsonSchema = { type: 'string', enum: ['A', 'B', 'C'], description: '证书类别' };
const state: JsonSchema = {
  type: 'string',
  enum: ['valid', 'abnormal', 'expired', 'cancelled'],
  description: '证书状态',
};

export const certificate = object({
  id: { type: 'string' },
  number: { type: 'string', description: '证书编号' },
  type,
  typeName: { type: 'string' },
  jobType: nullable({ type: 'string' }),
  jobTypeName: nullable({ type: 'string' }),
  holder: object({
    personId: { type: 'string' },
    name: { type: 'string' },
    idNumber: { type: 'string' },
  }),
  unit: object({ enterpriseId: { type: 'string' }, name: { type: 'string' } }),
  firstIssueDate: calendarDate,
  validityStart: calendarDate,
  validityEnd: calendarDate,
  ceDeadline: { ...calendarDate, description: '继续教育截止日期' },
  ceReviewed: { type: 'boolean' },
  state,
  stateName: { type: 'string' },
  abnormalReasons: arrayOf(object({ code: { type: 'string' }, name: { type: 'string' } })),
  verifyPath: { type: 'string', description: '公开核验链接（二维码内容）的路径' },
});

export const certificateList = arrayOf(certificate);

export const verifyParams = object(
  { token: { type: 'string', title: '核验码', minLength: 1, maxLength: 200 } },
  ['token'],
);

export const verification = object(
  {
    genuine: { type: 'boolean', description: '是否为本系统签发的真实证书' },
    detail: { type: 'string' },
    usable: {
      type: 'boolean',
      description: '证书当前是否可以使用（状态正常且未超过有效期）；异常、过期、注销为 false',
    },
    reasons: arrayOf({ type: 'string' }, { description: '不可使用的原因（中文）；可以使用时为空' }),
    issuingAuthority: { type: 'string', description: '发证机关' },
    checkedAt: { type: 'string', format: 'date-time', description: '核验时间' },
    number: { type: 'string' },
    state,
    stateName: { type: 'string' },
    holderName: { type: 'string' },
    idNumberMasked: { type: 'string', examples: ['6301**********123X'] },
    type,
    typeName: { type: 'string' },
    jobType: nullable({ type: 'string' }),
    jobTypeName: nullable({ type: 'string' }),
    unitName: { type: 'string' },
    firstIssueDate: calendarDate,
    validityStart: calendarDate,
    validityEnd: calendarDate,
  },
  ['genuine', 'detail', 'checkedAt'],
);

const at = { type: 'string', format: 'date-time' } as const;

export const certificateHistory = object({
  certificate,
  issuances: arrayOf(
    object({
      id: { type: 'string' },
      kind: { type: 'string', enum: ['issue', 'reissue'] },
      kindName: { type: 'string' },
      reason: { type: 'string' },
      reasonName: { type: 'string' },
      number: { type: 'string', description: '该次发证/换发打印的证书编号' },
      issuedAt: at,
      applicationId: { type: 'string' },
      hasPdf: { type: 'boolean' },
    }),
  ),
  numbers: arrayOf(
    object({
      number: { type: 'string' },
      since: at,
      until: nullable(at),
      current: { type: 'boolean' },
    }),
  ),
  states: arrayOf(
    object({
      fromState: nullable({ type: 'string' }),
      toState: state,
      toStateName: { type: 'string' },
      at,
      applicationId: nullable({ type: 'string' }),
    }),
  ),
  applications: arrayOf(
    object({
      id: { type: 'string' },
      type: { type: 'string' },
      state: { type: 'string' },
      createdAt: at,
      completedAt: nullable(at),
    }),
  ),
  reviews: arrayOf(
    object({
      deadline: { ...calendarDate, description: '复核的继续教育截止日期' },
      outcome: { type: 'string', enum: ['passed', 'failed'] },
      outcomeName: { type: 'string' },
      reviewedAt: at,
    }),
  ),
});
