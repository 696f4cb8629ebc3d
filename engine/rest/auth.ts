import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * Who may call the engine. The credentials are the ones the SDK already sends:
 * `CAMUNDA_AUTH_STRATEGY=BASIC` (`CAMUNDA_BASIC_AUTH_USERNAME` / `_PASSWORD`) or `BEARER`
 * (`CAMUNDA_OAUTH_TOKEN`). `'none'` leaves the engine open and must be chosen explicitly.
 */
export type EngineAuth =
  | 'none'
  | {
      basic?: { username: string; password: string };
      bearerTokens?: string[];
    };

/** Compares digests so neither the length nor the content of a secret leaks through timing. */
function same(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/** Whether the request's Authorization header carries one of the accepted credentials. */
export function isAuthorized(auth: EngineAuth, header: string | undefined): boolean {
  if (auth === 'none') return true;
  const value = (header ?? '').trim();
  const space = value.indexOf(' ');
  if (space < 0) return false;
  const scheme = value.slice(0, space).toLowerCase();
  const credential = value.slice(space + 1).trim();
  if (scheme === 'basic' && auth.basic) {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const expected = `${auth.basic.username}:${auth.basic.password}`;
    return same(decoded, expected);
  }
  if (scheme === 'bearer' && auth.bearerTokens?.length) {
    // Every token is compared, so the answer time does not tell which one nearly matched.
    return auth.bearerTokens.map((t) => same(credential, t)).some(Boolean);
  }
  return false;
}

function unauthorized(req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify({
    type: 'about:blank',
    title: 'Unauthorized',
    status: 401,
    detail: 'The request is not authenticated: send Basic or Bearer credentials.',
    instance: req.url ?? '',
  });
  // The body is not read: drop the connection after answering rather than parse what may be
  // a large unauthenticated upload.
  res.shouldKeepAlive = false;
  res
    .writeHead(401, {
      'content-type': 'application/problem+json',
      'content-length': Buffer.byteLength(body),
      'www-authenticate': 'Basic realm="gas-cert engine", charset="UTF-8"',
    })
    .end(body);
}

/**
 * What Camunda 8.8 serves without credentials as well: the licence status (the SDK asks for it
 * unauthenticated). It tells nothing about processes or data.
 */
function isPublic(req: IncomingMessage): boolean {
  return req.method === 'GET' && /^\/+v2\/license\/?(\?|$)/.test(req.url ?? '');
}

/**
 * Wraps the whole engine (the fast lane included): nothing runs for a request without
 * credentials, not even body parsing.
 */
export function withAuthentication(auth: EngineAuth, next: RequestListener): RequestListener {
  if (auth === 'none') return next;
  if (!auth.basic && !auth.bearerTokens?.length)
    throw new Error('engine: authentication needs basic credentials or bearer tokens');
  return (req, res) => {
    if (isPublic(req) || isAuthorized(auth, req.headers.authorization)) next(req, res);
    else unauthorized(req, res);
  };
}
