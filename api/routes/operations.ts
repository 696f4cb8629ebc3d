import { principalOf } from '../auth/policy';
import { route } from '../route';
import {
  CancellationBody,
  SetClockBody,
  cancellationBody,
  cancelledApplication,
  clockState as clockStateSchema,
  dailyWorkReport,
  operationApplicationParams,
  setClockBody,
} from '../schemas/operations';
import { cancelApplication } from '../use-cases/application-cancellation';
import type { UseCaseContext } from '../use-cases/context';
import { clockState, runDailyWorkNow, setClock } from '../use-cases/operations';
import { ok, problems } from './responses';

const ADMIN = { roles: ['admin'], apiKeys: false } as const;
const TAG = '运维';
const notMoved = {
  409: ok('流程引擎拒绝调整时钟（未以受控时钟启动），业务时钟未改变'),
  503: ok('流程引擎或数据库暂时不可用，业务时钟未改变'),
};

/** Operations staff (the admin role) repairing what the processes cannot. */
export function operationRoutes(ctx: UseCaseContext) {
  return [
    route<CancellationBody, unknown, { id: string }>({
      method: 'post',
      path: '/api/operations/applications/{id}/cancellation',
      operationId: 'cancelApplication',
      tag: '运维',
      summary: '撤销办件（终止其流程实例）',
      description:
        '办件结束为“已撤销”，时间线记入撤销理由，所占用的证书随即释放，流程实例随后终止（引擎未答复时自动补做，不会重复）。已撤销的办件再次撤销得到相同答复；已以其他方式结束的办件得到 409。',
      access: { roles: ['admin'] },
      params: operationApplicationParams,
      body: cancellationBody,
      responses: {
        200: ok('已撤销', cancelledApplication),
        ...problems(400, 401, 403, 404, 409),
      },
      handle: async ({ req, params, body }) => ({
        body: await cancelApplication(ctx, principalOf(req), params.id, body.reason),
      }),
    }),
    route({
      method: 'get',
      path: '/api/operations/clock',
      operationId: 'getBusinessClock',
      tag: TAG,
      summary: '业务时钟',
      access: ADMIN,
      responses: { 200: ok('业务时钟', clockStateSchema), ...problems(401, 403) },
      handle: async () => ({ body: await clockState(ctx) }),
    }),
    route<SetClockBody>({
      method: 'put',
      path: '/api/operations/clock',
      operationId: 'setBusinessClock',
      tag: TAG,
      summary: '固定业务时钟（仅限测试环境）',
      description:
        '把业务时钟和流程引擎的时钟一起固定到给定时刻（引擎通过 PUT /v2/clock）。仅当系统以 BUSINESS_CLOCK_CONTROLLED=true 启动时可用，否则 403 clock-not-controllable。先调整引擎，引擎拒绝则不作任何改变。',
      access: ADMIN,
      body: setClockBody,
      responses: {
        200: ok('已固定', clockStateSchema),
        ...problems(400, 401, 403, 415),
        ...notMoved,
      },
      handle: async ({ body }) => ({ body: await setClock(ctx, body.at) }),
    }),
    route({
      method: 'delete',
      path: '/api/operations/clock',
      operationId: 'resetBusinessClock',
      tag: TAG,
      summary: '恢复业务时钟为系统时间',
      access: ADMIN,
      responses: { 200: ok('已恢复', clockStateSchema), ...problems(401, 403), ...notMoved },
      handle: async () => ({ body: await setClock(ctx, null) }),
    }),
    route({
      method: 'post',
      path: '/api/operations/daily-work',
      operationId: 'runDailyWork',
      tag: TAG,
      summary: '立即执行每日任务',
      description:
        '按业务时钟的当天执行一次每日任务（证书过期、系统自动复核、继续教育和证书到期提醒），返回本次执行的数量。已执行过的不会重复执行。',
      access: ADMIN,
      responses: { 200: ok('本次执行的结果', dailyWorkReport), ...problems(401, 403) },
      handle: async () => ({ body: await runDailyWorkNow(ctx) }),
    }),
  ];
}
