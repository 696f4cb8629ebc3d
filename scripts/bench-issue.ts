import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector';
import { hashPassword } from '../api/auth/passwords';
import { createStaffUser } from '../api/use-cases/staff';
import { normaliseIdPhoto } from '../api/use-cases/uploaded-files';
import { insertAccount } from '../repositories/accounts';
import { approveCategories } from '../repositories/enterprise-categories';
import { insertEnterprise } from '../repositories/enterprises';
import { moveEmployment } from '../repositories/employment-transitions';
import { insertEmploymentProposal } from '../repositories/employments';
import { insertVerifiedPerson, savePhoto } from '../repositories/persons';
import { samplePhotoPng } from '../test/documents/certificate-fixture';
import { minimalPdf } from '../test/api/use-cases/sample-files';
import {
  countStatements,
  cpuMs,
  openBenchDatabase,
  pct,
  postgresCpu,
  postgresCpuBetween,
} from './bench-common';
import {
  benchLogger,
  birthDateOf,
  practitionerIdNumber,
  practitionerName,
  startBenchSystem,
} from './bench-system';
import {
  BenchPerson,
  CONCURRENCY,
  LoadConfig,
  LoadMessage,
  LoadResult,
  PASSWORD,
  POLL_MS,
  READ_MS,
} from './bench-issue-load';

/**
 * `npm run bench:issue`: the main job end to end — an approved exam result becoming a
 * certificate with its PDF. The last line is one JSON object.
 *
 * The measured process is the system as `npm start` assembles it (main.ts): the engine behind
 * Basic credentials, the SDK with BASIC, processes/ deployed, the job workers, the outbox
 * drainer and the API, on a fresh database of the machine's PostgreSQL (or the embedded one).
 * Setup, not measured, writes its rows with the repositories: one enterprise with approved
 * categories G P and BENCH_N (500) verified practitioners with ID photos employed by it.
 *
 * A second process drives it over HTTP, as people would:
 * - import: BENCH_N passed exam results (type C, job type 04) with POST /api/exam-results as the
 *   training body, in batches of at most 2000 rows; then it waits until every review task is
 *   open;
 * - issue: the regulator lists GET /api/tasks (pages of at most 100, oldest first) and
 *   approves every task with POST /api/tasks/{key}/complete, BENCH_CONCURRENCY (16) at once,
 *   listing again when it runs out; meanwhile the enterprise polls its certificates
 *   (GET /api/enterprises/me/certificates, one request for all, every BENCH_POLL_MS = 200 ms).
 *
 * Figures: import seconds (first row sent → last batch answered); issue seconds (first approval
 * sent → last certificate seen); certificates per second = N / issue seconds; latency = an
 * approval's 200 answer → the poll answer that first shows its certificate (so up to one poll
 * interval late); CPU ms per certificate of the app process and of PostgreSQL (its backends on
 * the bench database and the WAL writer, from /proc) over the issue window (issue start → last
 * certificate seen), and SQL statements per certificate sent by the app process. In the JSON
 * line `cpuMsPerCertificate` is the app's, `postgresCpuMsPerCertificate` PostgreSQL's.
 * BENCH_CPU_PROFILE=<file> writes a V8 CPU profile of the app process over the issue window.
 * Then it checks in the database that every approved exam result got exactly one certificate
 * and that certificate numbers are unique; it exits 1 if not.
 */

const N = Number(process.env.BENCH_N ?? 500);

// ---------------------------------------------------------------- the app process

/** The enterprise (G P approved), its account, the staff accounts, N employed practitioners. */
async function setUp(db: Parameters<typeof insertEnterprise>[0], n: number) {
  await createStaffUser(db, { role: 'regulator', username: 'bench-regulator', password: PASSWORD });
  await createStaffUser(db, { role: 'training', username: 'bench-training', password: PASSWORD });
  const creditCode = '91630102MA0001000T';
  const photo = await normaliseIdPhoto(samplePhotoPng(), 'image/png');
  const contract = minimalPdf('labour contract');
  const passwordHash = await hashPassword(PASSWORD);
  return db.transaction(async (trx) => {
    const enterpriseId = await insertEnterprise(trx, {
      creditCode,
      name: '西宁燃气有限公司',
      legalRepName: '李四',
      legalRepIdNumber: practitionerIdNumber(n + 1),
    });
    await approveCategories(trx, enterpriseId, ['G', 'P']);
    await insertAccount(trx, {
      username: creditCode,
      passwordHash,
      role: 'enterprise',
      enterpriseId,
    });
    const persons: BenchPerson[] = [];
    for (let i = 0; i < n; i++) {
      const idNumber = practitionerIdNumber(i);
      const name = practitionerName(i);
      const personId = await insertVerifiedPerson(trx, {
        idNumber,
        name,
        sex: 'M',
        birthDate: birthDateOf(idNumber),
      });
      await savePhoto(trx, personId, photo.mime, photo.data);
      const employmentId = await insertEmploymentProposal(trx, {
        personId,
        enterpriseId,
        contractStart: '2026-01-01',
        contractEnd: null,
        contractFile: contract,
        contractFileName: '劳动合同.pdf',
        contractFileMime: 'application/pdf',
      });
      await moveEmployment(trx, employmentId, 'proposed', 'active');
      persons.push({ personId, idNumber, name });
    }
    return { creditCode, persons };
  });
}

/** The V8 profiler of this process, over the issue window only (BENCH_CPU_PROFILE). */
function windowProfiler(file: string | undefined) {
  if (!file) return { start: async () => undefined, stop: async () => undefined };
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))),
    );
  return {
    async start() {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 1000 });
      await post('Profiler.start');
    },
    async stop() {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase();
  const { db, admin, name } = bench;
  const { log, counted } = benchLogger();
  const system = await startBenchSystem(bench, log);
  const { camunda } = system;

  const setupStart = Date.now();
  const { creditCode, persons } = await setUp(db, N);
  console.log(`setup: ${N} practitioners in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);

  const statements = countStatements();
  const profiler = windowProfiler(process.env.BENCH_CPU_PROFILE);
  const child = fork(path.join(__dirname, 'bench-issue-load.ts'), [], {
    env: process.env,
    execArgv: process.execArgv.filter((a) => !a.startsWith('--cpu-prof')),
  });
  const config: LoadConfig = { base: system.base, creditCode, persons };
  child.send(config);
  interface Snapshot {
    cpu: NodeJS.CpuUsage;
    pg: Map<number, number>;
    statements: number;
  }
  const snapshot = async (): Promise<Snapshot> => ({
    cpu: process.cpuUsage(),
    pg: await postgresCpu(admin, name),
    statements: statements(),
  });
  const between = (a: Snapshot, b: Snapshot) => ({
    appCpuMs: cpuMs(b.cpu) - cpuMs(a.cpu),
    postgresCpuMs: postgresCpuBetween(a.pg, b.pg),
    statements: b.statements - a.statements,
  });
  const marks: Partial<Record<string, Snapshot>> = {};
  const result = await new Promise<LoadResult>((resolve, reject) => {
    child.on('message', (m: LoadMessage) => {
      void (async () => {
        if (m.kind === 'result') return resolve(m.result);
        if (m.kind === 'count-open-tasks') {
          const found = await camunda.searchUserTasks({
            filter: { state: 'CREATED', elementId: 'regulator-review' },
            page: { limit: 1 },
          } as never);
          return child.send(Number(found.page.totalItems));
        }
        marks[m.kind] = await snapshot();
        if (m.kind === 'issue-start') await profiler.start();
        if (m.kind === 'issue-end') await profiler.stop();
        child.send('ok');
      })().catch(reject);
    });
    child.once('exit', (code) => code && reject(new Error(`load process exited with ${code}`)));
  });
  const importWindow = between(marks['import-start']!, marks['import-end']!);
  const issueWindow = between(marks['issue-start']!, marks['issue-end']!);

  // every approved exam result got exactly one certificate, and every number is unique
  const [check] = (
    await db.raw(
      `select (select count(*) from exam_results where passed) as results,
              (select count(*) from certificates) as certificates,
              (select count(distinct exam_result_id) from certificates) as results_with_one,
              (select count(distinct number) from certificates) as numbers,
              (select count(*) from certificate_issuances) as issuances`,
    )
  ).rows as Array<Record<string, string>>;
  const counts = Object.fromEntries(Object.entries(check).map(([k, v]) => [k, Number(v)]));
  const sound = result.approvals === N && Object.values(counts).every((v) => v === N);
  await system.stop();
  await db.destroy();
  await bench.drop();

  const per = (x: number) => (x / N).toFixed(1);
  const certificatesPerSecond = N / result.issueSeconds;
  console.log(
    `issue bench: N ${N}, approvals at a concurrency of ${CONCURRENCY}, certificates polled every ${POLL_MS} ms; database ${bench.server.embedded ? 'embedded' : 'DATABASE_URL'}`,
  );
  console.log(
    `import: ${result.importSeconds.toFixed(1)} s (all review tasks open after ${result.tasksOpenSeconds.toFixed(1)} s); per result CPU ms app ${per(importWindow.appCpuMs)}, postgres ${per(importWindow.postgresCpuMs)}; SQL statements ${per(importWindow.statements)}`,
  );
  console.log(
    `issue: ${result.issueSeconds.toFixed(1)} s, ${certificatesPerSecond.toFixed(1)} certificates/s; approval → certificate p50 ${pct(result.latenciesMs, 50)} ms, p99 ${pct(result.latenciesMs, 99)} ms`,
  );
  console.log(
    `reads while issuing: ${result.readsMs.length}, p50 ${pct(result.readsMs, 50)} ms, p99 ${pct(result.readsMs, 99)} ms (GET /api/messages and /api/enterprises/me every ${READ_MS} ms)`,
  );
  console.log(
    `per certificate: CPU ms app ${per(issueWindow.appCpuMs)}, postgres ${per(issueWindow.postgresCpuMs)}, load ${per(result.loadCpuMs)}; SQL statements ${per(issueWindow.statements)}; task listings ${result.taskListings}, certificate polls ${result.polls} (answer ${result.pollAnswerMs.toFixed(0)} ms on average)`,
  );
  console.log(
    `check: ${sound ? 'ok' : 'FAILED'} — approvals ${result.approvals}, passed exam results ${counts.results}, certificates ${counts.certificates}, exam results with a certificate ${counts.results_with_one}, distinct numbers ${counts.numbers}, issuances ${counts.issuances} (each must be ${N}); warnings or errors logged ${counted.warnings}`,
  );
  console.log(
    JSON.stringify({
      n: N,
      importSeconds: Number(result.importSeconds.toFixed(2)),
      issueSeconds: Number(result.issueSeconds.toFixed(2)),
      certificatesPerSecond: Number(certificatesPerSecond.toFixed(2)),
      p50Ms: pct(result.latenciesMs, 50),
      p99Ms: pct(result.latenciesMs, 99),
      readP99Ms: pct(result.readsMs, 99),
      cpuMsPerCertificate: Number((issueWindow.appCpuMs / N).toFixed(1)),
      postgresCpuMsPerCertificate: Number((issueWindow.postgresCpuMs / N).toFixed(1)),
    }),
  );
  process.exit(sound ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
