/**
 * Strings PostgreSQL cannot store, found once for every path parameter, query and body before
 * any schema or statement sees them: `text` and `jsonb` refuse U+0000, and a lone UTF-16
 * surrogate has no UTF-8 form (jsonb refuses its escape). Without this, each such string reached
 * a statement and answered 500.
 */
import type { FieldError } from './app-error';
import type { JsonSchema } from './schemas/json-schema';
import { MAX_FIELD_ERRORS } from './validation';

/** U+0000, a high surrogate without its low half, or a low surrogate without its high half. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is searched for.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export function isStorable(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** `s` with each unstorable character as U+FFFD, so a field name can be shown back safely. */
function shown(s: string): string {
  return s.replace(UNSTORABLE_ALL, '\uFFFD');
}

/** A field path short enough for a message (deep nesting makes long ones). */
function brief(field: string): string {
  return field.length > 80 ? `${field.slice(0, 80)}…` : field;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  // Parsed JSON and query objects; a Buffer (the raw photo) is bytes, not strings.
  return proto === Object.prototype || proto === null;
}

interface Pending {
  value: unknown;
  /** Where the value sits: its key under its parent (a linked list, not a copied array, so a
   * deeply nested body costs linear time). */
  key: string | undefined;
  parent: Pending | undefined;
  schema: JsonSchema | undefined;
  /** The entry stands for its key, which is itself unstorable. */
  badKey?: boolean;
}

function fieldOf(p: Pending): string {
  const keys: string[] = [];
  for (let at: Pending | undefined = p; at; at = at.parent)
    if (at.key !== undefined) keys.push(shown(at.key));
  return keys.reverse().join('.');
}

function childSchema(schema: JsonSchema | undefined, key: string): JsonSchema | undefined {
  const props = schema?.properties;
  return props && Object.hasOwn(props, key) ? props[key] : undefined;
}

/**
 * The field errors (at most MAX_FIELD_ERRORS) for every unstorable string in `parts`, keys
 * included. Iterative, so deeply nested JSON cannot exhaust the stack; the schemas only lend
 * their titles to the messages.
 */
export function unstorableStrings(
  parts: Array<{ value: unknown; schema?: JsonSchema }>,
): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Pending[] = parts
    .map((p) => ({ value: p.value, key: undefined, parent: undefined, schema: p.schema }))
    .reverse();
  while (stack.length && errors.length < MAX_FIELD_ERRORS) {
    const at = stack.pop()!;
    const { value, schema } = at;
    if (at.badKey) {
      const field = fieldOf(at);
      errors.push({
        field,
        code: 'invalid-character',
        message: `字段名“${brief(field)}”含有无法保存的字符`,
      });
      continue;
    }
    if (typeof value === 'string') {
      if (!isStorable(value)) {
        const field = fieldOf(at);
        const label = schema?.title ?? (field ? `字段“${brief(field)}”` : '请求体');
        errors.push({ field, code: 'invalid-character', message: `${label}含有无法保存的字符` });
      }
      continue;
    }
    const children: Pending[] = [];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++)
        children.push({ value: value[i], key: String(i), parent: at, schema: schema?.items });
    } else if (isPlain(value)) {
      for (const [k, v] of Object.entries(value)) {
        const child = { value: v, key: k, parent: at, schema: childSchema(schema, k) };
        if (!isStorable(k)) children.push({ ...child, value: undefined, badKey: true });
        children.push(child);
      }
    }
    // Reversed onto the stack, so fields are reported in the order they were sent.
    for (let i = children.length - 1; i >= 0; i--)
      if (
        children[i].badKey ||
        typeof children[i].value === 'string' ||
        typeof children[i].value === 'object'
      )
        stack.push(children[i]);
  }
  return errors.slice(0, MAX_FIELD_ERRORS);
}
