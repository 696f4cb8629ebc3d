/**
 * The certificate businesses a person files (SPEC §7.2, §7.4, §7.6, §7.7): their names from
 * the domain, their API paths and what the person is told before applying.
 */
import { BUSINESS_NAMES, CertificateBusiness } from '@domain/checks/business-checks';

export { BUSINESS_NAMES };
export type { CertificateBusiness };

export const BUSINESSES: ReadonlyArray<{
  business: CertificateBusiness;
  path: string;
  icon: string;
  hint: string;
}> = [
  {
    business: 'work-unit-change',
    path: 'work-unit-changes',
    icon: 'exchange',
    hint: '证书上的工作单位与当前聘用单位不同时申请；新聘用单位确认后由主管部门审批，通过后按新单位换发证书，有效期不变。',
  },
  {
    business: 'name-change',
    path: 'name-changes',
    icon: 'edit',
    hint: '须先以新姓名重新实名认证；主管部门审批通过后按新姓名换发证书。',
  },
  {
    business: 'renewal',
    path: 'renewals',
    icon: 'clock-o',
    hint: '在有效期截止前 3 个月内、完成第二次继续教育后申请；聘用单位确认、主管部门审批后重新签发 5 年有效期的证书。',
  },
  {
    business: 'cancellation',
    path: 'cancellations',
    icon: 'delete-o',
    hint: '正常、异常、过期的证书均可注销；有聘用单位时先由单位确认，再由主管部门审批。注销后须重新考试取证。',
  },
];

export const businessOf = (b: string) => BUSINESSES.find((x) => x.business === b);

/** Application types that are businesses on a certificate: the applicant may withdraw them. */
export const WITHDRAWABLE_TYPES = new Set<string>(BUSINESSES.map((b) => b.business));
