/**
 * The registry of SPEC §6 checks, keyed by stable code so a BPMN task header can list the codes
 * to run, and the runner that evaluates every listed check (it does not stop at a failure, so
 * the caller can show every reason at once).
 */
import { Check, CheckContext, CheckResult } from './check-context';
import {
  checkCertInProvince,
  checkCertValid,
  checkEmployerIsCertUnit,
  checkEmployerNameMatches,
  checkNotBusy,
} from './certificate-checks';
import {
  checkCategoryCovers,
  checkEmployed,
  checkEmployerCategories,
  checkEmployerInProvince,
} from './employer-checks';
import { checkHoldingRulesAllow } from './holding-rules-check';
import { checkAge, checkPhoto, checkRealname } from './person-checks';
import { checkCeRecord, checkRenewalWindow } from './renewal-checks';

export const CHECKS = {
  realname: checkRealname,
  photo: checkPhoto,
  employed: checkEmployed,
  'employer-in-province': checkEmployerInProvince,
  'employer-categories': checkEmployerCategories,
  'holding-rules': checkHoldingRulesAllow,
  age: checkAge,
  'not-busy': checkNotBusy,
  'cert-valid': checkCertValid,
  'cert-in-province': checkCertInProvince,
  'employer-is-cert-unit': checkEmployerIsCertUnit,
  'employer-name-matches': checkEmployerNameMatches,
  'renewal-window': checkRenewalWindow,
  'ce-record': checkCeRecord,
  'category-covers': checkCategoryCovers,
} as const satisfies Record<string, Check>;

export type CheckCode = keyof typeof CHECKS;

export const CHECK_CODES = Object.keys(CHECKS) as CheckCode[];

/** Short Chinese names for lists of check results (检测条件). */
export const CHECK_TITLES: Readonly<Record<CheckCode, string>> = {
  realname: '实名认证',
  photo: '上传证件照',
  employed: '拥有聘用单位',
  'employer-in-province': '聘用单位是本省企业',
  'employer-categories': '聘用企业完成经营类别登记',
  'holding-rules': '证书持有限制',
  age: '年龄限制',
  'not-busy': '证书未在办理其他业务',
  'cert-valid': '证书在有效期内',
  'cert-in-province': '本省证书',
  'employer-is-cert-unit': '当前聘用单位与证书所在单位一致',
  'employer-name-matches': '证书所在单位名称与聘用单位名称一致',
  'renewal-window': '在延期申请时间内',
  'ce-record': '有符合要求的继续教育记录',
  'category-covers': '经营类别与证书相符',
};

export function isCheckCode(value: unknown): value is CheckCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CHECKS, value);
}

export interface ChecksOutcome {
  ok: boolean;
  results: CheckResult[];
  failures: CheckResult[];
}

/** Throws (a programming or diagram error) when a code is unknown, naming every unknown one. */
export function assertCheckCodes(codes: readonly string[]): asserts codes is CheckCode[] {
  const unknown = codes.filter((c) => !isCheckCode(c));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown check code(s): ${unknown.join(', ')} (known: ${CHECK_CODES.join(', ')})`,
    );
  }
}

/** Runs every listed check in order, duplicates once each. */
export function runChecks(codes: readonly string[], ctx: CheckContext): ChecksOutcome {
  assertCheckCodes(codes);
  const results = [...new Set(codes)].map((code) => CHECKS[code](ctx));
  const failures = results.filter((r) => !r.ok);
  return { ok: failures.length === 0, results, failures };
}
