import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from './app-error';
import { uniqueViolationProblem } from './db-errors';

const TITLES: Record<number, string> = {
  400: '请求无效',
  401: '未登录',
  403: '无权操作',
  404: '未找到',
  409: '状态冲突',
  413: '请求过大',
  415: '不支持的内容类型',
  422: '业务条件不满足',
  500: '服务器内部错误',
};

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'not-found', `未找到资源：${req.method} ${req.path}`));
};

/** The body parser's client errors (body-parser sets `type` and a 4xx `status`). */
function bodyProblem(err: { type?: string; status?: number }): AppError | undefined {
  switch (err?.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'malformed-json', '请求体不是合法的 JSON');
    case 'entity.too.large':
      return new AppError(413, 'payload-too-large', '请求体过大');
    case 'charset.unsupported':
      return new AppError(415, 'unsupported-charset', '请求体须使用 UTF-8 编码');
    case 'encoding.unsupported':
      return new AppError(415, 'unsupported-encoding', '不支持该请求体压缩方式');
  }
  if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500)
    return new AppError(err.status, 'bad-request-body', '无法读取请求体');
  return undefined;
}

/** Renders every error as application/problem+json (RFC 9457) with our stable `code`. */
export const problemMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  let e = err instanceof AppError ? err : (uniqueViolationProblem(err) ?? bodyProblem(err));
  if (!e) {
    console.error('unexpected error', req.method, req.originalUrl, err);
    e = new AppError(500, 'internal', '服务器内部错误，请稍后重试');
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
