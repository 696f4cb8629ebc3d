/** Checks about the certificate the business is about and its unit (SPEC §6). */
import { isAfter } from '../calendar-date';
import { isProvinceNumber } from '../certificate-number';
import { ABNORMAL_REASON_NAMES, CERTIFICATE_STATE_NAMES } from '../certificate-types';
import { CheckContext, CheckResult, fail, pass } from './check-context';

const NO_CERTIFICATE = '未指定证书';

export function checkNotBusy(ctx: CheckContext): CheckResult {
  const which = ctx.certificate ? `证书${ctx.certificate.number}` : '证书';
  return ctx.busy
    ? fail('not-busy', `${which}正在办理其他业务，请待该业务办结后再申请`)
    : pass('not-busy', `${which}没有正在办理的其他业务`);
}

export function checkCertValid(ctx: CheckContext): CheckResult {
  const code = 'cert-valid';
  const cert = ctx.certificate;
  if (!cert) return fail(code, NO_CERTIFICATE);
  if (cert.state !== 'valid') {
    const reasons = cert.abnormalReasons.map((r) => ABNORMAL_REASON_NAMES[r]).join('、');
    const why = cert.state === 'abnormal' && reasons ? `（异常原因：${reasons}）` : '';
    return fail(
      code,
      `证书${cert.number}状态为“${CERTIFICATE_STATE_NAMES[cert.state]}”${why}，不能办理此业务`,
    );
  }
  if (isAfter(ctx.today, cert.validityEnd)) {
    return fail(code, `证书${cert.number}已于${cert.validityEnd}到期`);
  }
  return pass(code, `证书${cert.number}状态正常，有效期至${cert.validityEnd}`);
}

export function checkCertInProvince(ctx: CheckContext): CheckResult {
  const code = 'cert-in-province';
  const cert = ctx.certificate;
  if (!cert) return fail(code, NO_CERTIFICATE);
  return isProvinceNumber(cert.number)
    ? pass(code, `证书${cert.number}是本省证书`)
    : fail(code, `证书${cert.number}不是本省签发的证书`);
}

export function checkEmployerIsCertUnit(ctx: CheckContext): CheckResult {
  const code = 'employer-is-cert-unit';
  const cert = ctx.certificate;
  if (!cert) return fail(code, NO_CERTIFICATE);
  const employer = ctx.employer;
  if (!employer) return fail(code, `人员当前没有聘用单位，证书所在单位为${cert.unitName}`);
  return employer.creditCode === cert.unitCreditCode
    ? pass(code, `当前聘用单位${employer.name}是证书所在单位`)
    : fail(code, `当前聘用单位${employer.name}不是证书所在单位${cert.unitName}`);
}

export function checkEmployerNameMatches(ctx: CheckContext): CheckResult {
  const code = 'employer-name-matches';
  const cert = ctx.certificate;
  if (!cert) return fail(code, NO_CERTIFICATE);
  const employer = ctx.employer;
  if (!employer) return fail(code, '人员当前没有聘用单位，无法核对单位名称');
  return employer.name === cert.unitName
    ? pass(code, `证书所在单位名称与当前聘用单位名称一致（${employer.name}）`)
    : fail(code, `证书所在单位名称“${cert.unitName}”与当前聘用单位名称“${employer.name}”不一致`);
}
