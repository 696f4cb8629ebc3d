/** Writing certificates: first issue, reissue with a new number, abnormal marks (SPEC §4, §5). */
import type { Knex } from 'knex';
import { Certificate, certificateQuery } from './certificates';

/** Everything printed on a certificate, from its row, its holder and its unit. */
export interface CertificatePrintData extends Certificate {
  idNumber: string;
  sex: 'M' | 'F';
  photo: Buffer | null;
}

function printData(db: Knex) {
  return certificateQuery(db).select({ idNumber: 'p.id_number', sex: 'p.sex', photo: 'p.photo' });
}

export async function findCertificatePrintData(
  db: Knex,
  id: string,
): Promise<CertificatePrintData | undefined> {
  return printData(db).where('c.id', id).first();
}

/**
 * Everything a certificate prints except its unit name, as one hash (the photo by its own
 * hash): equal fingerprints print the same certificate once the unit name is set.
 */
const FINGERPRINT = `md5(concat_ws('|', c.number, c.type, c.job_type, c.holder_name, p.id_number,
  p.sex, c.first_issue_date, c.validity_start, c.validity_end, c.ce_deadline, c.verify_token,
  md5(p.photo)))`;

/** The print data of several certificates, by id order, with their print fingerprints. */
export async function findCertificatesPrintData(
  db: Knex,
  ids: string[],
): Promise<Array<CertificatePrintData & { fingerprint: string }>> {
  if (ids.length === 0) return [];
  return printData(db)
    .select({ fingerprint: db.raw(FINGERPRINT) })
    .whereIn('c.id', ids)
    .orderBy('c.id');
}

/** The print fingerprints of several certificates (no photo bytes leave the database). */
export async function findPrintFingerprints(db: Knex, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows: Array<{ id: string; fingerprint: string }> = await db('certificates as c')
    .join('persons as p', 'p.id', 'c.person_id')
    .whereIn('c.id', ids)
    .select({ id: db.raw('c.id::text'), fingerprint: db.raw(FINGERPRINT) });
  return new Map(rows.map((r) => [r.id, r.fingerprint]));
}

/** Valid and abnormal certificates whose unit is the enterprise, locked for a reissue. */
export async function lockLiveCertificatesOfUnit(
  db: Knex,
  enterpriseId: string,
): Promise<CertificatePrintData[]> {
  const ids: Array<{ id: string }> = await db('certificates')
    .where({ unit_enterprise_id: enterpriseId })
    .whereIn('state', ['valid', 'abnormal'])
    .orderBy('id')
    .forUpdate()
    .select('id');
  if (ids.length === 0) return [];
  return printData(db)
    .whereIn(
      'c.id',
      ids.map((r) => r.id),
    )
    .orderBy('c.id');
}

/** The certificate first issued on an exam result, if any (one per result, SPEC §7.1). */
export async function findCertificateOfExamResult(
  db: Knex,
  examResultId: string,
): Promise<{ id: string; number: string } | undefined> {
  return db('certificates')
    .where({ exam_result_id: examResultId })
    .first({ id: 'id', number: 'number' });
}

/** The next province-wide serial (SPEC §5.3); a rolled-back transaction leaves a gap. */
export async function nextCertificateSerial(db: Knex): Promise<number> {
  const { rows } = await db.raw(`select nextval('certificate_serial')::int as serial`);
  return Number(rows[0].serial);
}

export interface NewCertificate {
  personId: string;
  number: string;
  type: string;
  jobType: string | null;
  unitEnterpriseId: string;
  unitName: string;
  holderName: string;
  firstIssueDate: string;
  validityStart: string;
  validityEnd: string;
  ceDeadline: string;
  examResultId: string | null;
}

export async function insertCertificate(db: Knex, c: NewCertificate): Promise<string> {
  const [row] = await db('certificates')
    .insert({
      person_id: c.personId,
      number: c.number,
      type: c.type,
      job_type: c.jobType,
      unit_enterprise_id: c.unitEnterpriseId,
      unit_name: c.unitName,
      holder_name: c.holderName,
      first_issue_date: c.firstIssueDate,
      validity_start: c.validityStart,
      validity_end: c.validityEnd,
      ce_deadline: c.ceDeadline,
      exam_result_id: c.examResultId,
    })
    .returning('id');
  return String(row.id);
}

/** Gives the certificate a new current number (the trigger keeps the old one resolvable). */
export async function changeCertificateNumber(db: Knex, id: string, number: string): Promise<void> {
  await db('certificates').where({ id }).update({ number });
}

export interface NewIssuance {
  certificateId: string;
  applicationId: string;
  kind: 'issue' | 'reissue';
  reason: string;
  number: string;
  snapshot: Record<string, unknown>;
  pdf: Buffer;
}

export async function insertIssuance(db: Knex, i: NewIssuance): Promise<void> {
  await db('certificate_issuances').insert({
    certificate_id: i.certificateId,
    application_id: i.applicationId,
    kind: i.kind,
    reason: i.reason,
    number: i.number,
    snapshot: JSON.stringify(i.snapshot),
    pdf: i.pdf,
  });
}

/** Several issuances in a few statements (a rename reissues up to thousands at once). */
export async function insertIssuances(db: Knex, issuances: NewIssuance[]): Promise<void> {
  // Small batches: each statement carries its PDFs as parameters (tens of KB each).
  for (let i = 0; i < issuances.length; i += 50) {
    await db('certificate_issuances').insert(
      issuances.slice(i, i + 50).map((s) => ({
        certificate_id: s.certificateId,
        application_id: s.applicationId,
        kind: s.kind,
        reason: s.reason,
        number: s.number,
        snapshot: JSON.stringify(s.snapshot),
        pdf: s.pdf,
      })),
    );
  }
}

/** Adds an abnormal reason and makes a valid certificate abnormal (SPEC §5.5). */
export async function markAbnormal(
  db: Knex,
  id: string,
  reason: string,
  applicationId: string | null,
): Promise<void> {
  await db('certificate_abnormal_reasons')
    .insert({ certificate_id: id, reason, application_id: applicationId })
    .onConflict(['certificate_id', 'reason'])
    .ignore();
  await db('certificates').where({ id, state: 'valid' }).update({ state: 'abnormal' });
}

/** Lifts one abnormal reason; with none left the certificate is valid again. */
export async function liftAbnormal(db: Knex, id: string, reason: string): Promise<void> {
  await db('certificate_abnormal_reasons').where({ certificate_id: id, reason }).delete();
  const left = await db('certificate_abnormal_reasons')
    .where({ certificate_id: id })
    .first('reason');
  if (!left) await db('certificates').where({ id, state: 'abnormal' }).update({ state: 'valid' });
}
