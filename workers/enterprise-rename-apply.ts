/**
 * `enterprise-rename-apply` (SPEC §7.3): the certificates the application holds busy are
 * re-checked (header `checks`) right before the write; then in the job's one transaction the
 * enterprise takes the new name and each still-passing certificate is reissued with it (number
 * and dates unchanged: a new issuance row `enterprise-rename` with a new PDF), and every holder
 * is told whether theirs was reissued. A failing certificate keeps its old unit name.
 *
 * The PDFs (about 10 ms of CPU each, on the PDF threads) are rendered first, before any row is
 * locked: for a thousand certificates that is most of the job, and locking first would hold a
 * thousand certificate rows for as long. The number does not change, so everything printed is
 * known beforehand; what changed meanwhile (a new photo, a reissue by someone else) is seen
 * under the lock by a fingerprint of the printed data and rendered again.
 */
import type { Knex } from 'knex';
import type { JobTypeCode } from '../domain/categories';
import { CertificateType, certificateLabel } from '../domain/certificate-types';
import { CheckCode, assertCheckCodes, runChecks } from '../domain/checks/run-checks';
import {
  findCertificatesPrintData,
  findPrintFingerprints,
  insertIssuances,
} from '../repositories/certificate-issuance';
import { OutgoingMessage, deliverMessages } from '../repositories/message-delivery';
import { RenameCertificate, heldRenameCertificates } from '../repositories/rename-check-contexts';
import { JobHandler, JobInput, requireHeader, requireVariable } from './runtime/job-handler';
import { CertificateDocument, renderCertificateDocument } from './shared/certificate-document';

function checkCodes(job: JobInput): CheckCode[] {
  const codes = requireHeader(job, 'checks')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  assertCheckCodes(codes);
  return codes;
}

interface Rendered {
  certificateId: string;
  number: string;
  fingerprint: string;
  document: CertificateDocument;
}

/** Certificates fetched (with their photos) and handed to the PDF pool per chunk. */
const CHUNK = 25;
/** Chunks in flight: enough to keep the pool's threads busy, few enough that the event loop
 * (which clones every input to a thread and parses every photo) serves the API in between. */
const CHUNKS_IN_FLIGHT = 2;

/**
 * The PDFs of the certificates with the new unit name. Fetched and rendered a chunk at a time,
 * not all at once: a thousand photos in one result, or a thousand inputs posted to the threads
 * at once, would hold the event loop for a second.
 */
async function render(db: Knex, ids: string[], unitName: string): Promise<Rendered[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) chunks.push(ids.slice(i, i + CHUNK));
  const done: Rendered[][] = [];
  let next = 0;
  const lane = async () => {
    for (let k = next++; k < chunks.length; k = next++) {
      const prints = await findCertificatesPrintData(db, chunks[k]);
      done[k] = await Promise.all(
        prints.map(async ({ fingerprint, ...print }) => ({
          certificateId: String(print.id),
          number: print.number,
          fingerprint,
          document: await renderCertificateDocument({ ...print, unitName }),
        })),
      );
    }
  };
  await Promise.all(Array.from({ length: CHUNKS_IN_FLIGHT }, lane));
  return done.flat();
}

/** The early PDFs of `ids`, rendered again where what they print changed since. */
async function renderedUnderLock(
  trx: Knex,
  early: Map<string, Rendered>,
  ids: string[],
  unitName: string,
): Promise<Rendered[]> {
  const now = await findPrintFingerprints(trx, ids);
  const stale = ids.filter((id) => early.get(id)?.fingerprint !== now.get(id));
  const again = new Map((await render(trx, stale, unitName)).map((r) => [r.certificateId, r]));
  return ids.map((id) => again.get(id) ?? early.get(id)!);
}

/** What a holder's message names. */
interface Holder {
  certificateId: string;
  personId: string;
  number: string;
  type: CertificateType;
  jobType: string | null;
  unitName: string;
}

/**
 * The application's certificates that failed at submission and so were never locked: they are
 * not re-checked ([decision] the enterprise saw them fail and filed anyway), only told.
 */
async function failedAtSubmission(
  trx: Knex,
  applicationId: string,
): Promise<Array<Holder & { failed: string[] }>> {
  const rows: Array<Holder & { results: Array<{ passed: boolean; message: string }> | null }> =
    await trx('application_certificates as ac')
      .join('certificates as c', 'c.id', 'ac.certificate_id')
      .where('ac.application_id', applicationId)
      .whereRaw('c.busy_application_id is distinct from ac.application_id')
      .orderBy('c.id')
      .select({
        certificateId: trx.raw('c.id::text'),
        personId: trx.raw('c.person_id::text'),
        number: 'c.number',
        type: 'c.type',
        jobType: 'c.job_type',
        unitName: 'c.unit_name',
        results: 'ac.check_results',
      });
  return rows.map(({ results, ...holder }) => ({
    ...holder,
    failed: (results ?? []).filter((r) => !r.passed).map((r) => r.message),
  }));
}

function holderOf(c: RenameCertificate): Holder {
  return {
    certificateId: c.certificateId,
    personId: c.personId,
    number: c.number,
    type: c.type,
    jobType: c.context.certificate!.jobType,
    unitName: c.unitName,
  };
}

function holderMessage(
  c: Holder,
  reissued: boolean,
  failed: string[],
  names: { from: string; to: string },
): Pick<OutgoingMessage, 'title' | 'body'> {
  const label = `${certificateLabel(c.type, c.jobType as JobTypeCode | null)}（${c.number}）`;
  // A rename to the current name only brings certificates left behind up to date.
  const why =
    names.from === names.to
      ? `单位名称已更新为“${names.to}”`
      : `因单位名称由“${names.from}”变更为“${names.to}”`;
  return reissued
    ? {
        title: '证书已换发',
        body: `${why}，您的${label}已换发，单位名称变更为“${names.to}”，证书编号和有效期不变，新的电子证书可立即查看和下载。`,
      }
    : {
        title: '证书未换发',
        body: `${why}，您的${label}未通过检测，未换发，仍为原单位名称“${c.unitName}”：${failed.join('；')}。`,
      };
}

export const enterpriseRenameApply: JobHandler = async ({ trx, job, today }) => {
  const applicationId = requireVariable(job, 'applicationId');
  const enterpriseId = requireVariable(job, 'enterpriseId');
  const newName = requireVariable(job, 'enterpriseName');
  const checks = checkCodes(job);
  const enterprise = await trx('enterprises').where({ id: enterpriseId }).first('name');
  if (!enterprise) throw new Error(`Enterprise ${enterpriseId} does not exist`);
  const names = { from: String(enterprise.name), to: newName };

  // 1. Without locks: render the certificates that pass now.
  const early = (await heldRenameCertificates(trx, applicationId, today, false)).filter(
    (c) => runChecks(checks, c.context).ok,
  );
  const rendered = await render(
    trx,
    early.map((c) => c.certificateId),
    newName,
  );
  const byId = new Map(rendered.map((r) => [r.certificateId, r]));

  // 2. Locked: the re-check right before the write, and what changed since the render.
  const held = await heldRenameCertificates(trx, applicationId, today, true);
  const outcomes = held.map((c) => ({ c, outcome: runChecks(checks, c.context) }));
  const passing = outcomes.filter((o) => o.outcome.ok).map((o) => o.c.certificateId);
  const documents = await renderedUnderLock(trx, byId, passing, newName);

  // 3. The write, in this one transaction.
  await trx('enterprises').where({ id: enterpriseId }).update({ name: newName });
  if (passing.length > 0) {
    await trx('certificates').whereIn('id', passing).update({ unit_name: newName });
  }
  await insertIssuances(
    trx,
    documents.map((r) => ({
      certificateId: r.certificateId,
      applicationId,
      kind: 'reissue',
      reason: 'enterprise-rename',
      number: r.number,
      ...r.document,
    })),
  );
  if (outcomes.length > 0) {
    const results = outcomes.map(({ c, outcome }) => ({
      id: c.certificateId,
      results: outcome.results.map((r) => ({ code: r.code, passed: r.ok, message: r.message })),
    }));
    await trx.raw(
      `update application_certificates ac set check_results = v.results
         from jsonb_to_recordset(?::jsonb) as v(id bigint, results jsonb)
        where ac.application_id = ? and ac.certificate_id = v.id`,
      [JSON.stringify(results), applicationId],
    );
  }
  const told = [
    ...outcomes.map(({ c, outcome }) => ({
      holder: holderOf(c),
      reissued: outcome.ok,
      failed: outcome.failures.map((f) => f.message),
    })),
    ...(await failedAtSubmission(trx, applicationId)).map(({ failed, ...holder }) => ({
      holder,
      reissued: false,
      failed,
    })),
  ];
  await deliverMessages(
    trx,
    told.map(({ holder, reissued, failed }) => ({
      personId: holder.personId,
      category: 'certificate',
      ...holderMessage(holder, reissued, failed, names),
      link: `/api/certificates/${holder.certificateId}`,
      applicationId,
      certificateId: holder.certificateId,
      dedupeKey: `job:${job.key}:certificate:${holder.certificateId}`,
    })),
  );
  return {
    variables: { reissuedCount: passing.length, notReissuedCount: told.length - passing.length },
    changed: { enterpriseIds: [enterpriseId] },
  };
};
