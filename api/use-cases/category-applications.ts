/**
 * Business-category registration and change (经营类别登记 / 变更, SPEC §4): the synchronous
 * checks, then the application and its process (category-registration / category-change).
 */
import { CategoryCode, categoryNames, validateCategories } from '../../domain/categories';
import {
  Enterprise,
  findEnterpriseById,
  setCategoryRegistration,
} from '../../repositories/enterprises';
import {
  hasOpenApplication,
  insertApplication,
  lockSubject,
} from '../../repositories/applications';
import { enterpriseIdOf, notFound } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';
import { Started, conditionsFailed, engineOf, startApplication } from './process-start';

type Kind = 'category-registration' | 'category-change';
type Failure = { code: string; message: string };

const CATEGORY_TYPES = ['category-registration', 'category-change'] as const;

const IN_PROGRESS: Failure = {
  code: 'category-application-in-progress',
  message: '已有经营类别登记或变更申请正在办理，请等待审核结果',
};

function registrationFailures(e: Enterprise): Failure[] {
  if (e.categoryRegistration === 'approved')
    return [
      {
        code: 'categories-already-registered',
        message: '经营类别已登记，如需调整请申请经营类别变更',
      },
    ];
  return [];
}

function changeFailures(e: Enterprise, categories: CategoryCode[]): Failure[] {
  if (e.categoryRegistration !== 'approved')
    return [
      { code: 'categories-not-registered', message: '尚未完成经营类别登记，请先申请经营类别登记' },
    ];
  if (categories.join() === [...e.categories].join())
    return [
      {
        code: 'categories-unchanged',
        message: `申请的经营类别（${categoryNames(categories)}）与现有经营类别相同`,
      },
    ];
  return [];
}

/** Files a registration or change for the calling enterprise; 422 lists every failed condition. */
export async function applyForCategories(
  ctx: UseCaseContext,
  principal: Principal,
  kind: Kind,
  requested: string[],
): Promise<Started & { state: string }> {
  engineOf(ctx);
  const enterpriseId = enterpriseIdOf(principal);
  const enterprise = await findEnterpriseById(ctx.db, enterpriseId);
  if (!enterprise) throw notFound('企业');
  const failures: Failure[] = [];
  const parsed = validateCategories(requested);
  if (!parsed.ok) failures.push({ code: parsed.code, message: parsed.message });
  const categories = parsed.ok ? parsed.value : [];
  if (kind === 'category-registration') failures.push(...registrationFailures(enterprise));
  else if (parsed.ok) failures.push(...changeFailures(enterprise, categories));
  if (await hasOpenApplication(ctx.db, { enterpriseId }, CATEGORY_TYPES))
    failures.push(IN_PROGRESS);
  if (failures.length) throw conditionsFailed(failures);

  const started = await startApplication(
    ctx,
    kind,
    async (trx) => {
      await lockSubject(trx, 'enterprises', enterpriseId);
      if (await hasOpenApplication(trx, { enterpriseId }, CATEGORY_TYPES))
        throw conditionsFailed([IN_PROGRESS]);
      if (kind === 'category-registration')
        await setCategoryRegistration(trx, enterpriseId, 'pending');
      const applicationId = await insertApplication(trx, {
        type: kind,
        state: 'awaiting-review',
        applicantAccountId: principal.accountId,
        enterpriseId,
        subject: {
          enterpriseName: enterprise.name,
          creditCode: enterprise.creditCode,
          categories,
          ...(kind === 'category-change' ? { previousCategories: enterprise.categories } : {}),
        },
      });
      return {
        applicationId,
        variables: { enterpriseId, creditCode: enterprise.creditCode, categories },
      };
    },
    async (trx) => {
      if (kind === 'category-registration')
        await setCategoryRegistration(trx, enterpriseId, enterprise.categoryRegistration);
    },
  );
  return { ...started, state: 'awaiting-review' };
}
