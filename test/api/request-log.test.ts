import { Writable } from 'node:stream';
import express from 'express';
import { listen, HttpServer } from '../../api/http-server';
import { problemMiddleware } from '../../api/problem-middleware';
import { requestLog } from '../../api/request-log';
import { createLogger } from '../../log/logger';

/** A logger at `level` whose JSON lines land in `lines`. */
function capturingLogger(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      raw.push(String(chunk));
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: createLogger({ level, destination }), lines, raw };
}

describe('api/request-log - one line per request', () => {
  let server: HttpServer;
  let base: string;
  const captured = capturingLogger();

  beforeAll(async () => {
    const app = express();
    app.use(requestLog(captured.log));
    app.post('/api/auth/token', express.json(), (_req, res) => {
      res.json({ accessToken: 'eyJ-secret-token' });
    });
    app.get('/health', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/api/boom', () => {
      throw new Error('database exploded');
    });
    app.use(problemMiddleware);
    server = await listen(app, 0, '127.0.0.1');
    base = `http://127.0.0.1:${server.address.port}`;
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    captured.lines.length = 0;
    captured.raw.length = 0;
  });

  /** pino-http writes its line when the response has finished, just after the client has it. */
  async function settled(count: number) {
    for (let i = 0; i < 100 && captured.lines.length < count; i++)
      await new Promise((r) => setTimeout(r, 10));
  }

  it('should log method, path, status, duration and request id at info, without credentials', async () => {
    // given a login with a password, a bearer header and a query string
    const res = await fetch(`${base}/api/auth/token?password=in-the-query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer old-secret' },
      body: JSON.stringify({ username: 'reviewer', password: 'Secret-pass-123' }),
    });

    // then the answer carries a generated request id
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await settled(1);
    // and exactly one line describes the request
    expect(captured.lines).toEqual([
      expect.objectContaining({
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        msg: 'POST /api/auth/token 200',
        requestId: id,
        req: { method: 'POST', url: '/api/auth/token' },
        res: { status: 200 },
        durationMs: expect.any(Number),
      }),
    ]);
    // and nothing secret was written
    const text = captured.raw.join('');
    for (const secret of ['old-secret', 'Secret-pass-123', 'in-the-query', 'eyJ-secret-token'])
      expect(text).not.toContain(secret);
  });

  it('should keep a sane x-request-id from the caller and replace one that is not', async () => {
    // when one caller sends a short token and another a line break
    const kept = await fetch(`${base}/api/auth/token`, {
      method: 'POST',
      headers: { 'x-request-id': 'edge-7f3a.1' },
    });
    const replaced = await fetch(`${base}/api/auth/token`, {
      method: 'POST',
      headers: { 'x-request-id': 'x'.repeat(200) },
    });

    // then the first is echoed and logged, the second replaced by a generated id
    expect(kept.headers.get('x-request-id')).toBe('edge-7f3a.1');
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await settled(2);
    expect(captured.lines.map((l) => l.requestId)).toEqual(
      expect.arrayContaining(['edge-7f3a.1', replaced.headers.get('x-request-id')]),
    );
  });

  it('should log an unexpected error with the request id the caller got', async () => {
    // when a handler fails unexpectedly
    const res = await fetch(`${base}/api/boom`);

    // then the caller gets a problem without details, and the log has them under its id
    expect(res.status).toBe(500);
    const id = res.headers.get('x-request-id');
    await settled(2);
    const problem = captured.lines.find((l) => String(l.msg).startsWith('unexpected error'));
    expect(problem).toMatchObject({
      level: 'error',
      requestId: id,
      msg: 'unexpected error: GET /api/boom',
      err: expect.objectContaining({ message: 'database exploded' }),
    });
    expect(captured.lines.find((l) => l.msg === 'GET /api/boom 500')).toMatchObject({
      level: 'error',
      requestId: id,
    });
  });

  it('should log probe answers at debug only', async () => {
    // when a probe asks for /health
    await fetch(`${base}/health`);
    await new Promise((r) => setTimeout(r, 50));

    // then the info log stays quiet
    expect(captured.lines).toEqual([]);
  });
});
