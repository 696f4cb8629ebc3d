/** `name-change-apply` (SPEC §7.4): the certificate is reissued with the holder's verified name. */
import { findCertificateById } from '../repositories/certificates';
import { findPersonById } from '../repositories/persons';
import { JobHandler, requireVariable } from './runtime/job-handler';
import { reissueCertificate } from './shared/certificate-reissue';

export const nameChangeApply: JobHandler = async ({ trx, job }) => {
  const certificateId = requireVariable(job, 'certificateId');
  const certificate = await findCertificateById(trx, certificateId);
  if (!certificate) throw new Error(`Certificate ${certificateId} not found`);
  const person = await findPersonById(trx, String(certificate.personId));
  if (!person) throw new Error(`Person ${certificate.personId} not found`);
  const reissued = await reissueCertificate(
    trx,
    certificateId,
    requireVariable(job, 'applicationId'),
    'name-change',
    { holder_name: person.name },
  );
  return { variables: { certificateNumber: reissued.number } };
};
