import { invalidArgument } from '../rest/engine-error';

/**
 * A JSON document field of the gateway protocol (`variables`, `customHeaders`): empty means
 * none; anything else must be a JSON object, as Zeebe requires of a variables document.
 */
export function parseDocument(
  text: string | undefined,
  name = 'variables',
): Record<string, unknown> | null {
  if (text === undefined || text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidArgument(
      `Property '${name}' is invalid: Expected document to be valid JSON, but it could not be parsed`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalidArgument(
      `Property '${name}' is invalid: Expected document to be a root level object, but was '${Array.isArray(value) ? 'ARRAY' : value === null ? 'NIL' : typeof value}'`,
    );
  return value as Record<string, unknown>;
}

/** A key field: int64 as a decimal string; 0 (the proto3 default) means "not given". */
export const given = (key: string | undefined): string | undefined =>
  key && key !== '0' ? key : undefined;
