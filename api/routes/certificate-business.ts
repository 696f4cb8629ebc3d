import { principalOf } from '../auth/policy';
import { route } from '../route';
import { startedApplication } from '../schemas/applications';
import { idParams } from '../schemas/common';
import { object } from '../schemas/json-schema';
import { BUSINESS_NAMES, CertificateBusiness } from '../../domain/checks/business-checks';
import { applyOnCertificate } from '../use-cases/certificate-applications';
import type { UseCaseContext } from '../use-cases/context';
import { withdrawApplication } from '../use-cases/withdrawals';
import { ok, problems } from './responses';

const PATHS: Record<CertificateBusiness, { path: string; operationId: string; flow: string }> = {
  'work-unit-change': {
    path: 'work-unit-changes',
    operationId: 'applyWorkUnitChange',
    flow: '证书所在单位须与当前聘用单位不同；新聘用单位确认后由主管部门审批，通过后按新单位换发证书（主要负责人、安全生产管理人员证书编号随新单位经营类别变化，日期不变）。',
  },
  'name-change': {
    path: 'name-changes',
    operationId: 'applyNameChange',
    flow: '须先以新姓名重新实名认证；主管部门审批通过后按新姓名换发证书。',
  },
  renewal: {
    path: 'renewals',
    operationId: 'applyRenewal',
    flow: '须在证书有效期截止前3个月内申请，且有第二次继续教育合格记录；聘用单位确认后由主管部门审批，通过后自办结之日起重新签发5年有效期的证书。',
  },
  cancellation: {
    path: 'cancellations',
    operationId: 'applyCancellation',
    flow: '正常、异常、过期的证书均可注销；有聘用单位时先由聘用单位确认，再由主管部门审批。',
  },
};

const withdrawalBody = object({
  reason: { type: 'string', title: '撤回原因', maxLength: 500 },
});

/** The businesses a holder files on a certificate (SPEC §7.2, §7.4, §7.6, §7.7), and withdrawal. */
export function certificateBusinessRoutes(ctx: UseCaseContext) {
  const starts = (Object.keys(PATHS) as CertificateBusiness[]).map((business) =>
    route<unknown, unknown, { id: string }>({
      method: 'post',
      path: `/api/certificates/{id}/${PATHS[business].path}`,
      operationId: PATHS[business].operationId,
      tag: '证书业务',
      summary: `申请${BUSINESS_NAMES[business]}`,
      description:
        `持证人本人对自己的证书申请。${PATHS[business].flow}` +
        '不满足条件时返回 422 并列出每一项未满足的条件，不创建办件；证书正在办理其他业务时返回 409（certificate-busy）。',
      access: { roles: ['person'] },
      params: idParams,
      responses: {
        201: ok('已受理：办件已创建，流程已启动', startedApplication),
        ...problems(400, 401, 403, 404, 409, 422),
        503: ok('流程引擎不可用，未受理（未写入任何数据）'),
      },
      handle: async ({ req, params }) => ({
        status: 201,
        body: await applyOnCertificate(ctx, principalOf(req), params.id, business),
      }),
    }),
  );
  return [
    ...starts,
    route<{ reason?: string }, unknown, { id: string }>({
      method: 'post',
      path: '/api/applications/{id}/withdrawal',
      operationId: 'withdrawApplication',
      tag: '办件',
      summary: '撤回办件',
      description:
        '申请人本人可在主管部门作出审批决定之前撤回证书业务（工作单位变更、姓名变更、证书延期、证书注销、企业名称变更）的办件；撤回后流程结束，证书解除占用，时间线记录撤回。单位已确认的，单位会收到撤回通知。',
      access: { roles: ['person', 'enterprise'] },
      params: idParams,
      body: withdrawalBody,
      responses: {
        200: ok('已撤回', object({ applicationId: { type: 'string' }, state: { type: 'string' } })),
        ...problems(400, 401, 403, 404, 409, 422),
      },
      handle: async ({ req, params, body }) => ({
        body: await withdrawApplication(ctx, principalOf(req), params.id, body?.reason),
      }),
    }),
  ];
}
