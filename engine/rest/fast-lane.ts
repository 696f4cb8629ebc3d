import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Engine } from '../engine';
import type { EngineLog } from '../engine-log';
import { completeJob } from '../commands/jobs';
import { problemFor } from './app';
import { startInstance } from '../commands/create-instance';

/** express.json's limit in app.ts. */
const LIMIT = 16 * 1024 * 1024;
const COMPLETION = /^\/v2\/jobs\/(\d+)\/completion$/;

type Hot = { kind: 'create' } | { kind: 'complete'; jobKey: string };

/**
 * The two requests every instance of a job-driven process makes — create it, complete its job —
 * answered without Express: its router walk and body-parser were a sixth of the engine's CPU per
 * instance. Same wire behaviour as the routes in process-instances.ts and jobs.ts (same command,
 * same answer, same problem+json). Anything unusual (another charset or encoding, no
 * content-length, awaitCompletion, a body that is no JSON object) goes to Express; a body read
 * here is handed over as `req.body` (body-parser skips a request that was read).
 */
export function withFastLane(engine: Engine, app: RequestListener): RequestListener {
  return (req, res) => {
    const hot = hotRoute(req);
    if (!hot) return app(req, res);
    const chunks: Buffer[] = [];
    req.on('error', () => res.destroy());
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      try {
        const text = Buffer.concat(chunks)
          .toString('utf8')
          .replace(/^\uFEFF/, '');
        body = text.length === 0 ? {} : JSON.parse(text);
      } catch {
        return problem(engine.log, req, res, { type: 'entity.parse.failed' });
      }
      const plain = typeof body === 'object' && body !== null && !Array.isArray(body);
      const b = body as Record<string, unknown>;
      if (!plain || (hot.kind === 'create' && b.awaitCompletion)) {
        (req as IncomingMessage & { body: unknown }).body = body;
        return app(req, res);
      }
      answer(engine, hot, b).then(
        (result) => {
          if (result === undefined) {
            res.writeHead(204).end();
            return;
          }
          const json = JSON.stringify(result);
          res
            .writeHead(200, {
              'content-type': 'application/json; charset=utf-8',
              'content-length': Buffer.byteLength(json),
            })
            .end(json);
        },
        (e) => problem(engine.log, req, res, e),
      );
    });
  };
}

async function answer(engine: Engine, hot: Hot, body: Record<string, unknown>) {
  if (hot.kind === 'complete') {
    await completeJob(engine.ctx, hot.jobKey, body.variables);
    return undefined;
  }
  return (await startInstance(engine, body)).result;
}

function hotRoute(req: IncomingMessage): Hot | undefined {
  if (req.method !== 'POST') return undefined;
  const h = req.headers;
  const length = Number(h['content-length']);
  if (!(length >= 0 && length <= LIMIT) || h['transfer-encoding']) return undefined;
  if (h['content-encoding'] && h['content-encoding'] !== 'identity') return undefined;
  const type = (h['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/')) return undefined;
  if (type.includes('charset=') && !/charset="?utf-8"?(;|$)/.test(type)) return undefined;
  // As collapseSlashes in app.ts: the SDK sends `//v2/...` for addresses ending in `/`.
  const path = (req.url ?? '').replace(/^\/+/, '/');
  if (path === '/v2/process-instances') return { kind: 'create' };
  const m = COMPLETION.exec(path);
  return m ? { kind: 'complete', jobKey: m[1] } : undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function problem(log: EngineLog, req: IncomingMessage, res: ServerResponse, err: any): void {
  const p = problemFor(err, req.method ?? '', req.url ?? '', log);
  if (res.headersSent) return;
  res
    .writeHead(p.status, {
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': Buffer.byteLength(p.body),
    })
    .end(p.body);
}
