import { principalOf } from '../auth/policy';
import { route } from '../route';
import { idParams } from '../schemas/common';
import type { UseCaseContext } from '../use-cases/context';
import { employmentContract } from '../use-cases/employments';
import { problems } from './responses';

export function employmentRoutes(ctx: UseCaseContext) {
  return [
    route<unknown, unknown, { id: string }>({
      method: 'get',
      path: '/api/employments/{id}/contract',
      operationId: 'getEmploymentContract',
      tag: '聘用关系',
      summary: '下载劳动合同',
      description: '聘用关系的从业人员和企业可下载；其他人得到 404。',
      access: { roles: ['person', 'enterprise'] },
      params: idParams,
      responses: {
        200: {
          description: '劳动合同文件',
          contentType: 'application/octet-stream',
          schema: { type: 'string' },
        },
        ...problems(400, 401, 403, 404),
      },
      handle: async ({ req, res, params }) => {
        const contract = await employmentContract(ctx, principalOf(req), params.id);
        res
          .type(contract.mime)
          .set('Cache-Control', 'private, no-cache')
          .attachment(contract.fileName)
          .send(contract.data);
        return undefined;
      },
    }),
  ];
}
