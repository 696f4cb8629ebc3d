import { principalOf } from '../auth/policy';
import { route } from '../route';
import { idParams } from '../schemas/common';
import { passwordResetResponse } from '../schemas/passwords';
import type { UseCaseContext } from '../use-cases/context';
import { resetEnterprisePassword, resetPersonPassword } from '../use-cases/passwords';
import { ok, problems } from './responses';

/**
 * Who may reset whose password: the regulator administers every account; the association,
 * which registers enterprises' business categories, those of enterprises; the system admin
 * both. Training bodies only import exam results and reset nothing. Never with an API key.
 */
const PERSON_ADMINS = { roles: ['regulator', 'admin'], apiKeys: false } as const;
const ENTERPRISE_ADMINS = { roles: ['regulator', 'association', 'admin'], apiKeys: false } as const;

const DESCRIPTION =
  '生成临时密码并只在本次响应中返回一次；此前的登录会话全部失效，登录失败计数清零。操作记入审计日志（不含密码）。请将临时密码交给本人，并提醒其登录后通过 POST /api/auth/password 修改。';

export function passwordResetRoutes(ctx: UseCaseContext) {
  return [
    route<unknown, unknown, { id: string }>({
      method: 'post',
      path: '/api/persons/{id}/password-reset',
      operationId: 'resetPersonPassword',
      tag: '登录',
      summary: '重置从业人员的登录密码',
      description: `主管部门或系统管理员操作。${DESCRIPTION}`,
      access: PERSON_ADMINS,
      params: idParams,
      responses: { 200: ok('临时密码', passwordResetResponse), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => ({
        body: await resetPersonPassword(ctx, principalOf(req), params.id),
      }),
    }),
    route<unknown, unknown, { id: string }>({
      method: 'post',
      path: '/api/enterprises/{id}/password-reset',
      operationId: 'resetEnterprisePassword',
      tag: '登录',
      summary: '重置企业的登录密码',
      description: `主管部门、燃气协会或系统管理员操作。${DESCRIPTION}`,
      access: ENTERPRISE_ADMINS,
      params: idParams,
      responses: { 200: ok('临时密码', passwordResetResponse), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => ({
        body: await resetEnterprisePassword(ctx, principalOf(req), params.id),
      }),
    }),
  ];
}
