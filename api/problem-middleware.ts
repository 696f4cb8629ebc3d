import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from './app-error';
import { uniqueViolationProblem } from './db-errors';
import { engineProblem } from './engine-errors';
import { logger } from '../log/logger';

const TITLES: Record<number, string> = {
  400: '请求无效',
  401: '未登录',
  403: '无权操作',
  404: '未找到',
  409: '状态冲突',
  413: '请求过大',
  415: '不支持的内容类型',
  422: '业务条件不满足',
  429: '请求过于频繁',
  500: '服务器内部错误',
  503: '服务暂不可用',
};

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'not-found', `未找到资源：${req.method} ${req.path}`));
};

/** The body parser's client errors: http-errors with a `type` of body-parser's families. */
const BODY_PARSER_TYPE = /^(entity|request|stream|charset|encoding|parameters)\./;

/**
 * The body parser's own errors, and only those: an SDK error also has a `type`
 * (`about:blank`) and a 4xx `status`, and would otherwise read as "无法读取请求体".
 */
function bodyProblem(error: unknown): AppError | undefined {
  const err = error as { type?: unknown; status?: unknown } | undefined;
  if (typeof err?.type !== 'string' || !BODY_PARSER_TYPE.test(err.type)) return undefined;
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'malformed-json', '请求体不是合法的 JSON');
    case 'entity.too.large':
      return new AppError(413, 'payload-too-large', '请求体过大');
    case 'charset.unsupported':
      return new AppError(415, 'unsupported-charset', '请求体须使用 UTF-8 编码');
    case 'encoding.unsupported':
      return new AppError(415, 'unsupported-encoding', '不支持该请求体压缩方式');
  }
  const status = typeof err.status === 'number' && err.status < 500 ? err.status : 400;
  return new AppError(status, 'bad-request-body', '无法读取请求体');
}

/** The router could not decode a path parameter (`%E0%A4%A`, an encoded lone surrogate). */
function pathProblem(err: unknown): AppError | undefined {
  return err instanceof URIError
    ? new AppError(400, 'malformed-path', '请求路径含有无效的百分号编码')
    : undefined;
}

/** The AppError for an error of the database, the router, the body parser or the engine. */
function problemOf(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  return uniqueViolationProblem(err) ?? pathProblem(err) ?? bodyProblem(err) ?? engineProblem(err);
}

/** Renders every error as application/problem+json (RFC 9457) with our stable `code`. */
export const problemMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  let e = problemOf(err);
  if (!e) {
    // req.log (pino-http) stamps the line with the request id the caller got back.
    (req.log ?? logger).error({ err }, `unexpected error: ${req.method} ${req.path}`);
    e = new AppError(500, 'internal', '服务器内部错误，请稍后重试');
  } else if (e !== err && e.status >= 500) {
    // A mapped engine failure: the caller is told "unavailable", operators need the cause.
    (req.log ?? logger).warn({ err }, `engine unavailable: ${req.method} ${req.path}`);
  }
  res
    .status(e.status)
    .type('application/problem+json')
    .json({
      type: 'about:blank',
      title: TITLES[e.status] ?? 'Error',
      status: e.status,
      detail: e.detail,
      instance: req.originalUrl,
      code: e.code,
      ...(e.errors.length ? { errors: e.errors } : {}),
      ...e.extra,
    });
};
