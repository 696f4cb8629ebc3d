/** `employment-end`: the enterprise confirmed the termination; history is kept (SPEC §3). */
import { moveEmployment } from '../repositories/employment-transitions';
import { JobHandler, requireVariable } from './runtime/job-handler';

export const employmentEnd: JobHandler = async ({ trx, job }) => {
  const { personId, enterpriseId } = await moveEmployment(
    trx,
    requireVariable(job, 'employmentId'),
    'active',
    'ended',
  );
  return { variables: {}, changed: { personIds: [personId], enterpriseIds: [enterpriseId] } };
};
