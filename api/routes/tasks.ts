import { principalOf } from '../auth/policy';
import { route } from '../route';
import { JsonSchema, arrayOf, nullable, object } from '../schemas/json-schema';
import type { UseCaseContext } from '../use-cases/context';
import { claimTask, completeTask, myTasks } from '../use-cases/tasks';
import { ok, problems } from './responses';

const TAG = '待办任务';
const ANY = { roles: ['person', 'enterprise', 'regulator', 'association', 'training'] } as const;

const taskKey: JsonSchema = {
  type: 'string',
  title: '任务编号',
  maxLength: 19,
  pattern: '^[1-9][0-9]{0,18}$',
  'x-message': '任务编号应为正整数',
};
const keyParams = object({ key: taskKey }, ['key']);

const task = object({
  key: { type: 'string' },
  name: { type: 'string' },
  elementId: { type: 'string', description: '流程图中的用户任务编号，也是办件时间线的步骤代码' },
  processId: { type: 'string' },
  processName: nullable({ type: 'string' }),
  processInstanceKey: { type: 'string' },
  candidateGroups: arrayOf({ type: 'string' }),
  assignee: nullable({ type: 'string' }),
  createdAt: nullable({ type: 'string' }),
  application: nullable(
    object({
      id: { type: 'string' },
      type: { type: 'string' },
      state: { type: 'string' },
      subject: { type: 'object' },
    }),
  ),
});

export interface CompleteTaskBody {
  decision: 'approve' | 'reject';
  comment?: string;
}

const completeBody = object(
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

export function taskRoutes(ctx: UseCaseContext) {
  return [
    route({
      method: 'get',
      path: '/api/tasks',
      operationId: 'listMyTasks',
      tag: TAG,
      summary: '我的待办任务',
      description:
        '流程中候选组与当前身份匹配的用户任务：主管部门 regulator、燃气协会 association、企业 enterprise:<信用代码>、从业人员 person:<身份证号码>。',
      access: ANY,
      responses: { 200: ok('待办任务', arrayOf(task)), ...problems(401, 403) },
      handle: async ({ req }) => ({ body: await myTasks(ctx, principalOf(req)) }),
    }),
    route<unknown, unknown, { key: string }>({
      method: 'post',
      path: '/api/tasks/{key}/claim',
      operationId: 'claimTask',
      tag: TAG,
      summary: '认领任务',
      access: ANY,
      params: keyParams,
      responses: { 200: ok('已认领', task), ...problems(400, 401, 403, 404, 409) },
      handle: async ({ req, params }) => ({
        body: await claimTask(ctx, principalOf(req), params.key),
      }),
    }),
    route<CompleteTaskBody, unknown, { key: string }>({
      method: 'post',
      path: '/api/tasks/{key}/complete',
      operationId: 'completeTask',
      tag: TAG,
      summary: '办理任务（同意 / 不同意）',
      description:
        '记入办件时间线（步骤、办理人、时间、结果、理由）并完成流程任务。不同意须填写理由（400）。不是自己的任务得到 404。',
      access: ANY,
      params: keyParams,
      body: completeBody,
      responses: {
        200: ok(
          '已办理',
          object({
            key: { type: 'string' },
            applicationId: { type: 'string' },
            decision: { type: 'string' },
          }),
        ),
        ...problems(400, 401, 403, 404, 409, 422),
      },
      handle: async ({ req, params, body }) => ({
        body: await completeTask(ctx, principalOf(req), params.key, body.decision, body.comment),
      }),
    }),
  ];
}
