import { principalOf } from '../auth/policy';
import { route } from '../route';
import { key } from '../schemas/common';
import { object } from '../schemas/json-schema';
import type { UseCaseContext } from '../use-cases/context';
import { ReviewFile, reviewFile } from '../use-cases/review-files';
import { problems } from './responses';

const params = object(
  {
    id: key,
    file: {
      type: 'string',
      title: '文件',
      enum: ['id-photo', 'labour-contract'],
      description: 'id-photo 证件照，labour-contract 劳动合同',
    },
  },
  ['id', 'file'],
);

export function reviewFileRoutes(ctx: UseCaseContext) {
  return [
    route<unknown, unknown, { id: string; file: ReviewFile }>({
      method: 'get',
      path: '/api/applications/{id}/files/{file}',
      operationId: 'getApplicationFile',
      tag: '办件',
      summary: '审核用文件（证件照、劳动合同）',
      description:
        '主管部门、燃气协会审核办件时查看从业人员的证件照与劳动合同：仅限本部门有待办任务或已作出决定的办件，其他办件得到 404。',
      access: { roles: ['regulator', 'association'] },
      params,
      responses: {
        200: {
          description: '文件',
          contentType: 'application/octet-stream',
          schema: { type: 'string' },
        },
        ...problems(400, 401, 403, 404),
      },
      handle: async ({ req, res, params: p }) => {
        const file = await reviewFile(ctx, principalOf(req), p.id, p.file);
        res
          .type(file.mime)
          .set('Cache-Control', 'private, no-cache')
          .attachment(file.fileName)
          .send(file.data);
        return undefined;
      },
    }),
  ];
}
