/** `application-reject`: the application ends rejected and frees its certificate (SPEC §7.8). */
import { releaseCertificates } from '../repositories/application-progress';
import { JobHandler, requireVariable } from './runtime/job-handler';

export const applicationReject: JobHandler = async ({ trx, job }) => {
  await releaseCertificates(trx, requireVariable(job, 'applicationId'));
  return { variables: {} };
};
