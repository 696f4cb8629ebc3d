import type { ResponseSpec } from '../route';
import { problem } from '../schemas/common';
import type { JsonSchema } from '../schemas/json-schema';

/** Response documentation shared by the routes. */
export const ok = (description: string, schema?: JsonSchema): ResponseSpec => ({
  description,
  schema,
});

const p = (description: string): ResponseSpec => ({ description, schema: problem });

export const PROBLEMS = {
  400: p('请求无效（JSON 格式错误、字段类型错误、未知字段、校验失败），errors 列出每个字段的问题'),
  401: p('未登录或令牌无效'),
  403: p('当前身份无权执行此操作'),
  404: p('资源不存在，或不属于当前用户'),
  409: p('与已有数据冲突（例如已注册）'),
  413: p('请求体过大'),
  415: p('不支持的内容类型'),
  422: p('业务条件不满足'),
};

/** The problems every authenticated route can answer, plus the given extra statuses. */
export function problems(...statuses: (keyof typeof PROBLEMS)[]): Record<number, ResponseSpec> {
  return Object.fromEntries(statuses.map((s) => [s, PROBLEMS[s]]));
}
