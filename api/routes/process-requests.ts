import express, { RequestHandler } from 'express';
import { AppError } from '../app-error';
import { principalOf } from '../auth/policy';
import { route } from '../route';
import {
  CategoriesBody,
  EmploymentProposalBody,
  categoriesBody,
  employmentProposalBody,
  startedApplication,
} from '../schemas/applications';
import { idParams } from '../schemas/common';
import { object } from '../schemas/json-schema';
import { applyForCategories } from '../use-cases/category-applications';
import type { UseCaseContext } from '../use-cases/context';
import { proposeEmployment, requestTermination } from '../use-cases/employment-applications';
import { ok, problems } from './responses';

const ENTERPRISE = { roles: ['enterprise'] } as const;
const STARTED = ok('已受理：办件已创建，流程已启动', startedApplication);
const NOT_STARTED = {
  503: ok('流程引擎不可用，未受理（未写入任何数据）'),
};

/** The contract travels base64 in JSON: up to 5 MB of file is about 6.7 MB of body. */
const bigJson = express.json({ limit: '7mb' });
const readProposal: RequestHandler = (req, res, next) =>
  bigJson(req, res, (err?: unknown) => {
    if (err) return next(err);
    if (req.body === undefined && !req.is('application/json'))
      return next(
        new AppError(
          415,
          'unsupported-media-type',
          '请求体须为 JSON（Content-Type: application/json）',
        ),
      );
    next();
  });

/** Requests that start a business process (SPEC §3, §4). */
export function processRequestRoutes(ctx: UseCaseContext) {
  const categories = (kind: 'category-registration' | 'category-change') =>
    route<CategoriesBody>({
      method: 'post',
      path:
        kind === 'category-registration'
          ? '/api/enterprises/me/category-registrations'
          : '/api/enterprises/me/category-changes',
      operationId: kind === 'category-registration' ? 'registerCategories' : 'changeCategories',
      tag: '企业',
      summary: kind === 'category-registration' ? '申请经营类别登记' : '申请经营类别变更',
      description:
        (kind === 'category-registration'
          ? '首次登记经营类别，由燃气协会审核。'
          : '变更为新的完整经营类别列表，由燃气协会审核；通过后本企业的主要负责人、安全生产管理人员证书按新类别换发，运行维护抢修人员证书工种不再覆盖的标记为异常。') +
        '不满足条件时返回 422 并列出每一项未满足的条件，不创建办件。',
      access: ENTERPRISE,
      body: categoriesBody,
      responses: { 201: STARTED, ...problems(400, 401, 403, 422), ...NOT_STARTED },
      handle: async ({ req, body }) => ({
        status: 201,
        body: await applyForCategories(ctx, principalOf(req), kind, body.categories),
      }),
    });
  return [
    categories('category-registration'),
    categories('category-change'),
    route<EmploymentProposalBody>({
      method: 'post',
      path: '/api/enterprises/me/employments',
      operationId: 'proposeEmployment',
      tag: '聘用关系',
      summary: '发起聘用（等待从业人员确认）',
      description:
        '从业人员须已实名认证且姓名一致，且当前没有有效聘用关系。劳动合同文件以 Base64 放在 JSON 中（contractFile，PDF/JPEG/PNG，不超过 5 MB）。从业人员在“待办任务”中确认或拒绝；30 天未确认自动失效。',
      access: ENTERPRISE,
      body: employmentProposalBody,
      rawBody: {
        parser: readProposal,
        content: { 'application/json': { schema: employmentProposalBody } },
      },
      responses: {
        201: ok(
          '已受理',
          object({ ...startedApplication.properties, employmentId: { type: 'string' } }),
        ),
        ...problems(400, 401, 403, 409, 413, 415, 422),
        ...NOT_STARTED,
      },
      handle: async ({ req, body }) => ({
        status: 201,
        body: await proposeEmployment(ctx, principalOf(req), body),
      }),
    }),
    route<unknown, unknown, { id: string }>({
      method: 'post',
      path: '/api/employments/{id}/termination',
      operationId: 'requestTermination',
      tag: '聘用关系',
      summary: '申请解除聘用（等待企业确认）',
      description: '仅聘用关系中的从业人员本人可申请；企业在“待办任务”中确认或拒绝。',
      access: { roles: ['person'] },
      params: idParams,
      responses: { 201: STARTED, ...problems(400, 401, 403, 404, 422), ...NOT_STARTED },
      handle: async ({ req, params }) => ({
        status: 201,
        body: await requestTermination(ctx, principalOf(req), params.id),
      }),
    }),
  ];
}
