import { calendarDate, creditCode, idNumber, personName } from './common';
import { arrayOf, nullable, object } from './json-schema';

export interface ExamResultRow {
  idNumber: string;
  name: string;
  certificateType: 'A' | 'B' | 'C';
  jobTypeCode?: string | null;
  enterpriseCreditCode?: string | null;
  examDate: string;
  passed: boolean;
}

/** The columns of a CSV batch, in this order in the header row (names, not positions, count). */
export const EXAM_RESULT_COLUMNS = [
  'idNumber',
  'name',
  'certificateType',
  'jobTypeCode',
  'enterpriseCreditCode',
  'examDate',
  'passed',
] as const;

export const examResultRow = object(
  {
    idNumber,
    name: personName,
    certificateType: {
      type: 'string',
      title: '证书类型',
      enum: ['A', 'B', 'C'],
      description: 'A 主要负责人、B 安全生产管理人员、C 运行维护和抢修人员',
    },
    jobTypeCode: nullable({
      type: 'string',
      title: '工种代码',
      enum: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', null],
      description: '仅 C 类必填',
    }),
    enterpriseCreditCode: nullable({
      ...creditCode,
      title: '主要负责人证书所在企业',
      description: '仅 A 类可填；空为聘用单位',
    }),
    examDate: { ...calendarDate, title: '考试日期' },
    passed: { type: 'boolean', title: '是否合格' },
  },
  ['idNumber', 'name', 'certificateType', 'examDate', 'passed'],
);

/** Rows per batch, JSON and CSV alike (a CSV batch is checked against `examResultBatch` too). */
export const EXAM_BATCH_MAX_ROWS = 2000;

export const examResultBatch = object(
  {
    batchId: { type: 'string', title: '批次号', minLength: 1, maxLength: 64 },
    results: arrayOf(
      { type: 'object' },
      { title: '考核结果', minItems: 1, maxItems: EXAM_BATCH_MAX_ROWS },
    ),
  },
  ['results'],
);

export const examResultBatchDoc = object(
  {
    batchId: examResultBatch.properties!.batchId,
    results: arrayOf(examResultRow, { minItems: 1, maxItems: EXAM_BATCH_MAX_ROWS }),
  },
  ['results'],
);

export const examImportReport = object({
  batchId: { type: 'string' },
  results: arrayOf(
    object({
      row: { type: 'integer', description: '行号（JSON 从 1 起；CSV 为文件行号，表头为第 1 行）' },
      ok: { type: 'boolean' },
      examResultId: { type: 'string' },
      applicationId: nullable({ type: 'string', description: '合格时创建的新发证办件' }),
      processInstanceKey: nullable({ type: 'string' }),
      errors: arrayOf(
        object({
          field: { type: 'string' },
          code: { type: 'string' },
          message: { type: 'string' },
        }),
      ),
    }),
  ),
});
