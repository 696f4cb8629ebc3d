/**
 * `renewal-apply` (SPEC §7.6): the certificate is reissued valid for five years from the
 * completion date (today; capped by the age limit), with a new CE deadline and its automatic
 * review still to come; the second CE record that qualified it is marked used by this renewal,
 * so no later renewal can use it again.
 */
import type { Knex } from 'knex';
import type { CalendarDate } from '../domain/calendar-date';
import { isWithin } from '../domain/calendar-date';
import { certificateDates } from '../domain/certificate-dates';
import { findCertificateById } from '../repositories/certificates';
import { findPersonById } from '../repositories/persons';
import { JobHandler, requireVariable } from './runtime/job-handler';
import { reissueCertificate } from './shared/certificate-reissue';

/** The earliest unused sequence-2 record within the old validity, locked; null if none. */
async function qualifyingRecord(
  trx: Knex,
  certificateId: string,
  from: CalendarDate,
  to: CalendarDate,
): Promise<string | null> {
  const rows: Array<{ id: string; passDate: CalendarDate }> = await trx('ce_records')
    .where({ certificate_id: certificateId, sequence: 2 })
    .whereNull('used_by_application_id')
    .orderBy(['pass_date', 'id'])
    .forUpdate()
    .select({ id: 'id', passDate: 'pass_date' });
  const found = rows.find((r) => isWithin(r.passDate, from, to));
  return found ? String(found.id) : null;
}

export const renewalApply: JobHandler = async ({ trx, job, today }) => {
  const certificateId = requireVariable(job, 'certificateId');
  const applicationId = requireVariable(job, 'applicationId');
  const certificate = await findCertificateById(trx, certificateId);
  if (!certificate) throw new Error(`Certificate ${certificateId} not found`);
  const person = await findPersonById(trx, String(certificate.personId));
  if (!person) throw new Error(`Person ${certificate.personId} not found`);
  const used = await trx('ce_records').where({ used_by_application_id: applicationId }).first('id');
  if (!used) {
    const record = await qualifyingRecord(
      trx,
      certificateId,
      certificate.validityStart,
      certificate.validityEnd,
    );
    // The re-check just before passed; a record gone since is a technical failure (retry).
    if (!record) throw new Error(`No qualifying CE record for certificate ${certificateId}`);
    await trx('ce_records').where({ id: record }).update({ used_by_application_id: applicationId });
  }
  const dates = certificateDates(today, person.birthDate, person.sex);
  const reissued = await reissueCertificate(trx, certificateId, applicationId, 'renewal', {
    validity_start: dates.validityStart,
    validity_end: dates.validityEnd,
    ce_deadline: dates.ceDeadline,
    ce_reviewed: false,
  });
  return { variables: { certificateNumber: reissued.number, validityEnd: dates.validityEnd } };
};
