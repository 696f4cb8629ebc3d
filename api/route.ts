import express, { Request, RequestHandler, Response, Router } from 'express';
import { AppError, FieldError } from './app-error';
import { Access, authorize } from './auth/policy';
import { Principal, findPrincipal } from './auth/principal';
import { JsonSchema, object } from './schemas/json-schema';
import { todayInChina } from '../domain/calendar-date';
import { unstorableStrings } from './unstorable-strings';
import { MAX_FIELD_ERRORS, ValidationContext, validate, validationError } from './validation';

export interface ResponseSpec {
  description: string;
  schema?: JsonSchema;
  /** Media type when not JSON (e.g. a photo). */
  contentType?: string;
}

export interface Input<B, Q, P> {
  req: Request;
  res: Response;
  principal: Principal | undefined;
  body: B;
  query: Q;
  params: P;
}

/** What a handler answers; `undefined` when it wrote the response itself. */
export type Reply = { status?: number; body?: unknown } | undefined;

/**
 * One API operation: the HTTP binding, who may call it, its schemas and its handler. The same
 * object is mounted on Express (authorize → parse → validate → handle) and rendered into the
 * OpenAPI document, so the documentation cannot drift from what is enforced.
 */
export interface Route<B = unknown, Q = unknown, P = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style, e.g. `/api/messages/{id}/read`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  params?: JsonSchema;
  query?: JsonSchema;
  body?: JsonSchema;
  /** A non-JSON request body (the photo upload): its own parser and OpenAPI content. */
  rawBody?: { parser: RequestHandler; content: Record<string, { schema: JsonSchema }> };
  responses: Record<number, ResponseSpec>;
  handle(input: Input<B, Q, P>): Promise<Reply>;
}

/** Declares a route with typed input (the schemas are the runtime truth). */
export function route<B = unknown, Q = unknown, P = unknown>(r: Route<B, Q, P>): Route {
  return r as unknown as Route;
}

const jsonParser = express.json({ limit: '1mb' });

const requireJson: RequestHandler = (req, _res, next) => {
  if (req.body === undefined && !req.is('application/json')) {
    next(
      new AppError(
        415,
        'unsupported-media-type',
        '请求体须为 JSON（Content-Type: application/json）',
      ),
    );
  } else next();
};

/**
 * Validates path parameters, query and body together, so one 400 lists the problems of all
 * three (at most MAX_FIELD_ERRORS). A part without a schema passes through. Strings PostgreSQL
 * cannot store are refused first, whatever the schema, so no route can forget them.
 */
function validateAll(
  parts: Record<'params' | 'query' | 'body', [JsonSchema | undefined, unknown]>,
  context: ValidationContext,
) {
  const unstorable = unstorableStrings(
    Object.values(parts).map(([schema, value]) => ({ schema, value })),
  );
  if (unstorable.length) throw validationError(unstorable);
  const out: Record<string, unknown> = {};
  let errors: FieldError[] = [];
  for (const [name, [schema, value]] of Object.entries(parts)) {
    if (!schema) {
      out[name] = value;
      continue;
    }
    try {
      out[name] = validate(schema, value, context);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // Not push(...e.errors): spreading a huge list as arguments overflows the call stack.
      errors = errors.concat(e.errors).slice(0, MAX_FIELD_ERRORS);
    }
  }
  if (errors.length) throw validationError(errors);
  return out as { params: never; query: never; body: never };
}

/** Routes without query parameters refuse any, like unknown body fields. */
const NO_QUERY = object({});

function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** Mounts routes on a router in declaration order; `now` is the shared clock. */
export function mountRoutes(routes: Route[], now: () => Promise<Date>): Router {
  const router = Router();
  for (const r of routes) {
    const parsers: RequestHandler[] = r.rawBody
      ? [r.rawBody.parser]
      : r.body
        ? [jsonParser, requireJson]
        : [];
    router[r.method](expressPath(r.path), authorize(r.access), ...parsers, async (req, res) => {
      const { params, query, body } = validateAll(
        {
          params: [r.params, { ...req.params }],
          query: [r.query ?? NO_QUERY, { ...req.query }],
          body: [r.body, req.body],
        },
        { today: todayInChina(await now()) },
      );
      const reply = await r.handle({
        req,
        res,
        principal: findPrincipal(req),
        body,
        query,
        params,
      });
      if (!reply) return;
      res.status(reply.status ?? 200);
      if (reply.body === undefined) res.end();
      else res.json(reply.body);
    });
  }
  return router;
}
