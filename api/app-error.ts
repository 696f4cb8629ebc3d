/** A field-level problem, as rendered in problem+json `errors`. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * The one error type of the API. `code` is stable English for programs; `detail` is Chinese
 * for people. Rendered by `problemMiddleware` as application/problem+json.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail}`);
  }
}
