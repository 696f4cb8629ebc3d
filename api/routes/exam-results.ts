import express, { RequestHandler } from 'express';
import { AppError } from '../app-error';
import { principalOf } from '../auth/policy';
import { route } from '../route';
import { EXAM_RESULT_COLUMNS, examImportReport, examResultBatchDoc } from '../schemas/exam-results';
import type { UseCaseContext } from '../use-cases/context';
import { examRows, importExamResults } from '../use-cases/exam-results';
import { ok, problems } from './responses';

const json = express.json({ limit: '2mb' });
const csv = express.text({ type: ['text/csv'], limit: '2mb' });

/** A batch comes as JSON or as CSV text; anything else is 415. */
const readBatch: RequestHandler = (req, res, next) => {
  if (req.is('application/json')) return json(req, res, next);
  if (req.is('text/csv')) return csv(req, res, next);
  next(
    new AppError(
      415,
      'unsupported-media-type',
      '请求体须为 JSON（application/json）或 CSV（text/csv，首行为表头）',
    ),
  );
};

export function examResultRoutes(ctx: UseCaseContext) {
  return [
    route({
      method: 'post',
      path: '/api/exam-results',
      operationId: 'importExamResults',
      tag: '考核结果',
      summary: '批量导入考核结果',
      description:
        `主管部门或培训机构导入。JSON：{batchId?, results: [...]}；或 CSV（text/csv，UTF-8，首行表头：${EXAM_RESULT_COLUMNS.join(',')}；passed 为 true/false）。` +
        '逐行处理，一行有误不影响其他行；每行返回 {row, ok, examResultId?, applicationId?, errors?}。' +
        '合格的结果自动创建新发证办件（待主管部门审核）。人员须已实名认证且姓名一致；证书工作单位为 A 类指定企业或当前聘用单位，无法确定时该行失败。',
      access: { roles: ['regulator', 'training'] },
      rawBody: {
        parser: readBatch,
        content: {
          'application/json': { schema: examResultBatchDoc },
          'text/csv': { schema: { type: 'string' } },
        },
      },
      responses: { 200: ok('逐行结果', examImportReport), ...problems(400, 401, 403, 413, 415) },
      handle: async ({ req }) => ({
        body: await importExamResults(
          ctx,
          principalOf(req),
          examRows(req.body, req.is('text/csv') ? 'csv' : 'json'),
        ),
      }),
    }),
  ];
}
