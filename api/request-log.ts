import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../log/logger';

/** A caller's own request id is kept when it is a short plain token (no log injection). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Probes poll often; their successful answers are logged at debug only. */
const PROBES = new Set(['/health', '/ready']);

/** The path asked for (Express rewrites `req.url` inside routers; `originalUrl` stays). */
function pathOf(req: IncomingMessage & { originalUrl?: string }): string {
  // The query is left out: it may carry search terms or tokens nobody should find in a log.
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

/** The request id: the caller's `x-request-id` when sane, else a new one; echoed in the answer. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * One line per request when it ends (method, path, status, duration in ms, request id), and
 * `req.log` for the handlers: a child logger that stamps every line with the request id.
 */
export function requestLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: requestId,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    // Handlers' lines (req.log) carry the request id alone; the request line carries req too.
    quietReqLogger: true,
    // Only what is needed to follow a request: no headers (Authorization), no body (passwords,
    // photos), no query.
    serializers: {
      req: (req: IncomingMessage) => ({ method: req.method, url: pathOf(req) }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    wrapSerializers: false,
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      if (PROBES.has(pathOf(req)) && res.statusCode < 400) return 'debug';
      return 'info';
    },
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
  });
}
