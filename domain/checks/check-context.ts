/**
 * The plain data every check of SPEC §6 reads. A use case loads it once per business request
 * (and again inside the process), so the checks themselves stay pure and table-testable.
 */
import type { CalendarDate } from '../calendar-date';
import type { CategoryCode, JobTypeCode } from '../categories';
import type { AbnormalReason, CertificateState, CertificateType } from '../certificate-types';
import type { HeldCertificate } from '../holding-rules';
import type { Sex } from '../id-number';

export interface PersonFacts {
  idNumber: string;
  name: string;
  /** Real-name verification (实名认证) completed. */
  verified: boolean;
  hasPhoto: boolean;
  birthDate: CalendarDate;
  sex: Sex;
}

export type CategoryRegistration = 'none' | 'pending' | 'approved' | 'rejected';

export interface EnterpriseFacts {
  creditCode: string;
  name: string;
  /** The categories in force (approved); empty before the registration is approved. */
  categories: CategoryCode[];
  /** State of the enterprise's business-category registration (经营类别登记). */
  categoryRegistration: CategoryRegistration;
}

/** The certificate the business is about (work-unit change, renewal, cancellation, ...). */
export interface CertificateFacts {
  number: string;
  /** Earlier numbers of the same certificate (category changes): CE records may cite them. */
  previousNumbers?: string[];
  type: CertificateType;
  jobType: JobTypeCode | null;
  state: CertificateState;
  abnormalReasons: AbnormalReason[];
  unitCreditCode: string;
  unitName: string;
  /** The holder's name as printed (may lag a name change until it is reissued). */
  holderName?: string;
  validityStart: CalendarDate;
  validityEnd: CalendarDate;
  ceDeadline: CalendarDate;
  /** The first automatic review (SPEC §7.5) passed. */
  ceReviewPassed: boolean;
}

/** An imported continuing-education result (SPEC §7.6). */
export interface CeRecord {
  certificateNumber: string;
  sequence: 1 | 2;
  passDate: CalendarDate;
  /** Already consumed by a completed renewal. */
  usedByRenewal: boolean;
}

/** The certificate a new issue would create (SPEC §7.1). */
export interface WantedCertificateFacts {
  type: CertificateType;
  jobType: JobTypeCode | null;
  /** For A the enterprise of the exam result (default the employer); else the employer. */
  unitCreditCode: string;
}

export interface CheckContext {
  /** The business date, China time (`todayInChina`). */
  today: CalendarDate;
  person: PersonFacts;
  /** The person's active employment, if any. */
  employment: { enterpriseCreditCode: string } | null;
  /** The current employer (enterprise of the active employment). */
  employer: EnterpriseFacts | null;
  /**
   * The enterprise the category checks are about when it is not the employer: the unit of a
   * new principal certificate at an enterprise the person represents (SPEC §7.1). Defaults to
   * the employer.
   */
  unitEnterprise?: EnterpriseFacts | null;
  certificate: CertificateFacts | null;
  /** All certificates of the person, any state (the holding rules filter). */
  heldCertificates: HeldCertificate[];
  /** Credit codes of the enterprises whose legal representative the person is. */
  legalRepresentativeOf: string[];
  ceRecords: CeRecord[];
  wanted: WantedCertificateFacts | null;
  /** The certificate has another application in progress. */
  busy: boolean;
}

export interface CheckResult {
  code: string;
  ok: boolean;
  /** Chinese: what passed, or what failed and why. */
  message: string;
}

export type Check = (ctx: CheckContext) => CheckResult;

export function pass(code: string, message: string): CheckResult {
  return { code, ok: true, message };
}

export function fail(code: string, message: string): CheckResult {
  return { code, ok: false, message };
}
