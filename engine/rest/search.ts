import type { Knex } from 'knex';
import { invalidArgument } from './engine-error';

export type FieldKind = 'string' | 'key' | 'int' | 'date' | 'bool' | 'enum';

export interface FieldSpec {
  column: string;
  kind: FieldKind;
}

export interface SearchSpec {
  fields: Record<string, FieldSpec>;
  /** Sort fields that are not filter fields, or override columns. */
  sortable?: Record<string, string>;
  defaultSort: string;
}

type Filter = Record<string, unknown>;

function convert(kind: FieldKind, field: string, v: unknown): unknown {
  if (v === null) return null;
  switch (kind) {
    case 'key': {
      const s = String(v);
      if (!/^-?\d+$/.test(s))
        throw invalidArgument(`The provided ${field} '${s}' is not a valid key.`);
      return s;
    }
    case 'int':
      return Number(v);
    case 'bool':
      return v === true || v === 'true';
    case 'enum':
      return String(v).toUpperCase();
    case 'date': {
      const d = new Date(String(v));
      if (Number.isNaN(d.getTime()))
        throw invalidArgument(
          `The provided ${field} '${String(v)}' cannot be parsed as a date according to RFC 3339, section 5.6.`,
        );
      return d;
    }
    default:
      return String(v);
  }
}

function likePattern(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) out += s[++i].replace(/[%_]/g, (m) => `\\${m}`);
    else if (c === '*') out += '%';
    else if (c === '?') out += '_';
    else if (c === '%' || c === '_') out += `\\${c}`;
    else out += c;
  }
  return out;
}

/** Applies one filter value (plain equality or `$eq/$neq/$in/$notIn/$exists/$like/$gt...`). */
export function applyField(
  q: Knex.QueryBuilder,
  column: string,
  kind: FieldKind,
  field: string,
  value: unknown,
): void {
  const c = (x: unknown) => convert(kind, field, x);
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (Array.isArray(value)) q.whereIn(column, value.map(c) as string[]);
    else if (value === null) q.whereNull(column);
    else q.where(column, c(value) as string);
    return;
  }
  for (const [op, arg] of Object.entries(value as Filter)) {
    switch (op) {
      case '$eq':
        q.where(column, c(arg) as string);
        break;
      case '$neq':
        q.whereNot(column, c(arg) as string);
        break;
      case '$exists':
        if (arg) q.whereNotNull(column);
        else q.whereNull(column);
        break;
      case '$in':
        q.whereIn(column, ((arg as unknown[]) ?? []).map(c) as string[]);
        break;
      case '$notIn':
        q.whereNotIn(column, ((arg as unknown[]) ?? []).map(c) as string[]);
        break;
      case '$like':
        q.whereRaw(`??::text like ? escape '\\'`, [column, likePattern(String(arg))]);
        break;
      case '$gt':
        q.where(column, '>', c(arg) as string);
        break;
      case '$gte':
        q.where(column, '>=', c(arg) as string);
        break;
      case '$lt':
        q.where(column, '<', c(arg) as string);
        break;
      case '$lte':
        q.where(column, '<=', c(arg) as string);
        break;
      default:
        throw invalidArgument(`Unsupported filter operator '${op}' for ${field}`);
    }
  }
}

export interface SearchBody {
  filter?: Filter;
  sort?: { field: string; order?: string }[];
  page?: { from?: number; limit?: number; after?: string; before?: string };
}

/** Applies the known filter fields of `spec`; `extra` handles the special ones. */
export function applyFilter(
  q: Knex.QueryBuilder,
  spec: SearchSpec,
  filter: Filter | undefined,
): void {
  for (const [field, value] of Object.entries(filter ?? {})) {
    const f = spec.fields[field];
    if (f) applyField(q, f.column, f.kind, field, value);
  }
}

const encode = (n: number) => Buffer.from(JSON.stringify({ o: n })).toString('base64url');
function decode(cursor: string): number {
  try {
    return Number(JSON.parse(Buffer.from(cursor, 'base64url').toString()).o) || 0;
  } catch {
    throw invalidArgument(`The provided cursor '${cursor}' is not valid`);
  }
}

/**
 * Runs a search: total count, sort (case-insensitive order, unknown field → 400), and offset or
 * cursor paging (a cursor wins over `from`, tolerating the SDK's `{from, limit, after}`).
 */
export async function runSearch<T>(
  base: Knex.QueryBuilder,
  spec: SearchSpec,
  body: SearchBody,
  map: (row: Record<string, unknown>) => T,
): Promise<{ items: T[]; page: Record<string, unknown> }> {
  const total = await base.clone().clearSelect().clearOrder().count({ n: '*' }).first();
  const totalItems = Number((total as { n: string } | undefined)?.n ?? 0);
  const q = base.clone();
  for (const s of body.sort ?? []) {
    const column = spec.sortable?.[s.field] ?? spec.fields[s.field]?.column;
    if (!column) throw invalidArgument(`Unknown sort field '${s.field}'`);
    const order = String(s.order ?? 'ASC').toUpperCase();
    if (order !== 'ASC' && order !== 'DESC')
      throw invalidArgument(`Unknown sort order '${s.order}'`);
    q.orderBy(column, order.toLowerCase() as 'asc' | 'desc', order === 'ASC' ? 'first' : 'last');
  }
  q.orderBy(spec.fields[spec.defaultSort]?.column ?? spec.defaultSort, 'asc');
  const page = body.page ?? {};
  const limit = Math.max(0, Math.min(Number(page.limit ?? 100), 10000));
  let from = Number(page.from ?? 0);
  if (page.after) from = decode(page.after);
  else if (page.before) from = Math.max(0, decode(page.before) - limit);
  const rows = await q.offset(from).limit(limit);
  const items = rows.map(map);
  return {
    items,
    page: {
      totalItems,
      hasMoreTotalItems: false,
      startCursor: items.length ? encode(from) : undefined,
      endCursor: items.length ? encode(from + items.length) : undefined,
    },
  };
}

// A field without a value is left out, never written as null: the 8.8 spec declares optional
// fields not nullable, and Camunda's own client in strict validation rejects null.
export const iso = (d: unknown): string | undefined =>
  d ? new Date(d as string).toISOString() : undefined;
export const str = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : String(v);
