/** `employment-activate`: proposed → active. The one-active-employment index turns a race with another consent into a failed job (SPEC §3). */
import { moveEmployment } from '../repositories/employment-transitions';
import { JobHandler, requireVariable } from './runtime/job-handler';

export const employmentActivate: JobHandler = async ({ trx, job }) => {
  const { personId, enterpriseId } = await moveEmployment(
    trx,
    requireVariable(job, 'employmentId'),
    'proposed',
    'active',
  );
  return { variables: {}, changed: { personIds: [personId], enterpriseIds: [enterpriseId] } };
};
