/** `category-registration-apply`: the association approved the registration (SPEC §4). */
import { approveCategories } from '../repositories/enterprise-categories';
import { JobHandler, requireVariable } from './runtime/job-handler';
import { categoriesVariable } from './shared/categories-variable';

export const categoryRegistrationApply: JobHandler = async ({ trx, job }) => {
  const enterpriseId = requireVariable(job, 'enterpriseId');
  await approveCategories(trx, enterpriseId, categoriesVariable(job));
  return { variables: {}, changed: { enterpriseIds: [enterpriseId] } };
};
