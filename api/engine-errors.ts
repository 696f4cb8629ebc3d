/**
 * What the caller is told when the process engine refuses a call. The @camunda8/sdk throws got
 * errors: an `HTTPError` carrying the engine's status (`response.statusCode`) for an answer, a
 * `RequestError` (and its kin) when no answer came. Mapped here once, so a use case may let them
 * through and the problem middleware still says what happened.
 */
import { AppError } from './app-error';

/** got's errors for a request that got no usable answer (refused, reset, timed out, …). */
const NO_ANSWER = new Set([
  'RequestError',
  'TimeoutError',
  'ReadError',
  'UploadError',
  'MaxRedirectsError',
  'ParseError',
  'CacheError',
]);

interface GotLike {
  name?: unknown;
  options?: unknown;
  response?: { statusCode?: unknown };
}

/** The engine's HTTP status, 0 when it did not answer, undefined when `err` is not the SDK's. */
export function engineStatus(err: unknown): number | undefined {
  const e = err as GotLike | undefined;
  if (typeof e !== 'object' || e === null || typeof e.options !== 'object') return undefined;
  if (e.name === 'HTTPError' && typeof e.response?.statusCode === 'number')
    return e.response.statusCode;
  return NO_ANSWER.has(String(e.name)) ? 0 : undefined;
}

/**
 * The problem for an engine error, or undefined when `err` is not one or is our own bug: a 400
 * means the API sent a malformed command, which the caller can do nothing about (a 500 that
 * is logged).
 */
export function engineProblem(err: unknown): AppError | undefined {
  const status = engineStatus(err);
  if (status === undefined || status === 400) return undefined;
  // Someone else completed or cancelled it first: to this caller it is gone.
  if (status === 404) return new AppError(404, 'not-found', '未找到或已处理');
  if (status === 409)
    return new AppError(409, 'state-conflict', '该事项的状态已被其他操作改变，请刷新后重试');
  return new AppError(503, 'engine-unavailable', '流程引擎暂时不可用，请稍后重试');
}
