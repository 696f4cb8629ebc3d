/**
 * `ce-review` (系统自动复核, SPEC §7.5): in the job's one transaction, the review of the
 * certificate for its CE deadline — pass when a first CE record (sequence 1) was passed between
 * the validity start and the CE deadline inclusive: the CE deadline becomes the validity end;
 * else the certificate becomes abnormal with reason `ce-not-completed`. The `ce_reviews` row is
 * unique per certificate and deadline, so a retried job (job_effects) or a second instance for
 * the same deadline reviews nothing a second time.
 *
 * Output `reviewOutcome`: `passed`, `failed`, or `skipped` — already reviewed for this
 * deadline, or the certificate is no longer valid at that deadline (expired, cancelled, made
 * abnormal, or its deadline moved meanwhile): then nothing is written and nobody is messaged.
 */
import { firstCeRecordWithin } from '../repositories/ce-records';
import { lockCertificateForReview, markCeReviewed, recordReview } from '../repositories/ce-reviews';
import { markAbnormal } from '../repositories/certificate-issuance';
import { JobHandler, requireVariable } from './runtime/job-handler';

export const ceReview: JobHandler = async ({ trx, job }) => {
  const applicationId = requireVariable(job, 'applicationId');
  const certificateId = requireVariable(job, 'certificateId');
  const deadline = requireVariable(job, 'ceDeadline');
  const certificate = await lockCertificateForReview(trx, certificateId);
  if (!certificate) throw new Error(`Certificate ${certificateId} does not exist`);
  if (certificate.state !== 'valid' || certificate.ceDeadline !== deadline)
    return { variables: { reviewOutcome: 'skipped' } };
  const record = await firstCeRecordWithin(
    trx,
    certificateId,
    certificate.validityStart,
    certificate.ceDeadline,
  );
  const outcome = record ? 'passed' : 'failed';
  const recorded = await recordReview(trx, {
    certificateId,
    deadline,
    outcome,
    ceRecordId: record?.id ?? null,
    applicationId,
  });
  if (!recorded) return { variables: { reviewOutcome: 'skipped' } };
  if (record) await markCeReviewed(trx, certificateId);
  else await markAbnormal(trx, certificateId, 'ce-not-completed', applicationId);
  return { variables: { reviewOutcome: outcome } };
};
