import { invalidArgument } from './engine-error';

/**
 * An int64 request field (a duration in ms, an epoch-ms timestamp, an operation reference):
 * a JSON number or a numeric string, as Camunda's gateway (Jackson defaults) reads it. The
 * official 8.8 client sends int64 as strings. Absent or null is undefined; anything else is 400,
 * never a NaN that slips into a date.
 */
export function int64(
  value: unknown,
  name: string,
  min = Number.MIN_SAFE_INTEGER,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*-?\d{1,19}\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isSafeInteger(n) || n < min)
    throw invalidArgument(
      `The value for ${name} is '${String(value).slice(0, 40)}' but must be an integer${min > Number.MIN_SAFE_INTEGER ? ` of at least ${min}` : ''}.`,
    );
  return n;
}

/** `operationReference` (8.8: int64 ≥ 1): checked, then ignored, as the engine keeps no log. */
export function checkOperationReference(body: unknown): void {
  if (body && typeof body === 'object' && 'operationReference' in body)
    int64((body as { operationReference: unknown }).operationReference, 'operationReference', 1);
}
