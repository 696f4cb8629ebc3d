/** `employment-decline`: the person declined the proposal. */
import { moveEmployment } from '../repositories/employment-transitions';
import { JobHandler, requireVariable } from './runtime/job-handler';

export const employmentDecline: JobHandler = async ({ trx, job }) => {
  await moveEmployment(trx, requireVariable(job, 'employmentId'), 'proposed', 'declined');
  return { variables: {} };
};
