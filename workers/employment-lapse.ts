/** `employment-lapse`: 30 days unanswered (SPEC §3 [decision]). */
import { moveEmployment } from '../repositories/employment-transitions';
import { JobHandler, requireVariable } from './runtime/job-handler';

export const employmentLapse: JobHandler = async ({ trx, job }) => {
  await moveEmployment(trx, requireVariable(job, 'employmentId'), 'proposed', 'lapsed');
  return { variables: {} };
};
