/**
 * `npm run bench:review` (issue 8): BENCH_N (10,000) certificates whose CE deadline was yesterday
 * are reviewed by one daily run, through the engine, on the durable database, while the API
 * keeps answering a steady read load. The last line is one JSON object
 * `{certificates, seconds, perSecond, apiP99Ms}`.
 *
 * The measured process is the system as `npm start` assembles it (main.ts): the embedded
 * engine on its thread behind Basic credentials, processes/ deployed, the job workers, the
 * outbox drainer and the API, on a fresh database of the machine's PostgreSQL (or the embedded
 * one). Setup, not measured, writes with SQL: one enterprise, N persons and N valid type-B
 * certificates whose CE deadline was yesterday (China), half of them with a first CE record in time.
 *
 * Measured: from the start of the daily run (scheduler/daily-work.ts, as the cron would call
 * it) until every review run has sent its messages (the last timeline step of each run: one
 * auto-review application and instance per batch of 200 certificates). Meanwhile a second process reads certificates as the regulator,
 * BENCH_READ_RATE (20) requests per second, open loop; `apiP99Ms` is their p99. Then it checks
 * that every certificate has exactly one review, one run and the right outcome.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { createStaffUser } from '../api/use-cases/staff';
import { businessToday } from '../clock/business-clock';
import { addDays, addMonths, addYears } from '../domain/calendar-date';
import { BATCH, runDailyWork } from '../scheduler/daily-work';
import {
  cpuMs,
  openBenchDatabase,
  pct,
  postgresCpu,
  postgresCpuBetween,
  sleep,
} from './bench-common';
import type { ReviewLoadConfig, ReviewLoadMessage } from './bench-review-load';
import { benchLogger, birthDateOf, practitionerIdNumber, startBenchSystem } from './bench-system';

const N = Number(process.env.BENCH_N ?? 10_000);
const READ_RATE = Number(process.env.BENCH_READ_RATE ?? 20);
const PASSWORD = 'bench-password-1';

/**
 * N persons and certificates due today, in chunks (setup: not measured): their CE deadline was
 * yesterday, so today's run reviews them (the review runs the day after the deadline).
 */
async function setUp(db: Parameters<typeof createStaffUser>[0], today: string, n: number) {
  const deadline = addDays(today, -1);
  await createStaffUser(db, { role: 'regulator', username: 'bench-regulator', password: PASSWORD });
  const [{ id: enterpriseId }] = await db('enterprises')
    .insert({
      credit_code: '91630102MA0001000T',
      name: '西宁燃气有限公司',
      categories: ['G', 'P'],
      category_registration: 'approved',
    })
    .returning(db.raw('id::text as id'));
  const start = addDays(addMonths(deadline, -30), 1);
  const end = addDays(addYears(start, 5), -1);
  const year = start.slice(0, 4);
  const ids: string[] = [];
  for (let from = 0; from < n; from += 1000) {
    const chunk = Array.from({ length: Math.min(1000, n - from) }, (_, k) => from + k);
    const persons: Array<{ id: string }> = await db('persons')
      .insert(
        chunk.map((i) => {
          const idNumber = practitionerIdNumber(i);
          return {
            id_number: idNumber,
            name: '王建国',
            sex: 'M',
            birth_date: birthDateOf(idNumber),
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
          ce_deadline: deadline,
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

/** Certificates whose review run has sent its messages (the run's last timeline step). */
async function finishedReviews(db: Parameters<typeof createStaffUser>[0]): Promise<number> {
  const [{ n }] = (
    await db.raw(
      `select count(*) as n from daily_work_items w
        where w.kind = 'auto-review' and exists (
          select 1 from application_events e
           where e.application_id = w.application_id and e.step = 'notify-results')`,
    )
  ).rows;
  return Number(n);
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase();
  const { db, admin, name } = bench;
  const { log, counted } = benchLogger();

  // the system as main.ts assembles it (scripts/bench-system.ts)
  const system = await startBenchSystem(bench, log);

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
      base: system.base,
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
    c.applications === Math.ceil(N / BATCH) &&
    c.passed === half &&
    c.extended === half &&
    c.abnormal === N - half &&
    c.messages === 2 * N;

  await system.stop();
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
    `check: ${sound ? 'ok' : 'FAILED'} — ${JSON.stringify(c)}, finished ${done} (reviews and reviewed must be ${N}, review runs ${Math.ceil(N / BATCH)}; passed and extended ${half}; abnormal ${N - half}; messages ${2 * N}); warnings or errors logged ${counted.warnings}`,
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
