/**
 * The JSON Schema (2020-12) subset our request and response schemas use; the same objects are
 * compiled by ajv and published in the OpenAPI 3.1 document. Extension keywords:
 * `x-id-number` / `x-credit-code` run the domain validators (GB 11643 / GB 32100) and
 * `x-message` is the Chinese message shown when a `pattern` fails.
 */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  /** Bounds of a `date` / `date-time` (ajv-formats), compared as dates, not as strings. */
  formatMinimum?: string;
  formatMaximum?: string;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  examples?: unknown[];
  contentMediaType?: string;
  'x-id-number'?: boolean;
  'x-credit-code'?: boolean;
  'x-message'?: string;
}

/** An object schema that rejects unknown fields. */
export function object(
  properties: Record<string, JsonSchema>,
  required: string[] = [],
  extra: Partial<JsonSchema> = {},
): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false, ...extra };
}

/** `schema` or null. */
export function nullable(schema: JsonSchema): JsonSchema {
  const type = schema.type ?? 'string';
  return { ...schema, type: [...(Array.isArray(type) ? type : [type]), 'null'] };
}

export function arrayOf(items: JsonSchema, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'array', items, ...extra };
}
