/** The automatic review's reads and writes (SPEC §7.5, migration 007). */
import type { Knex } from 'knex';
import type { CalendarDate } from '../domain/calendar-date';

export interface ReviewedCertificate {
  id: string;
  state: string;
  validityStart: CalendarDate;
  validityEnd: CalendarDate;
  ceDeadline: CalendarDate;
}

/** The certificate, locked for the review's transaction. */
export async function lockCertificateForReview(
  trx: Knex.Transaction,
  id: string,
): Promise<ReviewedCertificate | undefined> {
  const result = await trx.raw(
    `select id::text as id, state,
            to_char(validity_start, 'YYYY-MM-DD') as "validityStart",
            to_char(validity_end, 'YYYY-MM-DD') as "validityEnd",
            to_char(ce_deadline, 'YYYY-MM-DD') as "ceDeadline"
       from certificates where id = ? for update`,
    [id],
  );
  return result.rows[0];
}

/** The review of (certificate, deadline), written once; false when one existed already. */
export async function recordReview(
  trx: Knex.Transaction,
  review: {
    certificateId: string;
    deadline: CalendarDate;
    outcome: 'passed' | 'failed';
    ceRecordId: string | null;
    applicationId: string | null;
  },
): Promise<boolean> {
  const rows = await trx('ce_reviews')
    .insert({
      certificate_id: review.certificateId,
      deadline: review.deadline,
      outcome: review.outcome,
      ce_record_id: review.ceRecordId,
      application_id: review.applicationId,
    })
    .onConflict(['certificate_id', 'deadline'])
    .ignore()
    .returning('id');
  return rows.length > 0;
}

/** A passed review: the CE deadline becomes the validity end (SPEC §5.4). */
export async function markCeReviewed(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('certificates')
    .where({ id })
    .update({ ce_deadline: trx.ref('validity_end'), ce_reviewed: true });
}
