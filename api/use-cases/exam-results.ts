/**
 * Exam results (考核结果, SPEC §7.1), imported in batches by the regulator or a training body:
 * each row on its own (one bad row does not stop the others), and each passing result starts a
 * new-issue application for the certificate's unit (SPEC §5.2).
 */
import { todayInChina } from '../../domain/calendar-date';
import { logger } from '../../log/logger';
import { insertApplication } from '../../repositories/applications';
import { findActiveEmployment } from '../../repositories/employments';
import {
  Enterprise,
  findEnterpriseByCreditCode,
  findEnterpriseById,
} from '../../repositories/enterprises';
import { deleteExamResult, insertExamResult } from '../../repositories/exam-results';
import { findPersonByIdNumber } from '../../repositories/persons';
import { AppError, FieldError } from '../app-error';
import type { Principal } from '../auth/principal';
import {
  EXAM_RESULT_COLUMNS,
  ExamResultRow,
  examResultBatch,
  examResultRow,
} from '../schemas/exam-results';
import { validate } from '../validation';
import type { UseCaseContext } from './context';
import { parseCsv } from '../../domain/csv';
import { engineOf, startApplication } from './process-start';

export interface RowReport {
  row: number;
  ok: boolean;
  examResultId?: string;
  applicationId?: string | null;
  processInstanceKey?: string | null;
  errors?: FieldError[];
}

class RowError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join('；'));
  }
}

const rowError = (field: string, code: string, message: string) =>
  new RowError([{ field, code, message }]);

/** The rules between fields that JSON Schema does not say (SPEC §5.1, §5.2). */
function crossFieldErrors(r: ExamResultRow, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (r.certificateType === 'C' && !r.jobTypeCode)
    errors.push({ field: 'jobTypeCode', code: 'required', message: 'C 类证书须填写工种代码' });
  if (r.certificateType !== 'C' && r.jobTypeCode)
    errors.push({ field: 'jobTypeCode', code: 'not-allowed', message: '仅 C 类证书有工种' });
  if (r.certificateType !== 'A' && r.enterpriseCreditCode)
    errors.push({
      field: 'enterpriseCreditCode',
      code: 'not-allowed',
      message: '仅主要负责人（A 类）证书可指定所在企业',
    });
  if (r.examDate > today)
    errors.push({ field: 'examDate', code: 'range', message: '考试日期不能晚于今天' });
  return errors;
}

/** The unit of the certificate: for A the named enterprise, otherwise the employer. */
async function unitOf(
  ctx: UseCaseContext,
  r: ExamResultRow,
  personId: string,
): Promise<Enterprise> {
  if (r.enterpriseCreditCode) {
    const named = await findEnterpriseByCreditCode(ctx.db, r.enterpriseCreditCode.toUpperCase());
    if (!named)
      throw rowError(
        'enterpriseCreditCode',
        'enterprise-unknown',
        '该统一社会信用代码的企业未注册',
      );
    return named;
  }
  const employment = await findActiveEmployment(ctx.db, personId);
  if (!employment)
    throw rowError(
      'idNumber',
      'person-not-employed',
      '该人员当前没有聘用单位，无法确定证书工作单位；请在聘用关系生效后再导入',
    );
  return (await findEnterpriseById(ctx.db, String(employment.enterpriseId)))!;
}

async function importRow(
  ctx: UseCaseContext,
  principal: Principal,
  batchId: string,
  input: unknown,
): Promise<{
  examResultId: string;
  applicationId: string | null;
  processInstanceKey: string | null;
}> {
  const today = todayInChina(await ctx.now());
  let r: ExamResultRow;
  try {
    r = validate(examResultRow, input, { today }) as ExamResultRow;
  } catch (e) {
    if (e instanceof AppError) throw new RowError(e.errors);
    throw e;
  }
  const cross = crossFieldErrors(r, today);
  if (cross.length) throw new RowError(cross);
  const idNumber = r.idNumber.toUpperCase();
  const person = await findPersonByIdNumber(ctx.db, idNumber);
  if (!person || !person.verifiedAt)
    throw rowError('idNumber', 'person-not-verified', '该身份证号码的人员尚未实名认证');
  if (person.name !== r.name.trim())
    // Never echo the verified name: the importer would learn the name of any ID number.
    throw rowError('name', 'person-name-mismatch', '姓名与该身份证号码的实名认证信息不一致');
  const unit = r.passed ? await unitOf(ctx, r, String(person.id)) : undefined;
  const row = {
    idNumber,
    name: r.name.trim(),
    personId: String(person.id),
    certType: r.certificateType,
    jobType: r.certificateType === 'C' ? (r.jobTypeCode ?? null) : null,
    enterpriseCreditCode: r.enterpriseCreditCode?.toUpperCase() ?? null,
    examDate: r.examDate,
    passed: r.passed,
    batchId,
    importedByAccountId: principal.accountId,
  };
  const duplicate = () =>
    rowError('', 'exam-result-duplicate', '该考核结果已导入（同一人、证书类型、工种和考试日期）');
  if (!unit) {
    const examResultId = await insertExamResult(ctx.db, row);
    if (!examResultId) throw duplicate();
    return { examResultId, applicationId: null, processInstanceKey: null };
  }
  let examResultId: string | undefined;
  const started = await startApplication(
    ctx,
    'new-issue',
    async (trx) => {
      examResultId = await insertExamResult(trx, row);
      if (!examResultId) throw duplicate();
      const applicationId = await insertApplication(trx, {
        type: 'new-issue',
        state: 'awaiting-review',
        applicantAccountId: principal.accountId,
        personId: String(person.id),
        enterpriseId: unit.id,
        examResultId,
        subject: {
          personName: person.name,
          idNumber,
          certificateType: row.certType,
          jobTypeCode: row.jobType,
          unitName: unit.name,
          unitCreditCode: unit.creditCode,
          examDate: row.examDate,
          batchId,
        },
      });
      return {
        applicationId,
        variables: {
          examResultId,
          personId: String(person.id),
          idNumber,
          enterpriseId: String(unit.id),
          creditCode: unit.creditCode,
          certificateType: row.certType,
          jobTypeCode: row.jobType,
          examDate: row.examDate,
        },
      };
    },
    async (trx) => {
      if (examResultId) await deleteExamResult(trx, examResultId);
    },
  );
  return { examResultId: examResultId!, ...started };
}

/** Rows as records: a JSON batch (`{batchId?, results}`) or a CSV text with a header row. */
export function examRows(
  body: unknown,
  contentType: 'json' | 'csv',
): { batchId?: string; rows: Array<{ row: number; input: unknown }> } {
  if (contentType === 'json') {
    const b = validate(examResultBatch, body, { today: '1970-01-01' }) as {
      batchId?: string;
      results: unknown[];
    };
    return { batchId: b.batchId, rows: b.results.map((input, i) => ({ row: i + 1, input })) };
  }
  const { header, records } = parseCsv(String(body ?? ''));
  const missing = ['idNumber', 'name', 'certificateType', 'examDate', 'passed'].filter(
    (c) => !header.includes(c),
  );
  const unknown = header.filter((h) => !(EXAM_RESULT_COLUMNS as readonly string[]).includes(h));
  if (missing.length || unknown.length || records.length === 0)
    throw new AppError(
      400,
      'csv-invalid',
      `CSV 表头应为：${EXAM_RESULT_COLUMNS.join(',')}，且至少一行数据`,
      [
        ...missing.map((c) => ({ field: c, code: 'required', message: `缺少列 ${c}` })),
        ...unknown.map((c) => ({ field: c, code: 'unknown-field', message: `不支持的列 ${c}` })),
      ],
    );
  const rows = records.map((r) => ({ row: r.line, input: csvRecord(r.values) }));
  // The JSON batch's own schema, so a CSV batch meets the same row limit with the same answer.
  validate(examResultBatch, { results: rows.map((r) => r.input) }, { today: '1970-01-01' });
  return { rows };
}

const TRUE = ['true', '1', '是', '合格'];
const FALSE = ['false', '0', '否', '不合格'];

/** CSV cells as the JSON a row would have: empty = absent, `passed` as a boolean. */
function csvRecord(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === '') continue;
    if (k === 'passed') out[k] = TRUE.includes(v) ? true : FALSE.includes(v) ? false : v;
    else out[k] = v;
  }
  return out;
}

const ROW_FAILED: FieldError = {
  field: '',
  code: 'row-failed',
  message: '该行因服务器内部错误未能导入，请稍后重新导入该行；其他行不受影响',
};

/** Imports each row in turn and reports each: recorded (and started) or why not. */
export async function importExamResults(
  ctx: UseCaseContext,
  principal: Principal,
  batch: { batchId?: string; rows: Array<{ row: number; input: unknown }> },
): Promise<{ batchId: string; results: RowReport[] }> {
  engineOf(ctx);
  const batchId = batch.batchId ?? `${principal.username}-${(await ctx.now()).toISOString()}`;
  const results: RowReport[] = [];
  for (const { row, input } of batch.rows) {
    try {
      results.push({ row, ok: true, ...(await importRow(ctx, principal, batchId, input)) });
    } catch (e) {
      if (e instanceof RowError) results.push({ row, ok: false, errors: e.errors });
      // e.g. the engine refused this row's start: its rows were removed, the next row may pass.
      else if (e instanceof AppError)
        results.push({ row, ok: false, errors: [{ field: '', code: e.code, message: e.detail }] });
      else {
        // An unexpected failure of one row (its statements rolled back) must not turn the
        // answer into a 500 after earlier rows were recorded: the caller learns which were.
        logger.error({ err: e, batchId, row }, 'exam result row failed');
        results.push({ row, ok: false, errors: [ROW_FAILED] });
      }
    }
  }
  return { batchId, results };
}
