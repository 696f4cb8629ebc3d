import { key, timestamp } from './common';
import { JsonSchema, object } from './json-schema';

export interface CancellationBody {
  reason: string;
}

export const cancellationBody = object(
  {
    reason: {
      type: 'string',
      title: '撤销理由',
      description: '记入办件时间线，申请人可见；须用中文填写，2至500个字符',
      minLength: 2,
      maxLength: 500,
      // At least one Chinese character: the applicant reads it (SPEC: texts for people are Chinese).
      pattern: '[\\u4e00-\\u9fff]',
      'x-message': '撤销理由须用中文填写',
    },
  },
  ['reason'],
);

export const cancelledApplication = object({
  applicationId: { type: 'string' },
  state: { type: 'string', enum: ['cancelled'] },
  stateName: { type: 'string' },
  instanceCancellation: {
    type: 'string',
    enum: ['done', 'owed'],
    description:
      'done：流程实例已终止（或早已不存在）；owed：流程引擎暂未答复，稍后自动终止，不会重复',
  },
});

export const operationApplicationParams = object({ id: key }, ['id']);

export interface SetClockBody {
  at: string;
}

export const setClockBody = object(
  { at: { ...timestamp, title: '业务时钟固定到的时刻', examples: ['2029-06-30T09:00:00+08:00'] } },
  ['at'],
);

export const clockState: JsonSchema = object(
  {
    now: { type: 'string', format: 'date-time', title: '业务时钟当前时刻' },
    today: { type: 'string', format: 'date', title: '业务日期（中国标准时间）' },
    pinned: { type: 'boolean', title: '是否已固定（否：系统时间）' },
    controllable: { type: 'boolean', title: '是否允许调整（BUSINESS_CLOCK_CONTROLLED）' },
  },
  ['now', 'today', 'pinned', 'controllable'],
);

export const dailyWorkReport: JsonSchema = object(
  {
    today: { type: 'string', format: 'date', title: '执行日期' },
    expired: { type: 'integer', title: '标记为过期的证书数' },
    autoReviews: { type: 'integer', title: '发起系统自动复核的证书数' },
    ceReminders: { type: 'integer', title: '继续教育到期提醒数' },
    expiryReminders: { type: 'integer', title: '证书到期提醒数' },
  },
  ['today', 'expired', 'autoReviews', 'ceReminders', 'expiryReminders'],
);
