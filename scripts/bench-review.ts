/**
 * `npm run bench:review` (issue 8): BENCH_N (10,000) certificates whose CE deadline is today
 * are reviewed by one daily run, through the engine, on the durable database, while the API
 * keeps answering a steady read load. The last line is one JSON object
 * `{certificates, seconds, perSecond, apiP99Ms}`.
 *
 * The measured process is the system as `npm start` assembles it (main.ts): the embedded
 * engine on its thread behind Basic credentials, processes/ deployed, the job workers, the
 * outbox drainer and the API, on a fresh database of the machine's PostgreSQL (or the embedded
 * one). Setup, not measured, writes with SQL: one enterprise, N persons and N valid type-B
 * certificates whose CE deadline is today (China), half of them with a first CE record in time.
 *
 * Measured: from the start of the daily run (scheduler/daily-work.ts, as the cron would call
 * it) until every review instance has sent its message (the last timeline step of each of the
 * N auto-review applications). Meanwhile a second process reads certificates as the regulator,
 * BENCH_READ_RATE (20) requests per second, open loop; `apiP99Ms` is their p99. Then it checks
 * that every certificate has exactly one review, one application and the right outcome.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import pino from 'pino';
import { createApp } from '../api/app';
import { listen } from '../api/http-server';
import { createStaffUser } from '../api/use-cases/staff';
import { businessNow, businessToday } from '../clock/business-clock';
import { addDays, addMonths, addYears } from '../domain/calendar-date';
import { idNumberCheckChar } from '../domain/id-number';
import type { EngineLog } from '../engine/engine-log';
import { startEngine } from '../engine/start-engine';
import { startEngineThread } from '../engine/start-engine-thread';
import { createLogger } from '../log/logger';
import { deployProcesses } from '../processes/deploy';
import { runDailyWork } from '../scheduler/daily-work';
import { startOutboxDrainer } from '../workers/runtime/outbox-drainer';
import { startWorkers } from '../workers/runtime/start-workers';
import { closeSharedPdfPool } from '../documents/pdf-pool';
import {
  cpuMs,
  openBenchDatabase,
  pct,
  postgresCpu,
  postgresCpuBetween,
  sleep,
} from './bench-common';
import type { ReviewLoadConfig, ReviewLoadMessage } from './bench-review-load';

const N = Number(process.env.BENCH_N ?? 10_000);
const READ_RATE = Number(process.env.BENCH_READ_RATE ?? 20);
const PASSWORD = 'bench-password-1';

/** Warnings and errors to stderr, counted; request lines nowhere (their cost stays measured). */
function benchLogger() {
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

/** A valid ID number of the i-th person: born on one of 5000 days from 1975, male. */
function idNumberOf(i: number): string {
  const birth = new Date(Date.UTC(1975, 0, 1) + (i % 5000) * 86_400_000);
  const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `630102${date}${String(101 + 2 * Math.floor(i / 5000)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** N persons and certificates due today, in chunks (setup: not measured). */
async function setUp(db: Parameters<typeof createStaffUser>[0], today: string, n: number) {
  await createStaffUser(db, { role: 'regulator', username: 'bench-regulator', password: PASSWORD });
  const [{ id: enterpriseId }] = await db('enterprises')
    .insert({
      credit_code: '91630102MA0001000T',
      name: '西宁燃气有限公司',
      categories: ['G', 'P'],
      category_registration: 'approved',
    })
    .returning(db.raw('id::text as id'));
  const start = addDays(addMonths(today, -30), 1);
  const end = addDays(addYears(start, 5), -1);
  const year = start.slice(0, 4);
  const ids: string[] = [];
  for (let from = 0; from < n; from += 1000) {
    const chunk = Array.from({ length: Math.min(1000, n - from) }, (_, k) => from + k);
    const persons: Array<{ id: string }> = await db('persons')
      .insert(
        chunk.map((i) => {
          const idNumber = idNumberOf(i);
          return {
            id_number: idNumber,
            name: '王建国',
            sex: 'M',
            birth_date: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
            verified_at: new Date(),
          };
        }),
      )
      .returning(db.raw('id::text as id'));
    const certificates: Array<{ id: string }> = await db('certificates')
      .insert(
        chunk.map((i, k) => ({
          person_id: persons[k].id,
          number: `青GPB${year}${String(i + 1).padStart(6, '0')}`,
          type: 'B',
          unit_enterprise_id: enterpriseId,
          unit_name: '西宁燃气有限公司',
          holder_name: '王建国',
          first_issue_date: start,
          validity_start: start,
          validity_end: end,
          ce_deadline: today,
        })),
      )
      .returning(db.raw('id::text as id'));
    // Every second certificate has its first CE record in time: it passes.
    await db('ce_records').insert(
      certificates
        .filter((_, k) => (from + k) % 2 === 0)
        .map((c) => ({
          certificate_id: c.id,
          certificate_number: 'bench',
          sequence: 1,
          pass_date: addMonths(today, -6),
        })),
    );
    ids.push(...certificates.map((c) => c.id));
  }
  // The serial the numbers above took, so nothing else would draw them again.
  await db.raw(`select setval('certificate_serial', ?)`, [n]);
  return ids;
}

async function finishedReviews(db: Parameters<typeof createStaffUser>[0]): Promise<number> {
  const [{ n }] = await db('application_events')
    .whereIn('step', ['notify-passed', 'notify-failed'])
    .count({ n: '*' });
  return Number(n);
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase();
  const { db, admin, name, url } = bench;
  const { log, counted } = benchLogger();
  const engineLog: EngineLog = {
    info: (message) => log.info(message),
    warn: (message, err) => log.warn({ err }, message),
    error: (message, err) => log.error({ err }, message),
  };

  // the system as main.ts assembles it
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
  const workers = startWorkers({ db, camunda, log });
  const outbox = startOutboxDrainer({ db, camunda, log });
  const api = await listen(
    createApp({ db, now: () => businessNow(db), camunda, workers, log }),
    0,
    '127.0.0.1',
  );

  const today = await businessToday(db);
  const setupStart = Date.now();
  const certificateIds = await setUp(db, today, N);
  console.log(
    `setup: ${N} certificates due ${today} in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`,
  );

  const child = fork(path.join(__dirname, 'bench-review-load.ts'), [], { env: process.env });
  const loadResult = new Promise<Extract<ReviewLoadMessage, { kind: 'result' }>>((resolve) =>
    child.on('message', (m: ReviewLoadMessage) => m.kind === 'result' && resolve(m)),
  );
  await new Promise<void>((resolve) => {
    child.on('message', (m: ReviewLoadMessage) => m.kind === 'ready' && resolve());
    child.send({
      base: `http://127.0.0.1:${api.address.port}`,
      username: 'bench-regulator',
      password: PASSWORD,
      certificateIds,
      ratePerSecond: READ_RATE,
    } satisfies ReviewLoadConfig);
  });
  await sleep(1000); // the read load is steady before the run starts

  const cpuBefore = process.cpuUsage();
  const pgBefore = await postgresCpu(admin, name);
  const t0 = Date.now();
  const report = await runDailyWork(db, today);
  const runSeconds = (Date.now() - t0) / 1000;
  // Gives up after BENCH_TIMEOUT_S (600): the figures then say how far it got.
  const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 600) * 1000;
  let done = await finishedReviews(db);
  while (done < N && Date.now() - t0 < timeoutMs) {
    await sleep(200);
    done = await finishedReviews(db);
  }
  const seconds = (Date.now() - t0) / 1000;
  const appCpu = cpuMs(process.cpuUsage(cpuBefore));
  const pgCpu = postgresCpuBetween(pgBefore, await postgresCpu(admin, name));
  child.send('stop');
  const load = await loadResult;

  const [check] = (
    await db.raw(
      `select (select count(*) from ce_reviews) as reviews,
              (select count(distinct certificate_id) from ce_reviews) as reviewed,
              (select count(*) from ce_reviews where outcome = 'passed') as passed,
              (select count(*) from certificates where state = 'abnormal') as abnormal,
              (select count(*) from certificates where ce_reviewed) as extended,
              (select count(*) from applications where type = 'auto-review') as applications,
              (select count(*) from messages) as messages`,
    )
  ).rows as Array<Record<string, string>>;
  const c = Object.fromEntries(Object.entries(check).map(([k, v]) => [k, Number(v)]));
  const half = Math.ceil(N / 2);
  const sound =
    done === N &&
    report.autoReviews === N &&
    c.reviews === N &&
    c.reviewed === N &&
    c.applications === N &&
    c.passed === half &&
    c.extended === half &&
    c.abnormal === N - half &&
    c.messages === 2 * N;

  await api.stop();
  await workers.stop();
  await outbox.stop();
  await engine.stop();
  await closeSharedPdfPool();
  await db.destroy();
  await bench.drop();

  const perSecond = done / seconds;
  console.log(
    `review bench: N ${N}; daily run owed ${report.autoReviews} reviews in ${runSeconds.toFixed(1)} s; all reviewed and messaged after ${seconds.toFixed(1)} s (${perSecond.toFixed(0)}/s); database ${bench.server.embedded ? 'embedded' : 'DATABASE_URL'}`,
  );
  console.log(
    `API reads meanwhile (GET /api/certificates/{id}, ${READ_RATE}/s open loop): ${load.latenciesMs.length} answered, ${load.errors} failed; p50 ${pct(load.latenciesMs, 50)} ms, p99 ${pct(load.latenciesMs, 99)} ms, max ${Math.max(...load.latenciesMs)} ms`,
  );
  console.log(
    `per certificate: CPU ms app ${(appCpu / N).toFixed(2)} (all its threads, engine included), postgres ${(pgCpu / N).toFixed(2)}`,
  );
  console.log(
    `check: ${sound ? 'ok' : 'FAILED'} — ${JSON.stringify(c)}, finished ${done} (reviews, reviewed, applications must be ${N}; passed and extended ${half}; abnormal ${N - half}; messages ${2 * N}); warnings or errors logged ${counted.warnings}`,
  );
  console.log(
    JSON.stringify({
      certificates: done,
      seconds: Number(seconds.toFixed(2)),
      perSecond: Number(perSecond.toFixed(1)),
      apiP99Ms: pct(load.latenciesMs, 99),
    }),
  );
  process.exit(sound ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
