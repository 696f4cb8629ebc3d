import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import type { DataValidateFunction } from 'ajv/dist/types';
import addFormats from 'ajv-formats';
import { parseCreditCode } from '../domain/credit-code';
import { parseIdNumber } from '../domain/id-number';
import { CalendarDate, todayInChina } from '../domain/calendar-date';
import type { DomainResult } from '../domain/result';
import { AppError, FieldError } from './app-error';
import type { JsonSchema } from './schemas/json-schema';

/** What a validation may depend on besides the value: "today" comes from the shared clock. */
export interface ValidationContext {
  today: CalendarDate;
}

/**
 * A keyword that runs a domain validator and reports its own code and Chinese message. Ajv
 * calls it with the ValidationContext as `this` (`passContext`).
 */
function domainKeyword(
  keyword: string,
  check: (value: string, context: ValidationContext) => DomainResult<unknown>,
) {
  const validate: DataValidateFunction = function (
    this: ValidationContext,
    _schema: unknown,
    data: unknown,
  ) {
    const result = check(String(data), this);
    validate.errors = result.ok
      ? []
      : [{ keyword, message: result.message, params: { code: result.code } }];
    return result.ok;
  };
  return {
    keyword,
    type: 'string' as const,
    schemaType: 'boolean' as const,
    errors: true,
    validate,
  };
}

const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, passContext: true });
addFormats(ajv);
ajv.addKeyword(domainKeyword('x-id-number', (v, context) => parseIdNumber(v, context.today)));
ajv.addKeyword(domainKeyword('x-credit-code', (v) => parseCreditCode(v)));
ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });

/** Enough to show the caller what is wrong; a 300,000-element array must not list them all. */
export const MAX_FIELD_ERRORS = 20;

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

const TYPE_NAMES: Record<string, string> = {
  string: '字符串',
  number: '数字',
  integer: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: 'null',
};

const FORMAT_NAMES: Record<string, string> = {
  date: '日期（YYYY-MM-DD）',
  'date-time': '时间（RFC 3339）',
  email: '电子邮箱地址',
  uri: 'URI',
};

function fieldOf(e: ErrorObject): string {
  const base = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
  const child =
    e.keyword === 'required'
      ? (e.params as { missingProperty: string }).missingProperty
      : e.keyword === 'additionalProperties'
        ? (e.params as { additionalProperty: string }).additionalProperty
        : '';
  return [base, child].filter(Boolean).join('.');
}

function labelOf(e: ErrorObject, field: string): string {
  const parent = e.parentSchema as JsonSchema | undefined;
  if (e.keyword === 'required') {
    const p = (e.params as { missingProperty: string }).missingProperty;
    return parent?.properties?.[p]?.title ?? p;
  }
  return parent?.title ?? (field || '请求体');
}

/** One ajv error as a field error with a stable code and a Chinese message. */
function toFieldError(e: ErrorObject): FieldError {
  const field = fieldOf(e);
  const label = labelOf(e, field);
  const p = e.params as Record<string, unknown>;
  const parent = e.parentSchema as JsonSchema | undefined;
  switch (e.keyword) {
    case 'x-id-number':
    case 'x-credit-code':
      return { field, code: String(p.code), message: e.message ?? '' };
    case 'required':
      return { field, code: 'required', message: `${label}为必填项` };
    case 'additionalProperties':
      return { field, code: 'unknown-field', message: `不支持的字段“${field}”` };
    case 'type': {
      const types = ([] as string[]).concat(p.type as string | string[]);
      const names = types.flatMap((t) => t.split(',')).map((t) => TYPE_NAMES[t] ?? t);
      return { field, code: 'type', message: `${label}应为${names.join('或')}` };
    }
    case 'minLength':
      return p.limit === 1
        ? { field, code: 'required', message: `${label}不能为空` }
        : { field, code: 'too-short', message: `${label}至少${p.limit}个字符` };
    case 'maxLength':
      return { field, code: 'too-long', message: `${label}最多${p.limit}个字符` };
    case 'pattern':
      return { field, code: 'pattern', message: parent?.['x-message'] ?? `${label}格式不正确` };
    case 'format':
      return {
        field,
        code: 'format',
        message: `${label}应为${FORMAT_NAMES[String(p.format)] ?? String(p.format)}`,
      };
    case 'enum':
      return {
        field,
        code: 'enum',
        message: `${label}只能是：${(p.allowedValues as unknown[]).join('、')}`,
      };
    case 'minimum':
    case 'maximum':
      return {
        field,
        code: 'range',
        message: `${label}应${e.keyword === 'minimum' ? '不小于' : '不大于'}${p.limit}`,
      };
    case 'formatMinimum':
    case 'formatMaximum':
      return {
        field,
        code: 'range',
        message: `${label}应${e.keyword === 'formatMinimum' ? '不早于' : '不晚于'}${p.limit}`,
      };
    case 'minItems':
      return { field, code: 'too-few', message: `${label}至少需要${p.limit}项` };
    case 'maxItems':
      return { field, code: 'too-many', message: `${label}最多${p.limit}项` };
    case 'minProperties':
      return { field, code: 'empty', message: `${label}至少需要提供一个字段` };
    case 'uniqueItems':
      return { field, code: 'duplicate', message: `${label}不能有重复项` };
    default:
      return { field, code: e.keyword, message: `${label}不符合要求（${e.keyword}）` };
  }
}

/** The 400 problem for a list of field errors; `detail` lists every message. */
export function validationError(errors: FieldError[]): AppError {
  return new AppError(
    400,
    'validation-failed',
    `请求内容有误：${errors.map((e) => e.message).join('；')}`,
    errors,
  );
}

/**
 * Checks `value` against `schema` and returns it typed, or throws one 400 problem listing
 * every failing field (ajv `allErrors`, at most MAX_FIELD_ERRORS fields), the first problem of
 * each.
 */
export function validate<T>(
  schema: JsonSchema,
  value: unknown,
  context: ValidationContext = { today: todayInChina(new Date()) },
): T {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  if (fn.call(context, value)) return value as T;
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const ajvError of fn.errors ?? []) {
    const e = toFieldError(ajvError);
    // One message per field: an empty name is "required", not also "blank".
    if (seen.has(e.field)) continue;
    seen.add(e.field);
    errors.push(e);
    // A 300,000-element array of wrong items has as many errors; the first few say enough.
    if (errors.length === MAX_FIELD_ERRORS) break;
  }
  throw validationError(errors);
}
