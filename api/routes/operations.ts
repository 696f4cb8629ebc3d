import { principalOf } from '../auth/policy';
import { route } from '../route';
import {
  CancellationBody,
  cancellationBody,
  cancelledApplication,
  operationApplicationParams,
} from '../schemas/operations';
import { cancelApplication } from '../use-cases/application-cancellation';
import type { UseCaseContext } from '../use-cases/context';
import { ok, problems } from './responses';

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
  ];
}
