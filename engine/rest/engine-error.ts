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
