import { principalOf } from '../auth/policy';
import { route } from '../route';
import {
  RenameBody,
  RenamePreviewBody,
  renameBody,
  renamePreview,
  renamePreviewBody,
  startedRename,
} from '../schemas/enterprise-renames';
import type { UseCaseContext } from '../use-cases/context';
import { previewRename, submitRename } from '../use-cases/enterprise-renames';
import { ok, problems } from './responses';

const ENTERPRISE = { roles: ['enterprise'] } as const;

/** Enterprise rename (企业名称变更, SPEC §7.3): preview, then submit with the commitment. */
export function enterpriseRenameRoutes(ctx: UseCaseContext) {
  return [
    route<RenamePreviewBody>({
      method: 'post',
      path: '/api/enterprises/me/rename-preview',
      operationId: 'previewEnterpriseRename',
      tag: '企业',
      summary: '企业名称变更：预览受影响的证书',
      description:
        '列出本企业在职人员中证书单位名称与新名称不同的每一张有效或异常证书，并逐张检测（证件照、未在办理其他业务、证书有效、年龄、聘用单位与证书单位一致、本省证书）。只读，不写入任何数据。',
      access: ENTERPRISE,
      body: renamePreviewBody,
      responses: {
        200: ok('受影响的证书及逐张检测结果', renamePreview),
        ...problems(400, 401, 403, 422),
      },
      handle: async ({ req, body }) => ({
        body: await previewRename(ctx, principalOf(req), body.name),
      }),
    }),
    route<RenameBody>({
      method: 'post',
      path: '/api/enterprises/me/renames',
      operationId: 'submitEnterpriseRename',
      tag: '企业',
      summary: '申请企业名称变更',
      description:
        '须接受承诺书（commitmentAccepted: true）。创建办件并由主管部门审批；通过检测的证书在办理期间锁定（不能办理其他业务），审批通过后企业名称变更，这些证书按新名称换发（证书编号、有效期不变）；未通过检测的证书不换发，保留原单位名称。没有可换发的证书也可申请。',
      access: ENTERPRISE,
      body: renameBody,
      responses: {
        201: ok('已受理：办件已创建，流程已启动', startedRename),
        ...problems(400, 401, 403, 422),
        503: ok('流程引擎不可用，未受理（未写入任何数据）'),
      },
      handle: async ({ req, body }) => ({
        status: 201,
        body: await submitRename(
          ctx,
          principalOf(req),
          body.name,
          body.commitmentAccepted === true,
        ),
      }),
    }),
  ];
}
