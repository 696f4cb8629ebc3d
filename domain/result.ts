/**
 * Outcome of a domain validation: the normalised value, or a stable English `code` with a
 * Chinese `message` that tells a person exactly what is wrong.
 */
export type DomainResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export function success<T>(value: T): DomainResult<T> {
  return { ok: true, value };
}

export function failure<T = never>(code: string, message: string): DomainResult<T> {
  return { ok: false, code, message };
}
