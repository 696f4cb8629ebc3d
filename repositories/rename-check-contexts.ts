/**
 * The CheckContexts of an enterprise rename (SPEC §7.3), for up to thousands of certificates in
 * three statements instead of a loader per certificate: the certificates with their holder,
 * the holder's current employer and the certificate's unit, then their abnormal reasons. Only
 * what the rename's checks read is filled in (no holding rules, no CE records).
 */
import type { Knex } from 'knex';
import type { CalendarDate } from '../domain/calendar-date';
import type { CategoryCode, JobTypeCode } from '../domain/categories';
import type {
  AbnormalReason,
  CertificateState,
  CertificateType,
} from '../domain/certificate-types';
import type { CategoryRegistration, CheckContext } from '../domain/checks/check-context';
import type { Sex } from '../domain/id-number';
import { CERTIFICATE_FACT_COLUMNS } from './certificates';

/** One certificate of a rename and the context its checks read. */
export interface RenameCertificate {
  certificateId: string;
  personId: string;
  number: string;
  type: CertificateType;
  holderName: string;
  unitName: string;
  state: CertificateState;
  context: CheckContext;
}

interface Row {
  certificateId: string;
  personId: string;
  number: string;
  type: CertificateType;
  jobType: JobTypeCode | null;
  state: CertificateState;
  unitName: string;
  holderName: string;
  validityStart: CalendarDate;
  validityEnd: CalendarDate;
  ceDeadline: CalendarDate;
  ceReviewPassed: boolean;
  busyApplicationId: string | null;
  unitCreditCode: string;
  idNumber: string;
  personName: string;
  verified: boolean;
  hasPhoto: boolean;
  birthDate: CalendarDate;
  sex: Sex;
  employerCreditCode: string | null;
  employerName: string | null;
  employerCategories: CategoryCode[] | null;
  employerRegistration: CategoryRegistration | null;
}

function baseQuery(db: Knex) {
  return db('certificates as c')
    .join('persons as p', 'p.id', 'c.person_id')
    .join('enterprises as u', 'u.id', 'c.unit_enterprise_id')
    .leftJoin('employments as m', function () {
      this.on('m.person_id', 'p.id').andOnVal('m.state', 'active');
    })
    .leftJoin('enterprises as em', 'em.id', 'm.enterprise_id')
    .orderBy('c.id')
    .select({
      certificateId: db.raw('c.id::text'),
      personId: db.raw('c.person_id::text'),
      ...CERTIFICATE_FACT_COLUMNS,
      busyApplicationId: db.raw('c.busy_application_id::text'),
      unitCreditCode: 'u.credit_code',
      idNumber: 'p.id_number',
      personName: 'p.name',
      verified: db.raw('p.verified_at is not null'),
      hasPhoto: db.raw('p.photo is not null'),
      birthDate: 'p.birth_date',
      sex: 'p.sex',
      employerCreditCode: 'em.credit_code',
      employerName: 'em.name',
      employerCategories: 'em.categories',
      employerRegistration: 'em.category_registration',
    });
}

async function withContexts(
  db: Knex,
  rows: Row[],
  today: CalendarDate,
  ownApplicationId: string | null,
): Promise<RenameCertificate[]> {
  const reasons = new Map<string, AbnormalReason[]>();
  if (rows.length > 0) {
    const found: Array<{ id: string; reasons: AbnormalReason[] }> = await db(
      'certificate_abnormal_reasons',
    )
      .whereIn(
        'certificate_id',
        rows.map((r) => r.certificateId),
      )
      .groupBy('certificate_id')
      .select({
        id: db.raw('certificate_id::text'),
        reasons: db.raw('array_agg(reason order by reason)'),
      });
    for (const r of found) reasons.set(r.id, r.reasons);
  }
  return rows.map((r) => {
    const employer =
      r.employerCreditCode === null
        ? null
        : {
            creditCode: r.employerCreditCode,
            name: r.employerName ?? '',
            categories: r.employerCategories ?? [],
            categoryRegistration: r.employerRegistration ?? 'none',
          };
    const context: CheckContext = {
      today,
      person: {
        idNumber: r.idNumber,
        name: r.personName,
        verified: r.verified,
        hasPhoto: r.hasPhoto,
        birthDate: r.birthDate,
        sex: r.sex,
      },
      employment: employer ? { enterpriseCreditCode: employer.creditCode } : null,
      employer,
      certificate: {
        number: r.number,
        type: r.type,
        jobType: r.jobType,
        state: r.state,
        abnormalReasons: reasons.get(r.certificateId) ?? [],
        unitCreditCode: r.unitCreditCode,
        unitName: r.unitName,
        validityStart: r.validityStart,
        validityEnd: r.validityEnd,
        ceDeadline: r.ceDeadline,
        ceReviewPassed: r.ceReviewPassed,
      },
      heldCertificates: [],
      legalRepresentativeOf: [],
      ceRecords: [],
      wanted: null,
      // Busy with another application; the rename's own lock does not count against it.
      busy: r.busyApplicationId !== null && r.busyApplicationId !== ownApplicationId,
    };
    return {
      certificateId: r.certificateId,
      personId: r.personId,
      number: r.number,
      type: r.type,
      holderName: r.holderName,
      unitName: r.unitName,
      state: r.state,
      context,
    };
  });
}

/**
 * Every valid or abnormal certificate held by a person actively employed at the enterprise
 * whose printed unit name is not `newName` (domain/enterprise-rename.ts, isRenameCandidate).
 */
export async function renameCandidates(
  db: Knex,
  enterpriseId: string,
  newName: string,
  today: CalendarDate,
): Promise<RenameCertificate[]> {
  const rows: Row[] = await baseQuery(db)
    .where('m.enterprise_id', enterpriseId)
    .whereIn('c.state', ['valid', 'abnormal'])
    .whereNot('c.unit_name', newName);
  return withContexts(db, rows, today, null);
}

/**
 * The certificates the rename application holds busy, with their holders' current employers;
 * `lock` locks the certificate rows (`for update` of them only) for the re-check and the write.
 */
export async function heldRenameCertificates(
  db: Knex,
  applicationId: string,
  today: CalendarDate,
  lock: boolean,
): Promise<RenameCertificate[]> {
  const query = baseQuery(db).where('c.busy_application_id', applicationId);
  const rows: Row[] = await (lock ? query.forUpdate('c') : query);
  return withContexts(db, rows, today, applicationId);
}
