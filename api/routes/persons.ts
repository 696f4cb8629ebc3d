import { personIdOf, principalOf } from '../auth/policy';
import { route } from '../route';
import { certificateList } from '../schemas/certificates';
import {
  RegisterPersonBody,
  UpdatePersonBody,
  VerifyPersonBody,
  person,
  personEmployments,
  registerPersonBody,
  updatePersonBody,
  verificationResult,
  verifyPersonBody,
} from '../schemas/persons';
import { certificatesOfPerson } from '../use-cases/certificates';
import type { UseCaseContext } from '../use-cases/context';
import { employmentsOfPerson } from '../use-cases/employments';
import { personProfile, registerPerson, reverifyPerson, updatePerson } from '../use-cases/persons';
import { ok, problems } from './responses';

const PERSON = { roles: ['person'] } as const;
const TAG = '从业人员';

export function personRoutes(ctx: UseCaseContext) {
  return [
    route<RegisterPersonBody>({
      method: 'post',
      path: '/api/persons',
      operationId: 'registerPerson',
      tag: TAG,
      summary: '实名认证并注册从业人员账号',
      description:
        '姓名和身份证号码经身份认证服务核验后，创建从业人员及其账号（用户名为身份证号码）。',
      access: 'public',
      body: registerPersonBody,
      responses: { 201: ok('已注册', person), ...problems(400, 409, 422) },
      handle: async ({ body }) => ({ status: 201, body: await registerPerson(ctx, body) }),
    }),
    route({
      method: 'get',
      path: '/api/persons/me',
      operationId: 'getMyPerson',
      tag: TAG,
      summary: '我的个人信息（含曾用名）',
      access: PERSON,
      responses: { 200: ok('个人信息', person), ...problems(401, 403) },
      handle: async ({ req }) => ({ body: await personProfile(ctx, personIdOf(principalOf(req))) }),
    }),
    route<UpdatePersonBody>({
      method: 'patch',
      path: '/api/persons/me',
      operationId: 'updateMyPerson',
      tag: TAG,
      summary: '修改联系方式',
      description:
        '姓名不能在此修改：姓名变更须重新实名认证（POST /api/persons/me/verification）。',
      access: PERSON,
      body: updatePersonBody,
      responses: { 200: ok('个人信息', person), ...problems(400, 401, 403) },
      handle: async ({ req, body }) => ({
        body: await updatePerson(ctx, personIdOf(principalOf(req)), body),
      }),
    }),
    route<VerifyPersonBody>({
      method: 'post',
      path: '/api/persons/me/verification',
      operationId: 'reverifyMe',
      tag: TAG,
      summary: '重新实名认证（姓名变更）',
      description:
        '以新姓名和本人身份证号码重新实名认证；姓名不同时记录姓名变更（曾用名保留），是办理姓名变更业务的前提。',
      access: PERSON,
      body: verifyPersonBody,
      responses: { 200: ok('认证结果', verificationResult), ...problems(400, 401, 403, 422) },
      handle: async ({ req, body }) => ({
        body: await reverifyPerson(ctx, principalOf(req), body.name),
      }),
    }),
    route({
      method: 'get',
      path: '/api/persons/me/employments',
      operationId: 'getMyEmployments',
      tag: TAG,
      summary: '我的聘用关系（当前、待确认和历史）',
      access: PERSON,
      responses: { 200: ok('聘用关系', personEmployments), ...problems(401, 403) },
      handle: async ({ req }) => ({
        body: await employmentsOfPerson(ctx, personIdOf(principalOf(req))),
      }),
    }),
    route({
      method: 'get',
      path: '/api/persons/me/certificates',
      operationId: 'getMyCertificates',
      tag: TAG,
      summary: '我的证书',
      access: PERSON,
      responses: { 200: ok('证书列表', certificateList), ...problems(401, 403) },
      handle: async ({ req }) => ({
        body: await certificatesOfPerson(ctx, personIdOf(principalOf(req))),
      }),
    }),
  ];
}
