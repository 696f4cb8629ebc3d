/**
 * What bench:issue and bench:reissue set up alike: the system as `npm start` assembles it
 * (main.ts) on the bench database, its logger, and the practitioners' identities.
 */
import { randomBytes } from 'node:crypto';
import { Camunda8 } from '@camunda8/sdk';
import pino from 'pino';
import { createApp } from '../api/app';
import { listen } from '../api/http-server';
import { idNumberCheckChar } from '../domain/id-number';
import { closeSharedPdfPool } from '../documents/pdf-pool';
import { businessNow } from '../clock/business-clock';
import { startEngine, startEngineThread } from '../engine';
import type { EngineLog } from '../engine';
import { createLogger } from '../log/logger';
import { deployProcesses } from '../processes/deploy';
import { startOutboxDrainer } from '../workers/runtime/outbox-drainer';
import { maxLagFromEnv, startWorkers } from '../workers/runtime/start-workers';
import type { BenchDatabase } from './bench-common';

/** A valid ID number of the i-th practitioner: born on one of 5000 days from 1975, male. */
export function practitionerIdNumber(i: number): string {
  const birth = new Date(Date.UTC(1975, 0, 1) + (i % 5000) * 86_400_000);
  const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const sequence = String(101 + 2 * Math.floor(i / 5000)).padStart(3, '0');
  const first17 = `630102${date}${sequence}`;
  return first17 + idNumberCheckChar(first17);
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = '建国明华丽娟伟芳军敏静强磊洋艳勇杰涛';

/** The i-th practitioner's name (three characters from 20 surnames and 18 given-name ones). */
export function practitionerName(i: number): string {
  return (
    SURNAMES[i % SURNAMES.length] +
    GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] +
    GIVEN[Math.floor(i / 7) % GIVEN.length]
  );
}

/** The birth date an ID number carries. */
export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** Request lines go nowhere (their cost stays measured); warnings and errors to stderr, counted. */
export function benchLogger() {
  const counted = { warnings: 0 };
  const stderr = {
    write(line: string) {
      counted.warnings++;
      process.stderr.write(line);
    },
  };
  const log = createLogger({
    level: 'info',
    destination: pino.multistream([
      { level: 'info', stream: pino.destination('/dev/null') },
      { level: 'warn', stream: stderr },
    ]),
  });
  return { log, counted };
}

/**
 * The engine behind Basic credentials — on its own thread, as npm start runs it, unless
 * ENGINE_THREAD=false (the CPU figures count every thread of the process; the SQL statement
 * count then covers the app's pool only) — the SDK with BASIC, processes/ deployed, the job
 * workers, the outbox drainer and the API on a port of its own.
 */
export async function startBenchSystem(bench: BenchDatabase, log: ReturnType<typeof createLogger>) {
  const { db, url } = bench;
  const engineLog: EngineLog = {
    info: (message) => log.info(message),
    warn: (message, err) => log.warn({ err }, message),
    error: (message, err) => log.error({ err }, message),
  };
  const engineUser = { username: 'gas-cert', password: randomBytes(24).toString('base64url') };
  const engineOptions = { port: 0, host: '127.0.0.1', auth: { basic: engineUser }, log: engineLog };
  const engine =
    process.env.ENGINE_THREAD === 'false'
      ? await startEngine({ db, ...engineOptions })
      : await startEngineThread(url, engineOptions);
  const camunda = new Camunda8({
    ZEEBE_REST_ADDRESS: `http://127.0.0.1:${engine.address.port}`,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: engineUser.username,
    CAMUNDA_BASIC_AUTH_PASSWORD: engineUser.password,
    CAMUNDA_LOG_LEVEL: 'none',
  } as never).getCamundaRestClient();
  await deployProcesses(camunda);
  const workers = startWorkers({ db, camunda, log, maxLagMs: maxLagFromEnv() });
  const outbox = startOutboxDrainer({ db, camunda, log });
  const api = await listen(
    createApp({ db, now: () => businessNow(db), camunda, workers, log }),
    0,
    '127.0.0.1',
  );
  return {
    camunda,
    base: `http://127.0.0.1:${api.address.port}`,
    async stop() {
      await api.stop();
      await workers.stop();
      await outbox.stop();
      await engine.stop();
      await closeSharedPdfPool();
    },
  };
}
