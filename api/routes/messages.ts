import { principalOf, recipientOf } from '../auth/policy';
import { route } from '../route';
import { idParams } from '../schemas/common';
import { MessageQuery, message, messageList, messageQuery } from '../schemas/messages';
import type { UseCaseContext } from '../use-cases/context';
import { messagesOf, readMessage } from '../use-cases/messages';
import { ok, problems } from './responses';

const RECIPIENTS = { roles: ['person', 'enterprise'] } as const;
const TAG = '消息';

export function messageRoutes(ctx: UseCaseContext) {
  return [
    route<unknown, MessageQuery>({
      method: 'get',
      path: '/api/messages',
      operationId: 'listMessages',
      tag: TAG,
      summary: '我的消息（可按类别、未读筛选）',
      access: RECIPIENTS,
      query: messageQuery,
      responses: { 200: ok('消息列表，新的在前', messageList), ...problems(400, 401, 403) },
      handle: async ({ req, query }) => ({
        body: await messagesOf(ctx, recipientOf(principalOf(req)), query),
      }),
    }),
    route<unknown, unknown, { id: string }>({
      method: 'post',
      path: '/api/messages/{id}/read',
      operationId: 'readMessage',
      tag: TAG,
      summary: '标记消息为已读',
      access: RECIPIENTS,
      params: idParams,
      responses: { 200: ok('消息', message), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => ({
        body: await readMessage(ctx, recipientOf(principalOf(req)), params.id),
      }),
    }),
  ];
}
