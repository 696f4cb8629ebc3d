/** Certificate types, states and abnormal reasons with their Chinese names (SPEC §5.1, §5.5). */
import { JOB_TYPE_NAMES, JobTypeCode } from './categories';

export const CERTIFICATE_TYPES = ['A', 'B', 'C'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export const CERTIFICATE_TYPE_NAMES: Readonly<Record<CertificateType, string>> = {
  A: '企业主要负责人',
  B: '安全生产管理人员',
  C: '运行、维护和抢修人员',
};

export const CERTIFICATE_STATES = ['valid', 'abnormal', 'expired', 'cancelled'] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

export const CERTIFICATE_STATE_NAMES: Readonly<Record<CertificateState, string>> = {
  valid: '正常',
  abnormal: '异常',
  expired: '过期',
  cancelled: '注销',
};

export const ABNORMAL_REASONS = ['category-not-covering-job-type', 'ce-not-completed'] as const;
export type AbnormalReason = (typeof ABNORMAL_REASONS)[number];

export const ABNORMAL_REASON_NAMES: Readonly<Record<AbnormalReason, string>> = {
  'category-not-covering-job-type': '企业经营类别已不包含证书工种',
  'ce-not-completed': '证书未按规定时间完成继续教育',
};

export function isCertificateType(value: unknown): value is CertificateType {
  return typeof value === 'string' && (CERTIFICATE_TYPES as readonly string[]).includes(value);
}

export function isCertificateState(value: unknown): value is CertificateState {
  return typeof value === 'string' && (CERTIFICATE_STATES as readonly string[]).includes(value);
}

export function isAbnormalReason(value: unknown): value is AbnormalReason {
  return typeof value === 'string' && (ABNORMAL_REASONS as readonly string[]).includes(value);
}

/**
 * Whether a certificate in this state still counts as held for the holding rules: an abnormal
 * one blocks until cancelled; [decision] cancelled and expired ones do not (SPEC §5.2).
 */
export function countsAsHeld(state: CertificateState): boolean {
  return state === 'valid' || state === 'abnormal';
}

/** e.g. "安全生产管理人员证书" or "运行、维护和抢修人员证书（燃气管网工）" for messages. */
export function certificateLabel(type: CertificateType, jobType?: JobTypeCode | null): string {
  const suffix = type === 'C' && jobType ? `（${JOB_TYPE_NAMES[jobType]}）` : '';
  return `${CERTIFICATE_TYPE_NAMES[type]}证书${suffix}`;
}
