import { principalOf } from '../auth/policy';
import { route } from '../route';
import {
  applicationDetail,
  applicationIdParams,
  applicationProgress,
  applicationSummary,
  applicationsQuery,
} from '../schemas/applications';
import { arrayOf } from '../schemas/json-schema';
import { applicationProgress as progressOf } from '../use-cases/application-progress';
import { applicationFor, applicationsOf } from '../use-cases/applications';
import type { UseCaseContext } from '../use-cases/context';
import { ok, problems } from './responses';

const ACCESS = { roles: ['person', 'enterprise', 'regulator', 'association', 'admin'] } as const;

export function applicationRoutes(ctx: UseCaseContext) {
  return [
    route<unknown, { state?: string; type?: string }>({
      method: 'get',
      path: '/api/applications',
      operationId: 'listApplications',
      tag: '办件',
      summary: '我的办件',
      description:
        '从业人员、企业：与自己有关的办件；主管部门：新发证等证书业务；燃气协会：经营类别登记与变更；系统管理员：全部。新的在前。流程异常时工作人员可见异常信息，申请人看到“处理中”。',
      access: ACCESS,
      query: applicationsQuery,
      responses: { 200: ok('办件列表', arrayOf(applicationSummary)), ...problems(400, 401, 403) },
      handle: async ({ req, query }) => ({
        body: await applicationsOf(ctx, principalOf(req), query),
      }),
    }),
    route<unknown, unknown, { id: string }>({
      method: 'get',
      path: '/api/applications/{id}',
      operationId: 'getApplication',
      tag: '办件',
      summary: '办件详情（状态、检测结果、时间线）',
      access: ACCESS,
      params: applicationIdParams,
      responses: { 200: ok('办件', applicationDetail), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => ({
        body: await applicationFor(ctx, principalOf(req), params.id),
      }),
    }),
    route<unknown, unknown, { id: string }>({
      method: 'get',
      path: '/api/applications/{id}/progress',
      operationId: 'getApplicationProgress',
      tag: '办件',
      summary: '办件进度（流程图主路径上的步骤：已完成、办理中、未到达）',
      description:
        '从开始到结束的步骤（开始、人工审核、系统处理、结束，不含网关和通知），名称取自已部署的流程图；已走过的部分按实际路径（如驳回），其余按同意的路径预估。可查看办件详情的人均可查看。',
      access: ACCESS,
      params: applicationIdParams,
      responses: { 200: ok('办件进度', applicationProgress), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => ({
        body: await progressOf(ctx, principalOf(req), params.id),
      }),
    }),
  ];
}
