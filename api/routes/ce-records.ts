import express, { RequestHandler } from 'express';
import { AppError } from '../app-error';
import { principalOf } from '../auth/policy';
import { route } from '../route';
import {
  CE_RECORD_COLUMNS,
  ceImportReport,
  ceRecord,
  ceRecordBatchDoc,
  ceRecordsQuery,
} from '../schemas/ce-records';
import { idParams } from '../schemas/common';
import { arrayOf } from '../schemas/json-schema';
import {
  ceRecordsOfCertificateFor,
  ceRows,
  importCeRecords,
  searchCeRecords,
} from '../use-cases/ce-records';
import type { UseCaseContext } from '../use-cases/context';
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

const csvHeader = Object.entries(CE_RECORD_COLUMNS)
  .map(([field, label]) => `${label}（${field}）`)
  .join(',');

export function ceRecordRoutes(ctx: UseCaseContext) {
  return [
    route({
      method: 'post',
      path: '/api/ce-records',
      operationId: 'importCeRecords',
      tag: '继续教育',
      summary: '批量导入继续教育合格记录',
      description:
        `主管部门或培训机构导入。JSON：{batchId?, records: [...]}；或 CSV（text/csv，UTF-8，首行表头，中文或英文列名均可：${csvHeader}；次数为 1/2 或 第一次/第二次）。` +
        '证书编号可为现编号或曾用编号；身份证号码须为该证书持证人。逐行处理，一行有误不影响其他行；' +
        '每行返回 {row, ok, outcome, ceRecordId?, certificateId?, errors?}：outcome 为 created（已导入）、' +
        'duplicate（同一证书、次数和合格日期此前已导入，重复导入无影响）或 failed。',
      access: { roles: ['regulator', 'training'] },
      rawBody: {
        parser: readBatch,
        content: {
          'application/json': { schema: ceRecordBatchDoc },
          'text/csv': { schema: { type: 'string' } },
        },
      },
      responses: { 200: ok('逐行结果', ceImportReport), ...problems(400, 401, 403, 413, 415) },
      handle: async ({ req }) => ({
        body: await importCeRecords(
          ctx,
          principalOf(req),
          ceRows(req.body, req.is('text/csv') ? 'csv' : 'json'),
        ),
      }),
    }),
    route<unknown, { certificateNumber?: string; idNumber?: string }>({
      method: 'get',
      path: '/api/ce-records',
      operationId: 'searchCeRecords',
      tag: '继续教育',
      summary: '查询继续教育记录',
      description:
        '主管部门或培训机构按证书编号（现编号或曾用编号）和/或持证人身份证号码查询，至少填写一项；最多返回 500 条，按证书和合格日期排序。',
      access: { roles: ['regulator', 'training'] },
      query: ceRecordsQuery,
      responses: { 200: ok('继续教育记录', arrayOf(ceRecord)), ...problems(400, 401, 403) },
      handle: async ({ query }) => ({ body: await searchCeRecords(ctx, query) }),
    }),
    route<unknown, unknown, { id: string }>({
      method: 'get',
      path: '/api/certificates/{id}/ce-records',
      operationId: 'getCertificateCeRecords',
      tag: '继续教育',
      summary: '查看证书的继续教育记录',
      description:
        '该证书的全部继续教育记录（含以曾用编号导入的）。持证人本人、证书工作单位企业和主管部门可查看；其他人得到 404。',
      access: { roles: ['person', 'enterprise', 'regulator'] },
      params: idParams,
      responses: { 200: ok('继续教育记录', arrayOf(ceRecord)), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => ({
        body: await ceRecordsOfCertificateFor(ctx, principalOf(req), params.id),
      }),
    }),
  ];
}
