import { JsonSchema, arrayOf, object } from './json-schema';

export const idNumber: JsonSchema = {
  type: 'string',
  title: '身份证号码',
  description: '18位居民身份证号码（GB 11643-1999），末位校验码可为X',
  'x-id-number': true,
  examples: ['630102199001011234'],
};

export const creditCode: JsonSchema = {
  type: 'string',
  title: '统一社会信用代码',
  description: '18位统一社会信用代码（GB 32100-2015）；第3至8位为行政区划代码，63开头为青海省内',
  'x-credit-code': true,
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
  pattern: '^1[3-9][0-9]{9}$',
  'x-message': '手机号码应为以1开头的11位数字',
};

export const calendarDate: JsonSchema = { type: 'string', format: 'date' };

export const timestamp: JsonSchema = { type: 'string', format: 'date-time' };

/** Database keys are int64, carried as decimal strings. */
export const key: JsonSchema = {
  type: 'string',
  title: '编号',
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
