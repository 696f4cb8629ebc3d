/**
 * The businesses a holder files on one of their certificates (SPEC §7.2 work-unit change,
 * §7.4 name change, §7.6 renewal, §7.7 cancellation): the checks when the request arrives (422
 * listing every failure, nothing started), then — in the transaction that creates the
 * application — the busy lock (SPEC §5.5): a conditional update that exactly one of any number
 * of concurrent requests wins; the others get 409 `certificate-busy`. The database releases the
 * lock when the application ends, however it ends (migration 014).
 */
import type { Knex } from 'knex';
import { todayInChina } from '../../domain/calendar-date';
import {
  BUSINESS_NAMES,
  CertificateBusiness,
  businessChecks,
  businessPreconditions,
} from '../../domain/checks/business-checks';
import type { CheckContext } from '../../domain/checks/check-context';
import { runChecks } from '../../domain/checks/run-checks';
import { storeCheckResults } from '../../repositories/application-progress';
import { insertApplication } from '../../repositories/applications';
import { Certificate, findCertificateById } from '../../repositories/certificates';
import { certificateCheckContext } from '../../repositories/check-context';
import { findEnterpriseByCreditCode } from '../../repositories/enterprises';
import { AppError } from '../app-error';
import { notFound, personIdOf } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';
import { Started, conditionsFailed, engineOf, startApplication } from './process-start';

type Failure = { code: string; message: string };

function busy(certificate: Certificate, failures: Failure[] = []): AppError {
  return new AppError(
    409,
    'certificate-busy',
    `证书${certificate.number}正在办理其他业务，请待该业务办结后再申请`,
    failures.map((f) => ({ field: '', code: f.code, message: f.message })),
  );
}

/** Takes the busy lock for `applicationId`; false when another application holds it. */
async function lockCertificate(
  trx: Knex.Transaction,
  certificateId: string,
  applicationId: string,
): Promise<boolean> {
  const taken = await trx('certificates')
    .where({ id: certificateId })
    .whereNull('busy_application_id')
    .update({ busy_application_id: applicationId });
  return taken === 1;
}

/** Who confirms first: the new employer (§7.2), the employer (§7.6, §7.7 when employed). */
function employerConfirms(business: CertificateBusiness, ctx: CheckContext): boolean {
  if (business === 'name-change') return false;
  if (business === 'cancellation') return ctx.employment !== null;
  return true;
}

function subjectOf(business: CertificateBusiness, c: Certificate, ctx: CheckContext) {
  const base = {
    certificateId: String(c.id),
    certificateNumber: c.number,
    certificateType: c.type,
    jobType: c.jobType,
    holderName: c.holderName,
    unitName: c.unitName,
    validityEnd: c.validityEnd,
  };
  switch (business) {
    case 'work-unit-change':
      return { ...base, fromUnit: c.unitName, toUnit: ctx.employer?.name ?? null };
    case 'name-change':
      return { ...base, fromName: c.holderName, toName: ctx.person.name };
    default:
      return { ...base, employerName: ctx.employer?.name ?? null };
  }
}

/**
 * Files `business` on the caller's certificate. 404 for a certificate that is not theirs,
 * 409 `certificate-busy` while another application holds it, 422 with every unmet condition.
 */
export async function applyOnCertificate(
  ctx: UseCaseContext,
  principal: Principal,
  certificateId: string,
  business: CertificateBusiness,
): Promise<Started & { state: string }> {
  engineOf(ctx);
  const personId = personIdOf(principal);
  const certificate = await findCertificateById(ctx.db, certificateId);
  if (!certificate || String(certificate.personId) !== personId) throw notFound('证书');
  const today = todayInChina(await ctx.now());
  const checkContext = await certificateCheckContext(ctx.db, certificateId, today);
  const outcome = runChecks(businessChecks(business, checkContext), checkContext);
  const failures: Failure[] = [
    ...businessPreconditions(business, checkContext),
    ...outcome.failures,
  ];
  if (checkContext.busy) throw busy(certificate, failures);
  if (failures.length) throw conditionsFailed(failures);

  const confirms = employerConfirms(business, checkContext);
  const state = confirms ? 'awaiting-enterprise' : 'awaiting-review';
  const employer = checkContext.employer
    ? await findEnterpriseByCreditCode(ctx.db, checkContext.employer.creditCode)
    : undefined;
  const checkResults = outcome.results.map((r) => ({
    code: r.code,
    passed: r.ok,
    message: r.message,
  }));
  return {
    ...(await startApplication(ctx, business, async (trx) => {
      const applicationId = await insertApplication(trx, {
        type: business,
        state,
        applicantAccountId: principal.accountId,
        personId,
        enterpriseId: employer ? employer.id : null,
        subject: subjectOf(business, certificate, checkContext),
      });
      await storeCheckResults(trx, applicationId, checkResults);
      await trx('application_certificates').insert({
        application_id: applicationId,
        certificate_id: certificateId,
      });
      // Rolls the whole transaction back: nothing of this request remains.
      if (!(await lockCertificate(trx, certificateId, applicationId))) throw busy(certificate);
      return {
        applicationId,
        variables: {
          businessName: BUSINESS_NAMES[business],
          certificateId,
          certificateNumber: certificate.number,
          certificateType: certificate.type,
          jobTypeCode: certificate.jobType,
          personId,
          idNumber: checkContext.person.idNumber,
          enterpriseId: employer ? employer.id : null,
          creditCode: employer ? employer.creditCode : null,
          employerConfirms: confirms,
        },
      };
    })),
    state,
  };
}
