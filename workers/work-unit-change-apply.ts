/**
 * `work-unit-change-apply` (SPEC §7.2): the certificate is reissued with the current employer
 * as its unit; an A/B number takes the new employer's category segment (a certificate that
 * returns to categories it had before gets its own earlier number back, SPEC §5.3); C numbers
 * and every date stay as they are.
 */
import { isCategoryCode } from '../domain/categories';
import { resegment } from '../domain/certificate-number';
import { findCertificateById } from '../repositories/certificates';
import { findEnterpriseById } from '../repositories/enterprises';
import { JobHandler, requireVariable } from './runtime/job-handler';
import { reissueCertificate } from './shared/certificate-reissue';

export const workUnitChangeApply: JobHandler = async ({ trx, job }) => {
  const certificateId = requireVariable(job, 'certificateId');
  const enterpriseId = requireVariable(job, 'enterpriseId');
  const certificate = await findCertificateById(trx, certificateId);
  const employer = await findEnterpriseById(trx, enterpriseId);
  if (!certificate || !employer)
    throw new Error(`Certificate ${certificateId} or enterprise ${enterpriseId} not found`);
  const number =
    certificate.type === 'C'
      ? certificate.number
      : resegment(certificate.number, employer.categories.filter(isCategoryCode));
  const reissued = await reissueCertificate(
    trx,
    certificateId,
    requireVariable(job, 'applicationId'),
    'work-unit-change',
    { number, unit_enterprise_id: enterpriseId, unit_name: employer.name },
  );
  return {
    variables: { certificateNumber: reissued.number },
    changed: { personIds: [String(certificate.personId)] },
  };
};
