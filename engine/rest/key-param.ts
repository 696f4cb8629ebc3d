import type { RequestParamHandler } from 'express';
import { invalidArgument } from './engine-error';

const INT64_MAX = 9223372036854775807n;

/** Whether `value` is a key: a positive int64 in decimal, as Zeebe hands them out. */
export function isKey(value: string): boolean {
  return /^[0-9]{1,19}$/.test(value) && BigInt(value) > 0n && BigInt(value) <= INT64_MAX;
}

/**
 * `router.param('key', keyParam)`: a path key that is no int64 is the client's mistake (400),
 * never a database error.
 */
export const keyParam: RequestParamHandler = (_req, _res, next, value: string) => {
  if (isKey(value)) next();
  else next(invalidArgument(`The key '${String(value).slice(0, 40)}' is not a valid int64 key.`));
};
