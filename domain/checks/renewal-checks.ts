/** Checks of the renewal business (证书延期, SPEC §7.6). */
import { isAfter, isBefore, isWithin } from '../calendar-date';
import { RENEWAL_WINDOW_MONTHS, renewalWindowStart } from '../certificate-dates';
import { CheckContext, CheckResult, fail, pass } from './check-context';

export function checkRenewalWindow(ctx: CheckContext): CheckResult {
  const code = 'renewal-window';
  const cert = ctx.certificate;
  if (!cert) return fail(code, '未指定证书');
  const first = renewalWindowStart(cert.validityEnd);
  const last = cert.validityEnd;
  if (isAfter(ctx.today, last)) {
    return fail(code, `证书已于${last}到期，到期后不能申请延期`);
  }
  if (isBefore(ctx.today, first)) {
    return fail(
      code,
      `证书延期须在有效期截止前${RENEWAL_WINDOW_MONTHS}个月内申请（${first}至${last}），今天（${ctx.today}）尚未到申请时间`,
    );
  }
  return pass(code, `今天在证书延期申请时间内（${first}至${last}）`);
}

/**
 * A qualifying CE record exists: the first automatic review passed, and a sequence-2 record
 * for this certificate (any of its numbers) has a pass date within its validity and was not
 * used by an earlier renewal. The failure names the first missing condition.
 */
export function checkCeRecord(ctx: CheckContext): CheckResult {
  const code = 'ce-record';
  const cert = ctx.certificate;
  if (!cert) return fail(code, '未指定证书');
  if (!cert.ceReviewPassed) {
    return fail(code, `证书${cert.number}的第一次继续教育复核未通过，不能申请延期`);
  }
  const numbers = [cert.number, ...(cert.previousNumbers ?? [])];
  const second = ctx.ceRecords.filter(
    (r) => r.sequence === 2 && numbers.includes(r.certificateNumber),
  );
  if (second.length === 0) {
    return fail(code, `系统内没有证书${cert.number}的第二次继续教育合格记录`);
  }
  const inValidity = second.filter((r) =>
    isWithin(r.passDate, cert.validityStart, cert.validityEnd),
  );
  if (inValidity.length === 0) {
    return fail(
      code,
      `证书${cert.number}的第二次继续教育合格日期不在证书有效期内（${cert.validityStart}至${cert.validityEnd}）`,
    );
  }
  const unused = inValidity.find((r) => !r.usedByRenewal);
  if (!unused) {
    return fail(code, `证书${cert.number}的第二次继续教育合格记录已用于之前的延期`);
  }
  return pass(code, `有符合要求的第二次继续教育合格记录（合格日期${unused.passDate}）`);
}
