import { calendarDate, fieldError, idNumber, timestamp } from './common';
import { arrayOf, JsonSchema, nullable, object } from './json-schema';

export interface CeRecordRow {
  idNumber: string;
  certificateNumber: string;
  sequence: 1 | 2;
  passDate: string;
}

/**
 * The columns of a CSV batch: each header cell is the English field name or its Chinese label,
 * in any order (names, not positions, count).
 */
export const CE_RECORD_COLUMNS = {
  idNumber: '身份证号码',
  certificateNumber: '证书编号',
  sequence: '继续教育次数',
  passDate: '合格日期',
} as const;

export const certificateNumber: JsonSchema = {
  type: 'string',
  title: '证书编号',
  description: '证书的现编号或曾用编号（经营类别变更前的编号），如 青GPB2024000123',
  minLength: 1,
  maxLength: 64,
  pattern: '\\S',
  'x-message': '证书编号不能为空白',
};

export const ceRecordRow = object(
  {
    idNumber: { ...idNumber, description: '持证人的身份证号码，须与证书持证人一致' },
    certificateNumber,
    sequence: {
      type: 'integer',
      title: '继续教育次数',
      enum: [1, 2],
      description: '1 第一次、2 第二次（CSV 中也可写“第一次”“第二次”）',
    },
    passDate: {
      ...calendarDate,
      title: '合格日期',
      description: '不能晚于今天，不能早于证书有效期起始日',
    },
  },
  ['idNumber', 'certificateNumber', 'sequence', 'passDate'],
);

/** Rows per batch, JSON and CSV alike (a CSV batch is checked against `ceRecordBatch` too). */
export const CE_BATCH_MAX_ROWS = 2000;

export const ceRecordBatch = object(
  {
    batchId: { type: 'string', title: '批次号', minLength: 1, maxLength: 64 },
    records: arrayOf(
      { type: 'object' },
      { title: '继续教育记录', minItems: 1, maxItems: CE_BATCH_MAX_ROWS },
    ),
  },
  ['records'],
);

export const ceRecordBatchDoc = object(
  {
    batchId: ceRecordBatch.properties!.batchId,
    records: arrayOf(ceRecordRow, { minItems: 1, maxItems: CE_BATCH_MAX_ROWS }),
  },
  ['records'],
);

export const ceImportReport = object({
  batchId: { type: 'string' },
  results: arrayOf(
    object({
      row: { type: 'integer', description: '行号（JSON 从 1 起；CSV 为文件行号，表头为第 1 行）' },
      ok: { type: 'boolean', description: 'created 或 duplicate 时为 true' },
      outcome: {
        type: 'string',
        enum: ['created', 'duplicate', 'failed'],
        description:
          'created 已导入；duplicate 此前已导入（同一证书、次数和合格日期），未重复记录；failed 见 errors',
      },
      ceRecordId: { type: 'string' },
      certificateId: { type: 'string' },
      errors: arrayOf(fieldError),
    }),
  ),
});

export const ceRecord = object({
  id: { type: 'string' },
  certificateId: { type: 'string' },
  certificateNumber: { type: 'string', description: '导入时填写的证书编号（可能是曾用编号）' },
  currentNumber: { type: 'string', description: '证书现编号' },
  holderName: { type: 'string' },
  idNumber: { type: 'string' },
  sequence: { type: 'integer', enum: [1, 2] },
  sequenceName: { type: 'string', enum: ['第一次', '第二次'] },
  passDate: calendarDate,
  usedByRenewal: { type: 'boolean', description: '已被证书延期使用' },
  usedByApplicationId: nullable({ type: 'string' }),
  batchId: nullable({ type: 'string' }),
  importedAt: timestamp,
});

export const ceRecordsQuery = object(
  {
    certificateNumber: { ...certificateNumber, description: '现编号或曾用编号' },
    idNumber: { ...idNumber, description: '持证人的身份证号码' },
  },
  [],
  { title: '查询条件', minProperties: 1 },
);
