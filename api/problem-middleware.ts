import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from './app-error';

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

/** Renders every error as application/problem+json (RFC 9457) with our stable `code`. */
export const problemMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  let e: AppError;
  if (err instanceof AppError) e = err;
  else if (err?.type === 'entity.parse.failed')
    e = new AppError(400, 'malformed-json', '请求体不是合法的 JSON');
  else if (err?.type === 'entity.too.large')
    e = new AppError(413, 'payload-too-large', '请求体过大');
  else {
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
