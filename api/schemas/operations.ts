import { key } from './common';
import { object } from './json-schema';

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
