import { enterpriseIdOf, principalOf } from '../auth/policy';
import { route } from '../route';
import { idParams } from '../schemas/common';
import { CreateApiKeyBody, apiKey, createApiKeyBody, createdApiKey } from '../schemas/enterprises';
import { arrayOf } from '../schemas/json-schema';
import type { UseCaseContext } from '../use-cases/context';
import { apiKeysOf, createApiKey, revokeKey } from '../use-cases/enterprises';
import { ok, problems } from './responses';

/** Keys are managed with a login token only: a leaked key cannot mint or revoke keys. */
const ENTERPRISE_LOGIN = { roles: ['enterprise'], apiKeys: false } as const;
const TAG = 'API 密钥';

export function apiKeyRoutes(ctx: UseCaseContext) {
  return [
    route<CreateApiKeyBody>({
      method: 'post',
      path: '/api/enterprises/me/api-keys',
      operationId: 'createApiKey',
      tag: TAG,
      summary: '创建 API 密钥',
      description:
        '密钥原文只在本次响应中返回。调用时放在 X-Api-Key 请求头，或 Authorization: ApiKey <密钥>。',
      access: ENTERPRISE_LOGIN,
      body: createApiKeyBody,
      responses: { 201: ok('已创建', createdApiKey), ...problems(400, 401, 403) },
      handle: async ({ req, body }) => ({
        status: 201,
        body: await createApiKey(ctx, principalOf(req), body.label),
      }),
    }),
    route({
      method: 'get',
      path: '/api/enterprises/me/api-keys',
      operationId: 'listApiKeys',
      tag: TAG,
      summary: '本企业的 API 密钥（不含密钥原文）',
      access: { roles: ['enterprise'] },
      responses: { 200: ok('密钥列表', arrayOf(apiKey)), ...problems(401, 403) },
      handle: async ({ req }) => ({ body: await apiKeysOf(ctx, enterpriseIdOf(principalOf(req))) }),
    }),
    route<unknown, unknown, { id: string }>({
      method: 'delete',
      path: '/api/enterprises/me/api-keys/{id}',
      operationId: 'revokeApiKey',
      tag: TAG,
      summary: '吊销 API 密钥',
      access: ENTERPRISE_LOGIN,
      params: idParams,
      responses: { 204: ok('已吊销'), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => {
        await revokeKey(ctx, principalOf(req), params.id);
        return { status: 204 };
      },
    }),
  ];
}
