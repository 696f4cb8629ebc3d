/**
 * Whether a certificate can be used today, and why not (SPEC §5.5, §10): only a `valid` one
 * whose validity has not ended is; an abnormal one names its reasons. The verification page
 * shows this first, so an unusable certificate never looks like a valid one.
 */
import type { CalendarDate } from './calendar-date';
import { ABNORMAL_REASON_NAMES, AbnormalReason, CertificateState } from './certificate-types';

/** The authority that issues the certificates (printed on them, shown when verifying). */
export const ISSUING_AUTHORITY = '青海省住房和城乡建设厅';

export interface UsabilityInput {
  state: CertificateState;
  validityEnd: CalendarDate;
  abnormalReasons: readonly string[];
}

export interface Usability {
  usable: boolean;
  /** Chinese reasons, empty when usable. */
  reasons: string[];
}

export function certificateUsability(c: UsabilityInput, today: CalendarDate): Usability {
  const reasons: string[] = [];
  if (c.state === 'cancelled') reasons.push('证书已注销');
  if (c.state === 'expired' || (c.state !== 'cancelled' && today > c.validityEnd))
    reasons.push(`证书已超过有效期（有效期至 ${c.validityEnd}）`);
  if (c.state === 'abnormal') {
    const named = c.abnormalReasons.map((r) => ABNORMAL_REASON_NAMES[r as AbnormalReason] ?? r);
    reasons.push(...(named.length ? named : ['证书状态异常']));
  }
  return { usable: reasons.length === 0, reasons };
}
