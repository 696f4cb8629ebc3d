import pino, { DestinationStream, Logger } from 'pino';

export type { Logger };

/**
 * What the log must never hold, wherever it appears in a logged object: credentials and tokens
 * (people's passwords, API access tokens, the Authorization header) and uploaded photo bytes.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'token',
  'accessToken',
  'photo',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.photo',
  '*.authorization',
];

export interface LoggerOptions {
  /** Defaults to LOG_LEVEL, else `info`; under jest `silent` unless LOG_LEVEL is set. */
  level?: string;
  /** Defaults to standard output. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/** One JSON line per entry with `time` (ISO 8601), `level` (a name) and `msg`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level =
    options.level ??
    process.env.LOG_LEVEL ??
    // Test output stays readable: jest runs silent unless asked for logs.
    (process.env.JEST_WORKER_ID ? 'silent' : 'info');
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}

/** The process's logger (main.ts, the workers, the API). */
export const logger = createLogger();
