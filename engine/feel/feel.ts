// feelin ships ESM typings but a CommonJS build (dist/index.cjs); require the latter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const feelin = require('feelin') as {
  evaluate(expression: string, context?: Record<string, unknown>): unknown;
  unaryTest(expression: string, context?: Record<string, unknown>): boolean;
};
const { evaluate } = feelin;

/** A value that is either a FEEL expression (`=...`) or a static string, as Zeebe reads them. */
export function isExpression(value: string | undefined): boolean {
  return typeof value === 'string' && value.trimStart().startsWith('=');
}

function body(expression: string): string {
  return expression.trimStart().slice(1);
}

/** The parse error of an expression, or null when it parses. */
export function feelSyntaxError(expression: string): string | null {
  if (!isExpression(expression)) return null;
  try {
    evaluate(body(expression), {});
    return null;
  } catch (e) {
    if (e instanceof Error && e.constructor.name === 'SyntaxError') return e.message;
    return null;
  }
}

/** Raised when a FEEL evaluation fails; the caller turns it into an incident. */
export class FeelError extends Error {
  constructor(
    message: string,
    readonly errorType = 'EXTRACT_VALUE_ERROR',
  ) {
    super(message);
  }
}

/** Converts FEEL results (luxon dates and durations) into JSON-able values. */
export function toJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'function') return null;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const v = value as { toISO?: () => string; constructor?: { name?: string } };
    if (typeof v.toISO === 'function') return v.toISO();
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) out[k] = toJson(x);
    return out;
  }
  return value;
}

/** Evaluates an expression (or returns the static text) against the variables. */
export function evaluateValue(expression: string, variables: Record<string, unknown>): unknown {
  if (!isExpression(expression)) return expression;
  try {
    return toJson(evaluate(body(expression), variables));
  } catch (e) {
    throw new FeelError(
      `Expected to evaluate expression '${body(expression)}', but failed: ${(e as Error).message}`,
    );
  }
}

/** Like `evaluateValue`, but a null result is a failure: the element needs a value. */
export function evaluateRequired(
  expression: string,
  variables: Record<string, unknown>,
  what: string,
): unknown {
  const v = evaluateValue(expression, variables);
  if (v === null || v === undefined) {
    throw new FeelError(
      `Expected result of the expression '${body(expression)}' to be ${what}, but was 'null'. The evaluation reported the following warnings: no variable found for the expression`,
    );
  }
  return v;
}

export function evaluateString(expression: string, vars: Record<string, unknown>): string {
  const v = evaluateRequired(expression, vars, "of type 'STRING'");
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string')
    throw new FeelError(
      `Expected result of the expression '${body(expression)}' to be 'STRING', but was '${typeof v}'.`,
    );
  return v;
}

export function evaluateBoolean(expression: string, vars: Record<string, unknown>): boolean {
  const v = evaluateValue(expression, vars);
  if (typeof v !== 'boolean')
    throw new FeelError(
      `Expected result of the expression '${body(expression)}' to be 'BOOLEAN', but was '${v === null ? 'NULL' : typeof v}'.`,
    );
  return v;
}

/** A comma list (static "a, b") or a FEEL list/string, as Zeebe reads candidate groups. */
export function evaluateList(expression: string, vars: Record<string, unknown>): string[] {
  if (!isExpression(expression))
    return expression
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const v = evaluateValue(expression, vars);
  if (v === null) return [];
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return [v];
  throw new FeelError(`Expected result of the expression '${body(expression)}' to be 'ARRAY'`);
}

export const unaryTest = feelin.unaryTest;
