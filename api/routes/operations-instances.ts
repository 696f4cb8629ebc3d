import { principalOf } from '../auth/policy';
import { route } from '../route';
import { operationApplicationParams } from '../schemas/operations';
import {
  batchCancelBody,
  batchReport,
  batchRetryBody,
  closed,
  instanceCancelled,
  instanceDetail as instanceDetailSchema,
  instanceKeyParams,
  instanceListQuery,
  instancePage,
  migrationBody,
  migrationPlan as migrationPlanSchema,
  migrationPlanQuery,
  processList,
  restartBody,
  restarted,
  retried,
  stuckApplications,
  variablesBody,
  variablesSet,
} from '../schemas/operations-instances';
import { cancellationBody, CancellationBody } from '../schemas/operations';
import type { UseCaseContext } from '../use-cases/context';
import { batchCancel, batchRetry, MAX_BATCH } from '../use-cases/instance-batch';
import {
  InstanceFilter,
  InstanceQuery,
  listInstances,
  listProcesses,
} from '../use-cases/instance-list';
import {
  cancelInstance,
  restartAt,
  retryIncident,
  setInstanceVariables,
} from '../use-cases/instance-repair';
import { instanceDetail } from '../use-cases/instance-view';
import {
  MigrationBody,
  MigrationPlanQuery,
  migrateInstances,
  migrationPlan,
} from '../use-cases/instance-migration';
import { closeApplication, listStuckApplications } from '../use-cases/stuck-applications';
import { ok, problems } from './responses';

const ADMIN = { roles: ['admin'], apiKeys: false } as const;
const TAG = '运维';
const engineDown = { 503: ok('流程引擎暂时不可用') };
type Key = { key: string };

/** The operations view (issue 11 item 3): process instances, their repair, stuck applications. */
export function operationInstanceRoutes(ctx: UseCaseContext) {
  return [
    route({
      method: 'get',
      path: '/api/operations/processes',
      operationId: 'listDeployedProcesses',
      tag: TAG,
      summary: '已部署的流程及其版本',
      access: ADMIN,
      responses: { 200: ok('流程列表', processList), ...problems(401, 403), ...engineDown },
      handle: async () => ({ body: await listProcesses(ctx) }),
    }),
    route<unknown, InstanceQuery>({
      method: 'get',
      path: '/api/operations/process-instances',
      operationId: 'listProcessInstances',
      tag: TAG,
      summary: '流程实例列表',
      description: '按流程、版本、状态、有无异常、办件编号、启动日期筛选，新的在前，分页。',
      access: ADMIN,
      query: instanceListQuery,
      responses: {
        200: ok('一页流程实例', instancePage),
        ...problems(400, 401, 403),
        ...engineDown,
      },
      handle: async ({ query }) => ({ body: await listInstances(ctx, query) }),
    }),
    route<unknown, unknown, Key>({
      method: 'get',
      path: '/api/operations/process-instances/{key}',
      operationId: 'getProcessInstanceDetail',
      tag: TAG,
      summary: '流程实例详情',
      description:
        '流程图、经过和正在办理的环节、同版本各环节的在办实例数、未解决的异常、变量、可重新办理的环节及其办件。',
      access: ADMIN,
      params: instanceKeyParams,
      responses: {
        200: ok('流程实例', instanceDetailSchema),
        ...problems(400, 401, 403, 404),
        ...engineDown,
      },
      handle: async ({ params }) => ({ body: await instanceDetail(ctx, params.key) }),
    }),
    route<{ variables: Record<string, unknown> }, unknown, Key>({
      method: 'put',
      path: '/api/operations/process-instances/{key}/variables',
      operationId: 'setProcessInstanceVariables',
      tag: TAG,
      summary: '修改流程变量',
      description: '写入流程实例的全局作用域（已有的覆盖）。只能修改运行中的实例，记入审计日志。',
      access: ADMIN,
      params: instanceKeyParams,
      body: variablesBody,
      responses: {
        200: ok('已修改', variablesSet),
        ...problems(400, 401, 403, 404, 409, 415),
        ...engineDown,
      },
      handle: async ({ req, params, body }) => ({
        body: await setInstanceVariables(ctx, principalOf(req), params.key, body.variables),
      }),
    }),
    route<CancellationBody, unknown, Key>({
      method: 'post',
      path: '/api/operations/process-instances/{key}/cancellation',
      operationId: 'cancelProcessInstanceWithReason',
      tag: TAG,
      summary: '终止流程实例',
      description:
        '有在办办件的实例按“撤销办件”处理：办件结束为已撤销，理由记入时间线（申请人可见），证书释放。',
      access: ADMIN,
      params: instanceKeyParams,
      body: cancellationBody,
      responses: {
        200: ok('已终止', instanceCancelled),
        ...problems(400, 401, 403, 404, 409, 415),
        ...engineDown,
      },
      handle: async ({ req, params, body }) => ({
        body: await cancelInstance(ctx, principalOf(req), params.key, body.reason),
      }),
    }),
    route<{ elementId: string; reason: string }, unknown, Key>({
      method: 'post',
      path: '/api/operations/process-instances/{key}/restart',
      operationId: 'restartProcessInstanceAtStep',
      tag: TAG,
      summary: '从指定环节重新办理',
      description:
        '一次流程实例修改：终止流程中正在办理（含出错）的环节，从所选环节重新开始；办件时间线记入“重新办理”及理由（申请人可见）。',
      access: ADMIN,
      params: instanceKeyParams,
      body: restartBody,
      responses: {
        200: ok('已重新开始', restarted),
        ...problems(400, 401, 403, 404, 409, 415, 422),
        ...engineDown,
      },
      handle: async ({ req, params, body }) => ({
        body: await restartAt(ctx, principalOf(req), params.key, body.elementId, body.reason),
      }),
    }),
    route<unknown, unknown, Key>({
      method: 'post',
      path: '/api/operations/incidents/{key}/retry',
      operationId: 'retryIncident',
      tag: TAG,
      summary: '重试流程异常',
      description: '把出错任务的重试次数设为 1 并解决异常，任务随即重新执行。记入审计日志。',
      access: ADMIN,
      params: instanceKeyParams,
      responses: { 200: ok('已重试', retried), ...problems(400, 401, 403, 404), ...engineDown },
      handle: async ({ req, params }) => ({
        body: await retryIncident(ctx, principalOf(req), params.key),
      }),
    }),
    route<{ filter: InstanceFilter }>({
      method: 'post',
      path: '/api/operations/process-instances/batch-retry',
      operationId: 'batchRetryProcessInstances',
      tag: TAG,
      summary: '批量重试',
      description: `重试筛选条件选中的、运行中且有异常的每个流程实例的全部异常，逐个给出结果。一次至多 ${MAX_BATCH} 个，超过则 422 batch-too-large，什么也不做。`,
      access: ADMIN,
      body: batchRetryBody,
      responses: {
        200: ok('每个实例的结果', batchReport),
        ...problems(400, 401, 403, 415, 422),
        ...engineDown,
      },
      handle: async ({ req, body }) => ({
        body: await batchRetry(ctx, principalOf(req), body.filter),
      }),
    }),
    route<{ filter: InstanceFilter; reason: string }>({
      method: 'post',
      path: '/api/operations/process-instances/batch-cancellation',
      operationId: 'batchCancelProcessInstances',
      tag: TAG,
      summary: '批量终止',
      description: `终止筛选条件选中的每个运行中的流程实例，其在办办件以该理由撤销，逐个给出结果。一次至多 ${MAX_BATCH} 个。`,
      access: ADMIN,
      body: batchCancelBody,
      responses: {
        200: ok('每个实例的结果', batchReport),
        ...problems(400, 401, 403, 415, 422),
        ...engineDown,
      },
      handle: async ({ req, body }) => ({
        body: await batchCancel(ctx, principalOf(req), body.filter, body.reason),
      }),
    }),
    route<unknown, MigrationPlanQuery>({
      method: 'get',
      path: '/api/operations/migration-plan',
      operationId: 'getMigrationPlan',
      tag: TAG,
      summary: '流程实例迁移方案',
      description:
        '源版本运行中的实例在哪些环节等待、各有多少，目标版本的环节（同编号的作为建议映射），以及源版本运行中的实例。',
      access: ADMIN,
      query: migrationPlanQuery,
      responses: {
        200: ok('迁移方案', migrationPlanSchema),
        ...problems(400, 401, 403, 404, 422),
        ...engineDown,
      },
      handle: async ({ query }) => ({ body: await migrationPlan(ctx, query) }),
    }),
    route<MigrationBody>({
      method: 'post',
      path: '/api/operations/migration',
      operationId: 'migrateProcessInstances',
      tag: TAG,
      summary: '迁移流程实例到新版本',
      description: `按映射把源版本运行中的实例（全部或所选，至多 ${MAX_BATCH} 个）迁移到目标版本，逐个给出结果；流程引擎拒绝的（映射不全等）给出其原因。`,
      access: ADMIN,
      body: migrationBody,
      responses: {
        200: ok('每个实例的结果', batchReport),
        ...problems(400, 401, 403, 404, 415, 422),
        ...engineDown,
      },
      handle: async ({ req, body }) => ({
        body: await migrateInstances(ctx, principalOf(req), body),
      }),
    }),
    route({
      method: 'get',
      path: '/api/operations/stuck-applications',
      operationId: 'listStuckApplications',
      tag: TAG,
      summary: '流程异常、终止或丢失的办件',
      description:
        '在办办件中流程有异常、流程已结束或流程引擎中找不到流程实例的，以及因流程被终止而自动撤销、尚未向申请人说明理由的；每个给出原因和可采取的处理。',
      access: ADMIN,
      responses: {
        200: ok('办件及原因', stuckApplications),
        ...problems(401, 403),
        ...engineDown,
      },
      handle: async () => ({ body: await listStuckApplications(ctx) }),
    }),
    route<CancellationBody, unknown, { id: string }>({
      method: 'post',
      path: '/api/operations/applications/{id}/closure',
      operationId: 'closeApplication',
      tag: TAG,
      summary: '关闭办件并向申请人说明理由',
      description:
        '在办的办件按撤销处理（同“撤销办件”）；流程被终止而自动撤销的办件，理由作为“撤销说明”记入时间线。两者申请人都可见。其他已结束的办件 409。',
      access: ADMIN,
      params: operationApplicationParams,
      body: cancellationBody,
      responses: {
        200: ok('已关闭', closed),
        ...problems(400, 401, 403, 404, 409, 415),
        ...engineDown,
      },
      handle: async ({ req, params, body }) => ({
        body: await closeApplication(ctx, principalOf(req), params.id, body.reason),
      }),
    }),
  ];
}
