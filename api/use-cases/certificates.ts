import { JOB_TYPE_NAMES, JobTypeCode } from '../../domain/categories';
import {
  ABNORMAL_REASON_NAMES,
  AbnormalReason,
  CERTIFICATE_STATE_NAMES,
  CERTIFICATE_TYPE_NAMES,
} from '../../domain/certificate-types';
import { ISSUING_AUTHORITY, certificateUsability } from '../../domain/certificate-usability';
import { todayInChina } from '../../domain/calendar-date';
import { maskIdNumber } from '../../domain/id-number';
import {
  Certificate,
  findCertificateById,
  findCertificateByVerifyToken,
  findLatestCertificatePdf,
  listCertificatesOfPerson,
  listCertificatesOfUnit,
} from '../../repositories/certificates';
import { certificateHistory } from '../../repositories/certificate-history';
import type { Principal } from '../auth/principal';
import { maySeeCertificate, notFound, visibleOr404 } from '../auth/policy';
import type { UseCaseContext } from './context';

function jobTypeName(jobType: string | null): string | null {
  return jobType ? (JOB_TYPE_NAMES[jobType as JobTypeCode] ?? null) : null;
}

/** The certificate as its holder, its unit and the regulator see it. */
export function certificateView(c: Certificate) {
  return {
    id: String(c.id),
    number: c.number,
    type: c.type,
    typeName: CERTIFICATE_TYPE_NAMES[c.type],
    jobType: c.jobType,
    jobTypeName: jobTypeName(c.jobType),
    holder: { personId: String(c.personId), name: c.holderName, idNumber: c.holderIdNumber },
    unit: { enterpriseId: String(c.unitEnterpriseId), name: c.unitName },
    firstIssueDate: c.firstIssueDate,
    validityStart: c.validityStart,
    validityEnd: c.validityEnd,
    ceDeadline: c.ceDeadline,
    ceReviewed: c.ceReviewed,
    state: c.state,
    stateName: CERTIFICATE_STATE_NAMES[c.state],
    abnormalReasons: c.abnormalReasons.map((code) => ({
      code,
      name: ABNORMAL_REASON_NAMES[code as AbnormalReason] ?? code,
    })),
    verifyPath: `/api/verify/${c.verifyToken}`,
  };
}

export async function certificatesOfPerson(ctx: UseCaseContext, personId: string) {
  return (await listCertificatesOfPerson(ctx.db, personId)).map(certificateView);
}

export async function certificatesOfUnit(ctx: UseCaseContext, enterpriseId: string) {
  return (await listCertificatesOfUnit(ctx.db, enterpriseId)).map(certificateView);
}

export async function certificateFor(ctx: UseCaseContext, principal: Principal, id: string) {
  const found = await findCertificateById(ctx.db, id);
  return certificateView(visibleOr404(found, (c) => maySeeCertificate(principal, c), '证书'));
}

const ISSUANCE_REASON_NAMES: Record<string, string> = {
  new: '新发证',
  'category-change': '经营类别变更',
  'work-unit-change': '工作单位变更',
  'enterprise-rename': '企业名称变更',
  'name-change': '姓名变更',
  renewal: '证书延期',
};

/**
 * Everything that happened to a certificate: each issue and reissue with the number printed,
 * every number it held (all still resolve), every state it entered, the applications on it.
 */
export async function certificateHistoryFor(ctx: UseCaseContext, principal: Principal, id: string) {
  const found = await findCertificateById(ctx.db, id);
  const c = visibleOr404(found, (x) => maySeeCertificate(principal, x), '证书');
  const h = await certificateHistory(ctx.db, id);
  return {
    certificate: certificateView(c),
    issuances: h.issuances.map((i) => ({
      ...i,
      kindName: i.kind === 'issue' ? '发证' : '换发',
      reasonName: ISSUANCE_REASON_NAMES[i.reason] ?? i.reason,
    })),
    numbers: h.numbers.map((n) => ({ ...n, current: n.until === null })),
    states: h.states.map((s) => ({
      ...s,
      toStateName: CERTIFICATE_STATE_NAMES[s.toState as Certificate['state']] ?? s.toState,
    })),
    applications: h.applications,
    reviews: h.reviews.map((r) => ({
      ...r,
      outcomeName: r.outcome === 'passed' ? '复核通过' : '复核未通过，证书标记为异常',
    })),
  };
}

/** The latest e-certificate PDF, for whoever may see the certificate. */
export async function certificatePdfFor(ctx: UseCaseContext, principal: Principal, id: string) {
  const found = await findCertificateById(ctx.db, id);
  visibleOr404(found, (c) => maySeeCertificate(principal, c), '证书');
  const pdf = await findLatestCertificatePdf(ctx.db, id);
  if (!pdf) throw notFound('电子证书');
  return pdf;
}

/**
 * Public verification (扫一扫, SPEC §10): genuine or not and what the certificate says, with
 * the ID number masked. An unknown token is an answer ("not genuine"), not an error.
 */
export async function verifyCertificate(ctx: UseCaseContext, token: string) {
  const [c, now] = await Promise.all([findCertificateByVerifyToken(ctx.db, token), ctx.now()]);
  const checkedAt = now.toISOString();
  if (!c)
    return {
      genuine: false,
      detail: '未查询到该证书：核验码无效，证书可能不是本系统签发的',
      checkedAt,
    };
  const { usable, reasons } = certificateUsability(c, todayInChina(now));
  return {
    genuine: true,
    detail: usable
      ? `证书真实有效性核验：该证书由本系统签发，当前状态为“${CERTIFICATE_STATE_NAMES[c.state]}”`
      : `该证书由本系统签发，但当前不可使用：${reasons.join('；')}`,
    usable,
    reasons,
    issuingAuthority: ISSUING_AUTHORITY,
    checkedAt,
    number: c.number,
    state: c.state,
    stateName: CERTIFICATE_STATE_NAMES[c.state],
    holderName: c.holderName,
    idNumberMasked: maskIdNumber(c.holderIdNumber),
    type: c.type,
    typeName: CERTIFICATE_TYPE_NAMES[c.type],
    jobType: c.jobType,
    jobTypeName: jobTypeName(c.jobType),
    unitName: c.unitName,
    firstIssueDate: c.firstIssueDate,
    validityStart: c.validityStart,
    validityEnd: c.validityEnd,
  };
}
