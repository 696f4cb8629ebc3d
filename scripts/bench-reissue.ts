import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { hashPassword } from '../api/auth/passwords';
import { createStaffUser } from '../api/use-cases/staff';
import { normaliseIdPhoto } from '../api/use-cases/uploaded-files';
import { addDays, todayInChina } from '../domain/calendar-date';
import { certificateDates } from '../domain/certificate-dates';
import { formatCertificateNumber } from '../domain/certificate-number';
import { businessNow } from '../clock/business-clock';
import { insertAccount } from '../repositories/accounts';
import { insertCertificate, nextCertificateSerial } from '../repositories/certificate-issuance';
import { approveCategories } from '../repositories/enterprise-categories';
import { insertEnterprise } from '../repositories/enterprises';
import { moveEmployment } from '../repositories/employment-transitions';
import { insertEmploymentProposal } from '../repositories/employments';
import { insertVerifiedPerson, savePhoto } from '../repositories/persons';
import { samplePhotoPng } from '../test/documents/certificate-fixture';
import { minimalPdf } from '../test/api/use-cases/sample-files';
import {
  cpuMs,
  openBenchDatabase,
  pct,
  postgresCpu,
  postgresCpuBetween,
  sleep,
} from './bench-common';
import {
  benchLogger,
  birthDateOf,
  practitionerIdNumber,
  practitionerName,
  startBenchSystem,
} from './bench-system';

/**
 * `npm run bench:reissue`: an enterprise rename (SPEC §7.3) of an enterprise with BENCH_N
 * (1000) certificated staff. The last line is one JSON object
 * `{certificates, seconds, perSecond, apiP99Ms}`.
 *
 * The measured process is the system as `npm start` assembles it (the engine on its thread
 * behind Basic credentials, the SDK, processes/ deployed, the job workers, the outbox drainer,
 * the API, the PDF pool), on a fresh database. Setup, not measured, writes with the
 * repositories: the enterprise (categories G P), BENCH_N verified practitioners with ID photos
 * employed by it, each holding a valid C certificate with the enterprise's name.
 *
 * A second process (this file with `load`) drives it over HTTP: the enterprise previews and
 * submits the rename, then a steady read load starts — GET /api/messages and
 * GET /api/enterprises/me as the enterprise, every READ_MS (100 ms) — and the regulator approves
 * the task. `seconds` is from sending the approval to the first poll of the application (every
 * 100 ms) that shows it completed: the reissue commits in one transaction, so that is when the
 * last new PDF is there. `apiP99Ms` is the p99 of the reads' answer times in that window. Then
 * it checks in the database that every certificate has its `enterprise-rename` issuance with a
 * PDF and the new unit name, each holder one message, and exits 1 if not.
 */

const N = Number(process.env.BENCH_N ?? 1000);
const READ_MS = 100;
const PASSWORD = 'bench password 42';
const CREDIT_CODE = '91630102MA0001000T';
const OLD_NAME = '西宁燃气有限公司';
const NEW_NAME = '青海新能燃气集团有限公司';

interface LoadResult {
  previewMs: number;
  submitMs: number;
  passing: number;
  seconds: number;
  readsMs: number[];
}

// ---------------------------------------------------------------- the load process

async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const answer = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

async function load(base: string): Promise<LoadResult> {
  const login = async (username: string) =>
    String(
      (await call(base, 'POST', '/api/auth/token', undefined, { username, password: PASSWORD }))
        .accessToken,
    );
  const [enterprise, regulator] = await Promise.all([login(CREDIT_CODE), login('bench-regulator')]);

  let started = performance.now();
  await call(base, 'POST', '/api/enterprises/me/rename-preview', enterprise, { name: NEW_NAME });
  const previewMs = performance.now() - started;
  started = performance.now();
  const submitted = await call(base, 'POST', '/api/enterprises/me/renames', enterprise, {
    name: NEW_NAME,
    commitmentAccepted: true,
  });
  const submitMs = performance.now() - started;
  const applicationId = String(submitted.applicationId);

  // the steady reads, from before the approval to the end
  const readsMs: number[] = [];
  let reading = true;
  const reads = (async () => {
    for (let i = 0; reading; i++) {
      const path = i % 2 === 0 ? '/api/messages' : '/api/enterprises/me';
      const at = performance.now();
      await call(base, 'GET', path, enterprise);
      readsMs.push(performance.now() - at);
      await sleep(Math.max(0, READ_MS - (performance.now() - at)));
    }
  })();

  let key: string | undefined;
  while (!key) {
    const tasks = (await fetch(`${base}/api/tasks?applicationId=${applicationId}`, {
      headers: { authorization: `Bearer ${regulator}` },
    }).then((r) => r.json())) as {
      items: Array<{ key: string; application: { id: string } | null }>;
    };
    key = tasks.items.find((t) => t.application?.id === applicationId)?.key;
    if (!key) await sleep(100);
  }
  readsMs.length = 0;
  const approved = performance.now();
  await call(base, 'POST', `/api/tasks/${key}/complete`, regulator, { decision: 'approve' });
  for (;;) {
    const a = await call(base, 'GET', `/api/applications/${applicationId}`, enterprise);
    if (a.state === 'completed') break;
    if (performance.now() - approved > 600_000)
      throw new Error('the rename did not complete in 10 minutes');
    await sleep(100);
  }
  const seconds = (performance.now() - approved) / 1000;
  reading = false;
  await reads;
  return { previewMs, submitMs, passing: Number(submitted.passing), seconds, readsMs };
}

// ---------------------------------------------------------------- the app process

/** The enterprise, the regulator, N employed practitioners each with a valid C certificate. */
async function setUp(db: Parameters<typeof insertEnterprise>[0], today: string) {
  await createStaffUser(db, { role: 'regulator', username: 'bench-regulator', password: PASSWORD });
  const photo = await normaliseIdPhoto(samplePhotoPng(), 'image/png');
  const contract = minimalPdf('labour contract');
  const passwordHash = await hashPassword(PASSWORD);
  const start = addDays(today, -30);
  await db.transaction(async (trx) => {
    const enterpriseId = await insertEnterprise(trx, {
      creditCode: CREDIT_CODE,
      name: OLD_NAME,
      legalRepName: '李四',
      legalRepIdNumber: practitionerIdNumber(N + 1),
    });
    await approveCategories(trx, enterpriseId, ['G', 'P']);
    await insertAccount(trx, {
      username: CREDIT_CODE,
      passwordHash,
      role: 'enterprise',
      enterpriseId,
    });
    for (let i = 0; i < N; i++) {
      const idNumber = practitionerIdNumber(i);
      const name = practitionerName(i);
      const birthDate = birthDateOf(idNumber);
      const personId = await insertVerifiedPerson(trx, { idNumber, name, sex: 'M', birthDate });
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
      const dates = certificateDates(start, birthDate, 'M');
      await insertCertificate(trx, {
        personId,
        number: formatCertificateNumber({
          type: 'C',
          jobType: '04',
          year: Number(start.slice(0, 4)),
          serial: await nextCertificateSerial(trx),
        }),
        type: 'C',
        jobType: '04',
        unitEnterpriseId: enterpriseId,
        unitName: OLD_NAME,
        holderName: name,
        firstIssueDate: start,
        ...dates,
        examResultId: null,
      });
    }
  });
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase();
  const { db, admin, name } = bench;
  const { log, counted } = benchLogger();
  const system = await startBenchSystem(bench, log);

  const setupStart = Date.now();
  await setUp(db, todayInChina(await businessNow(db)));
  console.log(
    `setup: ${N} certificated practitioners in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`,
  );

  const cpu = process.cpuUsage();
  const pg = await postgresCpu(admin, name);
  const child = fork(__filename, ['load', system.base], {
    env: process.env,
    execArgv: process.execArgv.filter((a) => !a.startsWith('--cpu-prof')),
  });
  const result = await new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (m) => resolve(m as LoadResult));
    child.once('exit', (code) => code && reject(new Error(`load process exited with ${code}`)));
  });
  const appCpuMs = cpuMs(process.cpuUsage(cpu));
  const postgresCpuMs = postgresCpuBetween(pg, await postgresCpu(admin, name));

  const [check] = (
    await db.raw(
      `select (select count(*) from certificate_issuances
                where reason = 'enterprise-rename' and pdf is not null) as issuances,
              (select count(*) from certificates where unit_name = ?) as renamed,
              (select count(*) from messages where person_id is not null and title = '证书已换发') as messages,
              (select count(*) from enterprises where name = ?) as enterprises,
              (select count(*) from certificates where busy_application_id is not null) as busy`,
      [NEW_NAME, NEW_NAME],
    )
  ).rows as Array<Record<string, string>>;
  const counts = Object.fromEntries(Object.entries(check).map(([k, v]) => [k, Number(v)]));
  const sound =
    result.passing === N &&
    counts.issuances === N &&
    counts.renamed === N &&
    counts.messages === N &&
    counts.enterprises === 1 &&
    counts.busy === 0;
  await system.stop();
  await db.destroy();
  await bench.drop();

  const perSecond = N / result.seconds;
  console.log(
    `reissue bench: N ${N}; database ${bench.server.embedded ? 'embedded' : 'DATABASE_URL'}; preview ${result.previewMs.toFixed(0)} ms, submit ${result.submitMs.toFixed(0)} ms (${result.passing} passing)`,
  );
  console.log(
    `approval → last new PDF: ${result.seconds.toFixed(1)} s, ${perSecond.toFixed(1)} certificates/s; reads meanwhile ${result.readsMs.length}, p50 ${pct(result.readsMs, 50).toFixed(0)} ms, p99 ${pct(result.readsMs, 99).toFixed(0)} ms, max ${pct(result.readsMs, 100).toFixed(0)} ms`,
  );
  console.log(
    `CPU ms per certificate (preview to completion): app ${(appCpuMs / N).toFixed(1)}, postgres ${(postgresCpuMs / N).toFixed(1)}`,
  );
  console.log(
    `check: ${sound ? 'ok' : 'FAILED'} — issuances ${counts.issuances}, certificates with the new name ${counts.renamed}, holder messages ${counts.messages} (each must be ${N}), enterprise renamed ${counts.enterprises}, still busy ${counts.busy}; warnings or errors logged ${counted.warnings}`,
  );
  console.log(
    JSON.stringify({
      certificates: N,
      seconds: Number(result.seconds.toFixed(2)),
      perSecond: Number(perSecond.toFixed(1)),
      apiP99Ms: Math.round(pct(result.readsMs, 99)),
    }),
  );
  process.exit(sound ? 0 : 1);
}

if (process.argv[2] === 'load') {
  load(process.argv[3])
    .then((result) => process.send!(result, () => process.exit(0)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
