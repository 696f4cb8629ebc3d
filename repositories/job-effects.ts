import type { Knex } from 'knex';

/**
 * Claims a job key for this transaction. Returns null when the claim is new; otherwise the
 * outcome recorded by the transaction that did the job. A concurrent claim of the same key waits
 * on the primary key until the other transaction ends, so two deliveries never both act.
 */
export async function claimJob(
  trx: Knex.Transaction,
  jobKey: string,
  jobType: string,
): Promise<{ result: Record<string, unknown> } | null> {
  const inserted = await trx('job_effects')
    .insert({ job_key: jobKey, job_type: jobType, result: {} })
    .onConflict('job_key')
    .ignore()
    .returning('job_key');
  if (inserted.length > 0) return null;
  const row = await trx('job_effects').where({ job_key: jobKey }).first('result');
  return { result: (row?.result ?? {}) as Record<string, unknown> };
}
