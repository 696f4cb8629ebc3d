/**
 * `application-lapse`: a new issue still failing its checks one year after the exam lapses
 * (SPEC §7.1); the runtime moves the application to `lapsed` from the header.
 */
import { releaseCertificates } from '../repositories/application-progress';
import { JobHandler, requireVariable } from './runtime/job-handler';

export const applicationLapse: JobHandler = async ({ trx, job }) => {
  await releaseCertificates(trx, requireVariable(job, 'applicationId'));
  return { variables: {} };
};
