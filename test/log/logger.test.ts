import { Writable } from 'node:stream';
import { createLogger } from '../../log/logger';

function capture(level?: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: createLogger({ level, destination }), lines };
}

describe('log/logger - JSON lines', () => {
  it('should write time, level name and message on one JSON line', () => {
    // given a logger at info
    const { log, lines } = capture('info');

    // when it logs at info and at debug
    log.info({ worker: 'certificate-issue' }, 'workers: polling');
    log.debug('not shown');

    // then one line with an ISO time and the level's name
    expect(lines).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        worker: 'certificate-issue',
        msg: 'workers: polling',
      },
    ]);
  });

  it.each([
    ['a password', { password: 'Secret-pass-123' }, 'password'],
    ['a nested token', { body: { accessToken: 'eyJ' } }, 'body'],
    ['a photo', { person: { photo: 'iVBOR' } }, 'person'],
    ['an Authorization header', { req: { headers: { authorization: 'Bearer x' } } }, 'req'],
  ])('should redact %s', (_what, fields, key) => {
    // given a logger
    const { log, lines } = capture('info');

    // when an object holding a secret is logged
    log.info(fields, 'something');

    // then the secret is replaced
    expect(JSON.stringify(lines[0][key])).toContain('[redacted]');
    expect(JSON.stringify(lines[0])).not.toMatch(/Secret-pass|eyJ|iVBOR|Bearer/);
  });

  it('should be silent under jest unless LOG_LEVEL is set', () => {
    // given no level and no LOG_LEVEL (jest sets JEST_WORKER_ID)
    const saved = process.env.LOG_LEVEL;
    delete process.env.LOG_LEVEL;
    try {
      // then the level is silent
      expect(createLogger().level).toBe('silent');
      process.env.LOG_LEVEL = 'warn';
      expect(createLogger().level).toBe('warn');
    } finally {
      if (saved === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = saved;
    }
  });
});
