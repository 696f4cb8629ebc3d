import { enterpriseIdOf, principalOf } from '../auth/policy';
import { route } from '../route';
import { certificateList } from '../schemas/certificates';
import {
  RegisterEnterpriseBody,
  enterprise,
  registerEnterpriseBody,
  staffMember,
} from '../schemas/enterprises';
import { arrayOf } from '../schemas/json-schema';
import { certificatesOfUnit } from '../use-cases/certificates';
import type { UseCaseContext } from '../use-cases/context';
import { enterpriseProfile, enterpriseStaff, registerEnterprise } from '../use-cases/enterprises';
import { ok, problems } from './responses';

const ENTERPRISE = { roles: ['enterprise'] } as const;
const TAG = '企业';

export function enterpriseRoutes(ctx: UseCaseContext) {
  return [
    route<RegisterEnterpriseBody>({
      method: 'post',
      path: '/api/enterprises',
      operationId: 'registerEnterprise',
      tag: TAG,
      summary: '注册燃气经营企业账号',
      description: '用户名为统一社会信用代码；法定代表人经身份认证服务核验。经营类别另行登记。',
      access: 'public',
      body: registerEnterpriseBody,
      responses: { 201: ok('已注册', enterprise), ...problems(400, 409, 422) },
      handle: async ({ body }) => ({ status: 201, body: await registerEnterprise(ctx, body) }),
    }),
    route({
      method: 'get',
      path: '/api/enterprises/me',
      operationId: 'getMyEnterprise',
      tag: TAG,
      summary: '本企业信息',
      access: ENTERPRISE,
      responses: { 200: ok('企业信息', enterprise), ...problems(401, 403) },
      handle: async ({ req }) => ({
        body: await enterpriseProfile(ctx, enterpriseIdOf(principalOf(req))),
      }),
    }),
    route({
      method: 'get',
      path: '/api/enterprises/me/staff',
      operationId: 'getMyStaff',
      tag: TAG,
      summary: '本企业在职人员（有效聘用关系）',
      access: ENTERPRISE,
      responses: { 200: ok('在职人员', arrayOf(staffMember)), ...problems(401, 403) },
      handle: async ({ req }) => ({
        body: await enterpriseStaff(ctx, enterpriseIdOf(principalOf(req))),
      }),
    }),
    route({
      method: 'get',
      path: '/api/enterprises/me/certificates',
      operationId: 'getMyUnitCertificates',
      tag: TAG,
      summary: '工作单位为本企业的证书',
      access: ENTERPRISE,
      responses: { 200: ok('证书列表', certificateList), ...problems(401, 403) },
      handle: async ({ req }) => ({
        body: await certificatesOfUnit(ctx, enterpriseIdOf(principalOf(req))),
      }),
    }),
  ];
}
