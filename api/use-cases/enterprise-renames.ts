/**
 * Enterprise rename (企业名称变更, SPEC §7.3): the preview lists every certificate of the
 * enterprise's staff that would carry the new name, each with its check results, and writes
 * nothing; the submission (with the commitment letter) creates the application, stores the
 * per-certificate results and makes each passing certificate busy with it (the busy lock of
 * migration 014: a conditional update, released by the database when the application ends).
 */
import type { Knex } from 'knex';
import { todayInChina } from '../../domain/calendar-date';
import { CHECK_TITLES, runChecks } from '../../domain/checks/run-checks';
import {
  RENAME_CHECKS,
  isRenameCandidate,
  renameNameFailures,
} from '../../domain/enterprise-rename';
import { storeCheckResults } from '../../repositories/application-progress';
import {
  hasOpenApplication,
  insertApplication,
  lockSubject,
} from '../../repositories/applications';
import { findEnterpriseById } from '../../repositories/enterprises';
import { RenameCertificate, renameCandidates } from '../../repositories/rename-check-contexts';
import { enterpriseIdOf, notFound } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';
import { Started, conditionsFailed, engineOf, startApplication } from './process-start';

type Failure = { code: string; message: string };

export interface CheckedCertificate {
  certificateId: string;
  number: string;
  type: string;
  holderName: string;
  unitName: string;
  passed: boolean;
  checkResults: Array<{ code: string; passed: boolean; message: string }>;
}

export interface RenamePreview {
  currentName: string;
  newName: string;
  passing: number;
  failing: number;
  certificates: CheckedCertificate[];
}

const IN_PROGRESS: Failure = {
  code: 'rename-in-progress',
  message: '已有企业名称变更申请正在办理，请等待审核结果',
};

function checked(c: RenameCertificate): CheckedCertificate {
  const outcome = runChecks(RENAME_CHECKS, c.context);
  return {
    certificateId: c.certificateId,
    number: c.number,
    type: c.type,
    holderName: c.holderName,
    unitName: c.unitName,
    passed: outcome.ok,
    checkResults: outcome.results.map((r) => ({ code: r.code, passed: r.ok, message: r.message })),
  };
}

function preview(currentName: string, newName: string, certs: CheckedCertificate[]): RenamePreview {
  const passing = certs.filter((c) => c.passed).length;
  return { currentName, newName, passing, failing: certs.length - passing, certificates: certs };
}

async function checkedCandidates(
  db: Knex,
  enterpriseId: string,
  newName: string,
  today: string,
): Promise<CheckedCertificate[]> {
  const candidates = await renameCandidates(db, enterpriseId, newName, today);
  return candidates.filter((c) => isRenameCandidate(c, newName)).map(checked);
}

/** For a rename to the current name: how many certificates still show another name. */
async function behind(
  db: Knex,
  enterpriseId: string,
  currentName: string,
  newName: string,
  today: string,
): Promise<number> {
  if (newName !== currentName) return 0;
  return (await renameCandidates(db, enterpriseId, newName, today)).length;
}

/**
 * The request's own conditions (name, commitment, one rename at a time); 422 lists them all.
 * `behind`: the certificates that would carry the name (a same-name rename needs some).
 */
async function requestFailures(
  db: Knex,
  enterpriseId: string,
  currentName: string,
  name: string,
  commitmentAccepted: boolean,
  behind: number,
): Promise<Failure[]> {
  const failures: Failure[] = renameNameFailures(currentName, name, behind);
  if (!commitmentAccepted)
    failures.push({ code: 'commitment-not-accepted', message: '须阅读并接受企业名称变更承诺书' });
  if (await hasOpenApplication(db, { enterpriseId }, ['enterprise-rename']))
    failures.push(IN_PROGRESS);
  return failures;
}

/** Every certificate the rename to `name` would be about, checked; nothing is written. */
export async function previewRename(
  ctx: UseCaseContext,
  principal: Principal,
  name: string,
): Promise<RenamePreview> {
  const enterpriseId = enterpriseIdOf(principal);
  const enterprise = await findEnterpriseById(ctx.db, enterpriseId);
  if (!enterprise) throw notFound('企业');
  const newName = name.trim();
  const today = todayInChina(await ctx.now());
  const certs = await checkedCandidates(ctx.db, enterpriseId, newName, today);
  const failures = renameNameFailures(enterprise.name, newName, certs.length);
  if (failures.length) throw conditionsFailed(failures);
  return preview(enterprise.name, newName, certs);
}

/** A summary per check code for the application's own check results (办件检测条件). */
function summary(certs: CheckedCertificate[]) {
  return RENAME_CHECKS.map((code) => {
    const failed = certs.filter((c) => c.checkResults.some((r) => r.code === code && !r.passed));
    return {
      code,
      passed: failed.length === 0,
      message:
        failed.length === 0
          ? `${certs.length}张证书均满足：${CHECK_TITLES[code]}`
          : `${certs.length}张证书中${failed.length}张未满足：${CHECK_TITLES[code]}`,
    };
  });
}

/** Takes the busy lock of each certificate for the application; returns the ids it got. */
async function lockCertificates(
  trx: Knex.Transaction,
  ids: string[],
  applicationId: string,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const taken: Array<{ id: string }> = await trx('certificates')
    .whereIn('id', ids)
    .whereNull('busy_application_id')
    .update({ busy_application_id: applicationId })
    .returning(trx.raw('id::text as id'));
  return new Set(taken.map((r) => r.id));
}

/** A certificate another request made busy between the checks and the lock. */
function lostToAnotherApplication(c: CheckedCertificate): CheckedCertificate {
  const message = `证书${c.number}正在办理其他业务，请待该业务办结后再申请`;
  return {
    ...c,
    passed: false,
    checkResults: c.checkResults.map((r) =>
      r.code === 'not-busy' ? { code: r.code, passed: false, message } : r,
    ),
  };
}

/**
 * Files the rename for the calling enterprise. 422 without the commitment, for an unchanged or
 * invalid name, or while another rename is in progress. [decision] A rename with no passing
 * certificate (or none at all) may be filed: the enterprise's name must change regardless.
 */
export async function submitRename(
  ctx: UseCaseContext,
  principal: Principal,
  name: string,
  commitmentAccepted: boolean,
): Promise<Started & { state: string } & RenamePreview> {
  engineOf(ctx);
  const enterpriseId = enterpriseIdOf(principal);
  const enterprise = await findEnterpriseById(ctx.db, enterpriseId);
  if (!enterprise) throw notFound('企业');
  const newName = name.trim();
  const today = todayInChina(await ctx.now());
  const failures = await requestFailures(
    ctx.db,
    enterpriseId,
    enterprise.name,
    newName,
    commitmentAccepted,
    await behind(ctx.db, enterpriseId, enterprise.name, newName, today),
  );
  if (failures.length) throw conditionsFailed(failures);

  let result: CheckedCertificate[] = [];
  const started = await startApplication(ctx, 'enterprise-rename', async (trx) => {
    await lockSubject(trx, 'enterprises', enterpriseId);
    const current = await findEnterpriseById(trx, enterpriseId);
    const certs = await checkedCandidates(trx, enterpriseId, newName, today);
    const again = await requestFailures(
      trx,
      enterpriseId,
      current!.name,
      newName,
      true,
      certs.length,
    );
    if (again.length) throw conditionsFailed(again);
    const applicationId = await insertApplication(trx, {
      type: 'enterprise-rename',
      state: 'awaiting-review',
      applicantAccountId: principal.accountId,
      enterpriseId,
      subject: {
        creditCode: enterprise.creditCode,
        fromName: current!.name,
        toName: newName,
        certificates: certs.length,
      },
    });
    const taken = await lockCertificates(
      trx,
      certs.filter((c) => c.passed).map((c) => c.certificateId),
      applicationId,
    );
    result = certs.map((c) =>
      c.passed && !taken.has(c.certificateId) ? lostToAnotherApplication(c) : c,
    );
    for (let i = 0; i < result.length; i += 500) {
      await trx('application_certificates').insert(
        result.slice(i, i + 500).map((c) => ({
          application_id: applicationId,
          certificate_id: c.certificateId,
          check_results: JSON.stringify(c.checkResults),
        })),
      );
    }
    await storeCheckResults(trx, applicationId, summary(result));
    return {
      applicationId,
      variables: {
        enterpriseId,
        creditCode: enterprise.creditCode,
        enterpriseName: newName,
        previousName: current!.name,
      },
    };
  });
  return { ...started, state: 'awaiting-review', ...preview(enterprise.name, newName, result) };
}
