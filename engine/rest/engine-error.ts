import type { EngineLog } from '../engine-log';

/**
 * The engine's one error type, rendered as problem+json with `status` equal to the HTTP status
 * and `title` the Zeebe rejection name (NOT_FOUND, INVALID_STATE, ALREADY_EXISTS, ...).
 */
export class EngineError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(`${title}: ${detail}`);
  }
}

export const notFound = (intent: string, reason: string) =>
  new EngineError(
    404,
    'NOT_FOUND',
    `Command '${intent}' rejected with code 'NOT_FOUND': ${reason}`,
  );

export const invalidState = (intent: string, reason: string) =>
  new EngineError(
    409,
    'INVALID_STATE',
    `Command '${intent}' rejected with code 'INVALID_STATE': ${reason}`,
  );

export const alreadyExists = (intent: string, reason: string) =>
  new EngineError(
    409,
    'ALREADY_EXISTS',
    `Command '${intent}' rejected with code 'ALREADY_EXISTS': ${reason}`,
  );

export const invalidArgument = (detail: string) => new EngineError(400, 'INVALID_ARGUMENT', detail);

/**
 * What any failure of a command means to a client, whichever face (REST or gRPC) answers it:
 * the engine's own error, a body-parser client error, a PostgreSQL data exception (the client's
 * value), or else a bug — logged with `what`, and told without SQL or stack text.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function engineErrorFor(err: any, what: string, log: EngineLog = console): EngineError {
  if (err instanceof EngineError) return err;
  if (err?.type === 'entity.parse.failed')
    return new EngineError(400, 'Bad Request', 'Request property cannot be parsed: malformed JSON');
  if (err?.type === 'entity.too.large')
    return new EngineError(413, 'Payload Too Large', 'Request body too large');
  if (err?.expose && err.status >= 400 && err.status < 500)
    // body-parser's and Express's own client errors (charset, encoding, a malformed path).
    return new EngineError(err.status, 'Bad Request', 'The request cannot be read.');
  if (typeof err?.code === 'string' && err.code.startsWith('22'))
    // PostgreSQL "data exception" (class 22): a value the client sent cannot be stored or
    // compared — a key beyond int64, text that is no number, a NUL character in a string.
    return new EngineError(
      400,
      'INVALID_ARGUMENT',
      'Request property has a value the engine cannot accept (out of range, malformed, or containing characters that cannot be stored).',
    );
  if (err?.name === 'KnexTimeoutError' || err?.code === '53300')
    // No database connection to be had (the pool, or PostgreSQL's own limit, is exhausted):
    // the command has not run, so this is back-pressure, which clients retry (503 / gRPC
    // RESOURCE_EXHAUSTED) — the one case the engine answers so.
    return new EngineError(
      503,
      'RESOURCE_EXHAUSTED',
      'Expected to handle the request, but the engine is overloaded: no database connection is free. Please retry later.',
    );
  log.error(`engine: unexpected error: ${what}`, err);
  // The log has the cause; the answer never carries SQL or stack text.
  return new EngineError(500, 'INTERNAL_ERROR', 'An internal error occurred; see the engine log.');
}
