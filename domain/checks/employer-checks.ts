/** Checks about the person's employment and the employer's business categories (SPEC §6). */
import { JOB_TYPE_NAMES, categoryNames, isJobTypeAllowed } from '../categories';
import { isInProvince } from '../credit-code';
import { CheckContext, CheckResult, EnterpriseFacts, fail, pass } from './check-context';

const NO_EMPLOYER = '人员当前没有聘用单位';

export function checkEmployed(ctx: CheckContext): CheckResult {
  if (!ctx.employment) return fail('employed', '人员当前没有有效的聘用关系');
  const name = ctx.employer?.name ?? ctx.employment.enterpriseCreditCode;
  return pass('employed', `人员当前受聘于${name}`);
}

export function checkEmployerInProvince(ctx: CheckContext): CheckResult {
  const code = 'employer-in-province';
  const employer = ctx.employer;
  if (!employer) return fail(code, `${NO_EMPLOYER}，无法确认聘用单位是否为本省企业`);
  return isInProvince(employer.creditCode)
    ? pass(code, `聘用单位${employer.name}是本省企业`)
    : fail(code, `聘用单位${employer.name}（统一社会信用代码${employer.creditCode}）不是本省企业`);
}

/** The enterprise whose categories matter: the certificate's unit for a new principal one. */
function categoryEnterprise(ctx: CheckContext): EnterpriseFacts | null {
  return ctx.unitEnterprise ?? ctx.employer;
}

const REGISTRATION_PROBLEMS = {
  none: '尚未进行经营类别登记',
  pending: '的经营类别登记正在审核中，尚未通过',
  rejected: '的经营类别登记未通过审核',
} as const;

export function checkEmployerCategories(ctx: CheckContext): CheckResult {
  const code = 'employer-categories';
  const enterprise = categoryEnterprise(ctx);
  if (!enterprise) return fail(code, `${NO_EMPLOYER}，无法确认经营类别登记`);
  if (enterprise.categoryRegistration !== 'approved') {
    return fail(
      code,
      `企业${enterprise.name}${REGISTRATION_PROBLEMS[enterprise.categoryRegistration]}`,
    );
  }
  return pass(
    code,
    `企业${enterprise.name}已完成经营类别登记（${categoryNames(enterprise.categories)}）`,
  );
}

/**
 * The enterprise's categories match the certificate: C → its job type is allowed by them;
 * A/B → the enterprise has an approved category (SPEC §6).
 */
export function checkCategoryCovers(ctx: CheckContext): CheckResult {
  const code = 'category-covers';
  const subject = ctx.certificate ?? ctx.wanted;
  if (!subject) return fail(code, '未指定证书，无法核对经营类别');
  const enterprise = categoryEnterprise(ctx);
  if (!enterprise) return fail(code, `${NO_EMPLOYER}，无法核对经营类别`);
  if (enterprise.categoryRegistration !== 'approved' || enterprise.categories.length === 0) {
    return fail(code, `企业${enterprise.name}没有已登记的经营类别`);
  }
  const names = categoryNames(enterprise.categories);
  if (subject.type !== 'C') {
    return pass(code, `企业${enterprise.name}已登记经营类别（${names}）`);
  }
  if (!subject.jobType) return fail(code, '运行、维护和抢修人员证书缺少工种');
  const jobName = JOB_TYPE_NAMES[subject.jobType];
  return isJobTypeAllowed(enterprise.categories, subject.jobType)
    ? pass(code, `企业${enterprise.name}的经营类别（${names}）包含工种“${jobName}”`)
    : fail(code, `企业${enterprise.name}的经营类别（${names}）不包含证书工种“${jobName}”`);
}
