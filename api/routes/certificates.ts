import { principalOf } from '../auth/policy';
import { route } from '../route';
import {
  certificate,
  certificateHistory,
  verification,
  verifyParams,
} from '../schemas/certificates';
import { idParams } from '../schemas/common';
import {
  CertificateSearchQuery,
  certificatePage,
  certificateSearchQuery,
} from '../schemas/certificate-search';
import {
  EXPORT_LIMIT,
  certificateExport,
  certificateSearch,
} from '../use-cases/certificate-search';
import {
  certificateFor,
  certificateHistoryFor,
  certificatePdfFor,
  verifyCertificate,
} from '../use-cases/certificates';
import type { UseCaseContext } from '../use-cases/context';
import { ok, problems } from './responses';
import { verificationPage } from './verify-page';
import { CONTENT_SECURITY_POLICY } from '../web/web-router';

export function certificateRoutes(ctx: UseCaseContext) {
  return [
    route<unknown, CertificateSearchQuery>({
      method: 'get',
      path: '/api/certificates',
      operationId: 'searchCertificates',
      tag: '证书',
      summary: '证书查询（主管部门）',
      description:
        '按现用或曾用编号（开头部分）、持证人姓名、身份证号码、工作单位（名称或信用代码）、证书类型、状态、初次发证日期与有效期截止日查询证书，按初次发证日期新的在前，服务端分页。',
      access: { roles: ['regulator'] },
      query: certificateSearchQuery,
      responses: { 200: ok('证书一页', certificatePage), ...problems(400, 401, 403) },
      handle: async ({ query }) => ({ body: await certificateSearch(ctx, query) }),
    }),
    route<unknown, CertificateSearchQuery>({
      method: 'get',
      path: '/api/certificates/export',
      operationId: 'exportCertificates',
      tag: '证书',
      summary: '导出证书查询结果（CSV，主管部门）',
      description: `与证书查询相同的筛选条件（分页参数不用），导出为 UTF-8 CSV（含 BOM，Excel 可直接打开），至多 ${EXPORT_LIMIT} 本；超过时 422 export-too-large。`,
      access: { roles: ['regulator'] },
      query: certificateSearchQuery,
      responses: {
        200: { description: '证书清单', contentType: 'text/csv', schema: { type: 'string' } },
        ...problems(400, 401, 403, 422),
      },
      handle: async ({ query, res }) => {
        const csv = await certificateExport(ctx, query);
        res
          .type('text/csv; charset=utf-8')
          .set('Cache-Control', 'private, no-cache')
          .attachment('证书查询结果.csv')
          .send(csv);
        return undefined;
      },
    }),
    route<unknown, unknown, { id: string }>({
      method: 'get',
      path: '/api/certificates/{id}',
      operationId: 'getCertificate',
      tag: '证书',
      summary: '查看证书',
      description: '持证人本人、证书工作单位企业和主管部门可查看；其他人得到 404。',
      access: { roles: ['person', 'enterprise', 'regulator'] },
      params: idParams,
      responses: { 200: ok('证书', certificate), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => ({
        body: await certificateFor(ctx, principalOf(req), params.id),
      }),
    }),
    route<unknown, unknown, { id: string }>({
      method: 'get',
      path: '/api/certificates/{id}/pdf',
      operationId: 'getCertificatePdf',
      tag: '证书',
      summary: '下载电子证书（PDF）',
      description: '最近一次发证或换发的电子证书。持证人本人、证书工作单位企业和主管部门可下载。',
      access: { roles: ['person', 'enterprise', 'regulator'] },
      params: idParams,
      responses: {
        200: {
          description: '电子证书',
          contentType: 'application/pdf',
          schema: { type: 'string' },
        },
        ...problems(400, 401, 403, 404),
      },
      handle: async ({ req, res, params }) => {
        const { number, pdf } = await certificatePdfFor(ctx, principalOf(req), params.id);
        res
          .type('application/pdf')
          .set('Cache-Control', 'private, no-cache')
          .attachment(`${number}.pdf`)
          .send(pdf);
        return undefined;
      },
    }),
    route<unknown, unknown, { id: string }>({
      method: 'get',
      path: '/api/certificates/{id}/history',
      operationId: 'getCertificateHistory',
      tag: '证书',
      summary: '证书履历（每次发证、换发、编号与状态变化）',
      description:
        '证书的全部发证与换发记录（含当次打印的编号）、曾用编号（均可核验）、每次状态变化，以及办理过的业务。持证人本人、证书工作单位企业和主管部门可查看。',
      access: { roles: ['person', 'enterprise', 'regulator'] },
      params: idParams,
      responses: { 200: ok('证书履历', certificateHistory), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => ({
        body: await certificateHistoryFor(ctx, principalOf(req), params.id),
      }),
    }),
    route<unknown, unknown, { token: string }>({
      method: 'get',
      path: '/api/verify/{token}',
      operationId: 'verifyCertificate',
      tag: '公开核验',
      summary: '扫码核验证书真伪（公开）',
      description:
        '证书二维码中的链接。无需登录；身份证号码打码显示。核验码无效时 genuine 为 false。',
      access: 'public',
      params: verifyParams,
      responses: { 200: ok('核验结果', verification), ...problems(400) },
      handle: async ({ req, res, params }) => {
        const result = await verifyCertificate(ctx, params.token);
        if (req.accepts(['json', 'html']) !== 'html') return { body: result };
        res
          .type('html')
          .set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
          .send(verificationPage(result));
        return undefined;
      },
    }),
  ];
}
