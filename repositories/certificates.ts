import type { Knex } from 'knex';

export interface Certificate {
  id: string;
  personId: string;
  number: string;
  type: 'A' | 'B' | 'C';
  jobType: string | null;
  unitEnterpriseId: string;
  unitName: string;
  holderName: string;
  holderIdNumber: string;
  firstIssueDate: string;
  validityStart: string;
  validityEnd: string;
  ceDeadline: string;
  ceReviewed: boolean;
  state: 'valid' | 'abnormal' | 'expired' | 'cancelled';
  cancelledAt: Date | null;
  verifyToken: string;
  abnormalReasons: string[];
}

/** Certificates with their holder's ID number and abnormal reasons; callers add columns and filters. */
export function certificateQuery(db: Knex) {
  return db('certificates as c')
    .join('persons as p', 'p.id', 'c.person_id')
    .select({
      id: 'c.id',
      personId: 'c.person_id',
      number: 'c.number',
      type: 'c.type',
      jobType: 'c.job_type',
      unitEnterpriseId: 'c.unit_enterprise_id',
      unitName: 'c.unit_name',
      holderName: 'c.holder_name',
      holderIdNumber: 'p.id_number',
      firstIssueDate: 'c.first_issue_date',
      validityStart: 'c.validity_start',
      validityEnd: 'c.validity_end',
      ceDeadline: 'c.ce_deadline',
      ceReviewed: 'c.ce_reviewed',
      state: 'c.state',
      cancelledAt: 'c.cancelled_at',
      verifyToken: 'c.verify_token',
      abnormalReasons: abnormalReasonsColumn(db),
    });
}

/** The abnormal reasons of the certificate aliased `c`, as a sorted array column. */
export function abnormalReasonsColumn(db: Knex) {
  return db.raw(
    `coalesce((select array_agg(r.reason order by r.reason) from certificate_abnormal_reasons r
      where r.certificate_id = c.id), '{}')`,
  );
}

/**
 * The columns of the certificate aliased `c` that the checks read (CertificateFacts), shared
 * by the loader of one certificate and the batch loader of an enterprise rename.
 */
export const CERTIFICATE_FACT_COLUMNS = {
  number: 'c.number',
  type: 'c.type',
  jobType: 'c.job_type',
  state: 'c.state',
  unitName: 'c.unit_name',
  holderName: 'c.holder_name',
  validityStart: 'c.validity_start',
  validityEnd: 'c.validity_end',
  ceDeadline: 'c.ce_deadline',
  ceReviewPassed: 'c.ce_reviewed',
} as const;

export async function findCertificateById(db: Knex, id: string): Promise<Certificate | undefined> {
  return certificateQuery(db).where('c.id', id).first();
}

export async function findCertificateByVerifyToken(
  db: Knex,
  token: string,
): Promise<Certificate | undefined> {
  return certificateQuery(db).where('c.verify_token', token).first();
}

export async function listCertificatesOfPerson(db: Knex, personId: string): Promise<Certificate[]> {
  return certificateQuery(db).where('c.person_id', personId).orderBy('c.id');
}

/** Certificates whose unit (工作单位) is this enterprise. */
export async function listCertificatesOfUnit(
  db: Knex,
  enterpriseId: string,
): Promise<Certificate[]> {
  return certificateQuery(db).where('c.unit_enterprise_id', enterpriseId).orderBy('c.id');
}

/** The PDF of the certificate's latest issuance that has one (电子证书). */
export async function findLatestCertificatePdf(
  db: Knex,
  certificateId: string,
): Promise<{ number: string; pdf: Buffer } | undefined> {
  return db('certificate_issuances')
    .where({ certificate_id: certificateId })
    .whereNotNull('pdf')
    .orderBy('id', 'desc')
    .first('number', 'pdf');
}
