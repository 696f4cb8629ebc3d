import { JsonSchema, arrayOf, object } from './json-schema';

export const idNumber: JsonSchema = {
  type: 'string',
  title: '身份证号码',
  description: '18位居民身份证号码（GB 11643-1999），末位校验码可为X',
  'x-id-number': true,
  // A size bound only, above 18 so the domain check still reports a wrong length in its words.
  maxLength: 64,
  examples: ['630102199001011235'],
};

export const creditCode: JsonSchema = {
  type: 'string',
  title: '统一社会信用代码',
  description: '18位统一社会信用代码（GB 32100-2015）；第3至8位为行政区划代码，63开头为青海省内',
  'x-credit-code': true,
  // A size bound only, above 18 so the domain check still reports a wrong length in its words.
  maxLength: 64,
};

export const personName: JsonSchema = {
  type: 'string',
  title: '姓名',
  minLength: 1,
  maxLength: 50,
  pattern: '\\S',
  'x-message': '姓名不能为空白',
};

export const password: JsonSchema = {
  type: 'string',
  title: '密码',
  minLength: 8,
  maxLength: 128,
  description: '8至128个字符',
};

export const phone: JsonSchema = {
  type: 'string',
  title: '手机号码',
  maxLength: 11,
  pattern: '^1[3-9][0-9]{9}$',
  'x-message': '手机号码应为以1开头的11位数字',
};

/**
 * The dates the system can meet: `format: date` alone accepts year 0000, which neither the
 * domain nor PostgreSQL has, and 9999-12-31, past which certificate arithmetic overflows.
 */
export const DATE_RANGE = { first: '1900-01-01', last: '2199-12-31' } as const;

export const calendarDate: JsonSchema = {
  type: 'string',
  format: 'date',
  formatMinimum: DATE_RANGE.first,
  formatMaximum: DATE_RANGE.last,
};

export const timestamp: JsonSchema = {
  type: 'string',
  format: 'date-time',
  formatMinimum: `${DATE_RANGE.first}T00:00:00+08:00`,
  formatMaximum: `${DATE_RANGE.last}T23:59:59+08:00`,
};

/** Database keys are int64, carried as decimal strings. */
export const key: JsonSchema = {
  type: 'string',
  title: '编号',
  maxLength: 18,
  pattern: '^[1-9][0-9]{0,17}$',
  'x-message': '编号应为正整数',
};

export const idParams = object({ id: key }, ['id']);

export const fieldError = object(
  { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
  ['field', 'code', 'message'],
);

/** application/problem+json (RFC 9457) with our stable `code` and per-field `errors`. */
export const problem: JsonSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: '给人看的中文说明' },
    instance: { type: 'string' },
    code: { type: 'string', description: '稳定的英文错误码' },
    errors: arrayOf(fieldError),
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
};
