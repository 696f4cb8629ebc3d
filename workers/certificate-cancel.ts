/**
 * `certificate-cancel` (SPEC §7.7): the certificate is cancelled (注销) — valid, abnormal or
 * expired alike. It no longer counts for the holding rules, so the person may be issued a new
 * one after passing the exam again.
 */
import { JobHandler, requireVariable } from './runtime/job-handler';

export const certificateCancel: JobHandler = async ({ trx, job, now }) => {
  const certificateId = requireVariable(job, 'certificateId');
  const updated = await trx('certificates')
    .where({ id: certificateId })
    .whereNot({ state: 'cancelled' })
    .update({ state: 'cancelled', cancelled_at: now });
  if (updated === 0) {
    const exists = await trx('certificates').where({ id: certificateId }).first('id');
    if (!exists) throw new Error(`Certificate ${certificateId} not found`);
  }
  const person = await trx('certificates').where({ id: certificateId }).first('person_id');
  return { variables: {}, changed: { personIds: [String(person.person_id)] } };
};
