/**
 * Which checks of SPEC §6 each business on an existing certificate runs (§7.2, §7.4, §7.6,
 * §7.7), and the preconditions that make the request meaningful at all (not SPEC checks, so
 * they are judged only when the request arrives). The diagrams' `checks` headers list the same
 * codes for the re-check right before the data is written; a test keeps the two in step.
 */
import type { CheckCode } from './run-checks';
import { CheckContext, CheckResult, fail } from './check-context';

export const CERTIFICATE_BUSINESSES = [
  'work-unit-change',
  'name-change',
  'renewal',
  'cancellation',
] as const;
export type CertificateBusiness = (typeof CERTIFICATE_BUSINESSES)[number];

export const BUSINESS_NAMES: Readonly<Record<CertificateBusiness, string>> = {
  'work-unit-change': '工作单位变更',
  'name-change': '姓名变更',
  renewal: '证书延期',
  cancellation: '证书注销',
};

const WORK_UNIT_CHANGE: CheckCode[] = [
  'photo',
  'employed',
  'employer-in-province',
  'not-busy',
  'cert-valid',
  'age',
  'cert-in-province',
  'employer-categories',
  // [decision] SPEC §7.2 leaves it out; without it a C certificate could move to an employer
  // whose categories do not allow its job type and be valid there.
  'category-covers',
];

const NAME_CHANGE: CheckCode[] = [
  'photo',
  'employed',
  'employer-in-province',
  'not-busy',
  'cert-valid',
  'age',
  'cert-in-province',
];

const RENEWAL: CheckCode[] = [
  'photo',
  'employer-is-cert-unit',
  'not-busy',
  'renewal-window',
  'ce-record',
  'cert-in-province',
  'employer-in-province',
  'age',
  'employer-name-matches',
  'category-covers',
];

/** Cancellation checks the employer only when there is one (SPEC §7.7). */
export function cancellationChecks(employed: boolean): CheckCode[] {
  return employed
    ? ['not-busy', 'cert-in-province', 'employer-in-province']
    : ['not-busy', 'cert-in-province'];
}

/** The SPEC §6 checks of a business, for the person as they are in `ctx`. */
export function businessChecks(business: CertificateBusiness, ctx: CheckContext): CheckCode[] {
  switch (business) {
    case 'work-unit-change':
      return WORK_UNIT_CHANGE;
    case 'name-change':
      return NAME_CHANGE;
    case 'renewal':
      return RENEWAL;
    case 'cancellation':
      return cancellationChecks(ctx.employment !== null);
  }
}

/**
 * Why the request would change nothing: the certificate is already at the employer, the name
 * on it is already the verified name, it is already cancelled. Empty = the request makes sense.
 */
export function businessPreconditions(
  business: CertificateBusiness,
  ctx: CheckContext,
): CheckResult[] {
  const cert = ctx.certificate;
  if (!cert) return [fail('certificate', '未指定证书')];
  switch (business) {
    case 'work-unit-change':
      return ctx.employer && ctx.employer.creditCode === cert.unitCreditCode
        ? [
            fail(
              'unit-unchanged',
              `证书所在单位已是当前聘用单位${ctx.employer.name}，无需办理工作单位变更`,
            ),
          ]
        : [];
    case 'name-change':
      return cert.holderName === ctx.person.name
        ? [
            fail(
              'name-unchanged',
              `证书上的姓名“${cert.holderName}”与实名认证姓名一致；如姓名已变更，请先以新姓名重新实名认证`,
            ),
          ]
        : [];
    case 'cancellation':
      return cert.state === 'cancelled'
        ? [fail('already-cancelled', `证书${cert.number}已注销`)]
        : [];
    case 'renewal':
      return [];
  }
}
