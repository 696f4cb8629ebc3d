/** A check context in which every check of SPEC §6 passes; tests break one fact at a time. */
import type { CheckContext } from '../../../domain/checks/check-context';
import { beijingCreditCode, idNumberFor, qinghaiCreditCode } from '../fixtures';

export const EMPLOYER_CODE = qinghaiCreditCode(1);
export const CERT_NUMBER = '青C012024000123';

export function passingContext(): CheckContext {
  return {
    today: '2029-05-15',
    person: {
      idNumber: idNumberFor('1990-01-01', 'M'),
      name: '张三',
      verified: true,
      hasPhoto: true,
      birthDate: '1990-01-01',
      sex: 'M',
    },
    employment: { enterpriseCreditCode: EMPLOYER_CODE },
    employer: {
      creditCode: EMPLOYER_CODE,
      name: '西宁燃气有限公司',
      categories: ['G'],
      categoryRegistration: 'approved',
    },
    certificate: {
      number: CERT_NUMBER,
      type: 'C',
      jobType: '01',
      state: 'valid',
      abnormalReasons: [],
      unitCreditCode: EMPLOYER_CODE,
      unitName: '西宁燃气有限公司',
      validityStart: '2024-07-01',
      validityEnd: '2029-06-30',
      ceDeadline: '2029-06-30',
      ceReviewPassed: true,
    },
    heldCertificates: [
      { type: 'C', state: 'valid', unitCreditCode: EMPLOYER_CODE, number: CERT_NUMBER },
    ],
    legalRepresentativeOf: [],
    ceRecords: [
      { certificateNumber: CERT_NUMBER, sequence: 1, passDate: '2026-10-01', usedByRenewal: false },
      { certificateNumber: CERT_NUMBER, sequence: 2, passDate: '2029-03-01', usedByRenewal: false },
    ],
    wanted: { type: 'B', jobType: null, unitCreditCode: EMPLOYER_CODE },
    busy: false,
  };
}

/** The passing context with one change applied. */
export function contextWith(change: (ctx: CheckContext) => void): CheckContext {
  const ctx = passingContext();
  change(ctx);
  return ctx;
}

export const OUT_OF_PROVINCE_CODE = beijingCreditCode(1);
