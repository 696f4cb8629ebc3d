import { principalOf } from '../auth/policy';
import { route } from '../route';
import {
  BatchCompleteBody,
  CompleteTaskBody,
  DoneListQuery,
  MAX_BATCH,
  ReassignBody,
  TaskListQuery,
  batchCompleteBody,
  batchResult,
  completeBody,
  completed,
  reassignBody,
  donePage,
  doneListQuery,
  task,
  taskForm,
  taskKeyParams,
  taskListQuery,
  taskPage,
  taskSummary,
} from '../schemas/tasks';
import type { UseCaseContext } from '../use-cases/context';
import { batchApprove } from '../use-cases/task-batch';
import { reassignTask } from '../use-cases/task-reassign';
import { taskFormFor } from '../use-cases/task-form';
import { myDecidedTasks, myTasks } from '../use-cases/task-list';
import { myTaskSummary } from '../use-cases/task-dashboard';
import { claimTask, completeTask, taskFor, unclaimTask } from '../use-cases/tasks';
import { ok, problems } from './responses';

const TAG = '待办任务';
const ANY = { roles: ['person', 'enterprise', 'regulator', 'association', 'training'] } as const;

export function taskRoutes(ctx: UseCaseContext) {
  return [
    route<unknown, TaskListQuery>({
      method: 'get',
      path: '/api/tasks',
      operationId: 'listMyTasks',
      tag: TAG,
      summary: '我的待办任务（分页、筛选、排序）',
      description:
        '流程中候选组与当前身份匹配的用户任务：主管部门 regulator、燃气协会 association、企业 enterprise:<信用代码>、从业人员 person:<身份证号码>。每项带办理时限（工作日）、到期日、预警与超期标记。',
      access: ANY,
      query: taskListQuery,
      responses: { 200: ok('待办任务一页', taskPage), ...problems(400, 401, 403) },
      handle: async ({ req, query }) => ({ body: await myTasks(ctx, principalOf(req), query) }),
    }),
    route<unknown, DoneListQuery>({
      method: 'get',
      path: '/api/tasks/done',
      operationId: 'listMyDecidedTasks',
      tag: TAG,
      summary: '我的已办任务',
      description: '当前账号作出的审核决定（办件时间线中本人的决定），新的在前。',
      access: ANY,
      query: doneListQuery,
      responses: { 200: ok('已办任务一页', donePage), ...problems(400, 401, 403) },
      handle: async ({ req, query }) => ({
        body: await myDecidedTasks(ctx, principalOf(req), query),
      }),
    }),
    route({
      method: 'get',
      path: '/api/tasks/summary',
      operationId: 'summarizeMyTasks',
      tag: TAG,
      summary: '待办统计（按业务类型，预警与超期）',
      description:
        '当前身份可办理的待办任务按业务类型计数，及其中预警、超期的数目（主管部门的工作台）。',
      access: ANY,
      responses: { 200: ok('待办统计', taskSummary), ...problems(401, 403) },
      handle: async ({ req }) => ({ body: await myTaskSummary(ctx, principalOf(req)) }),
    }),
    route<BatchCompleteBody>({
      method: 'post',
      path: '/api/tasks/batch-complete',
      operationId: 'batchCompleteTasks',
      tag: TAG,
      summary: '批量审核（同意）',
      description: `一次同意多项新发证考试成绩审核（至多${MAX_BATCH}项），逐项办理并逐项给出结果；一项失败不影响其他项。`,
      access: { roles: ['regulator'] },
      body: batchCompleteBody,
      responses: { 200: ok('逐项结果', batchResult), ...problems(400, 401, 403) },
      handle: async ({ req, body }) => ({
        body: await batchApprove(ctx, principalOf(req), body.keys, body.comment),
      }),
    }),
    route<unknown, unknown, { key: string }>({
      method: 'get',
      path: '/api/tasks/{key}',
      operationId: 'getMyTask',
      tag: TAG,
      summary: '待办任务详情',
      access: ANY,
      params: taskKeyParams,
      responses: { 200: ok('待办任务', task), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => ({
        body: await taskFor(ctx, principalOf(req), params.key),
      }),
    }),
    route<unknown, unknown, { key: string }>({
      method: 'get',
      path: '/api/tasks/{key}/form',
      operationId: 'getMyTaskForm',
      tag: TAG,
      summary: '任务表单（Camunda 表单 JSON）',
      description: '流程图为该用户任务关联的表单，由浏览器用 form-js 显示；无表单时 schema 为空。',
      access: ANY,
      params: taskKeyParams,
      responses: { 200: ok('任务表单', taskForm), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => ({
        body: await taskFormFor(ctx, principalOf(req), params.key),
      }),
    }),
    route<unknown, unknown, { key: string }>({
      method: 'post',
      path: '/api/tasks/{key}/claim',
      operationId: 'claimTask',
      tag: TAG,
      summary: '认领任务',
      access: ANY,
      params: taskKeyParams,
      responses: { 200: ok('已认领', task), ...problems(400, 401, 403, 404, 409) },
      handle: async ({ req, params }) => ({
        body: await claimTask(ctx, principalOf(req), params.key),
      }),
    }),
    route<unknown, unknown, { key: string }>({
      method: 'post',
      path: '/api/tasks/{key}/unclaim',
      operationId: 'unclaimTask',
      tag: TAG,
      summary: '退回认领',
      description: '认领人放弃认领，任务回到候选组中所有人的待办。',
      access: ANY,
      params: taskKeyParams,
      responses: { 200: ok('已退回', task), ...problems(400, 401, 403, 404, 409) },
      handle: async ({ req, params }) => ({
        body: await unclaimTask(ctx, principalOf(req), params.key),
      }),
    }),
    route<ReassignBody, unknown, { key: string }>({
      method: 'post',
      path: '/api/tasks/{key}/reassignment',
      operationId: 'reassignTask',
      tag: TAG,
      summary: '转办给同事',
      description:
        '将未认领或本人认领的任务交给同一角色的另一位工作人员（由其认领），并记入办件时间线。',
      access: { roles: ['regulator', 'association'] },
      params: taskKeyParams,
      body: reassignBody,
      responses: { 200: ok('已转办', task), ...problems(400, 401, 403, 404, 409, 422) },
      handle: async ({ req, params, body }) => ({
        body: await reassignTask(ctx, principalOf(req), params.key, body.username, body.comment),
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
      params: taskKeyParams,
      body: completeBody,
      responses: { 200: ok('已办理', completed), ...problems(400, 401, 403, 404, 409, 422) },
      handle: async ({ req, params, body }) => ({
        body: await completeTask(ctx, principalOf(req), params.key, body.decision, body.comment),
      }),
    }),
  ];
}
