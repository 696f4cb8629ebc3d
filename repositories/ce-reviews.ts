/**
 * The automatic review's reads and writes (SPEC §7.5, migration 007), set-based over one
 * review run: the certificates whose `daily_work_items` row names the run's application.
 */
import type { Knex } from 'knex';
import type { CalendarDate } from '../domain/calendar-date';

export const CE_NOT_COMPLETED = 'ce-not-completed';

export interface ReviewTally {
  passed: number;
  failed: number;
  /** Owed to the run but not reviewed now: reviewed before, or no longer valid at that deadline. */
  skipped: number;
}

/**
 * Reviews every certificate the run owes, in the caller's transaction: locks them, writes one
 * `ce_reviews` row per certificate and deadline (the unique key makes a second run, or a
 * retried job, review nothing twice), and applies the outcome — passed: the CE deadline becomes
 * the validity end; failed: abnormal with reason `ce-not-completed`. A certificate that is no
 * longer valid, or whose CE deadline moved since the run was owed, is skipped.
 */
export async function reviewRun(
  trx: Knex.Transaction,
  applicationId: string,
): Promise<ReviewTally> {
  const owed = await trx('daily_work_items')
    .where({ kind: 'auto-review', application_id: applicationId })
    .count({ n: '*' });
  const result = await trx.raw(
    `with held as (
       select c.id, c.validity_start, c.ce_deadline
         from daily_work_items w
         join certificates c on c.id = w.certificate_id
        where w.kind = 'auto-review' and w.application_id = :app
          and c.state = 'valid' and c.ce_deadline = w.due_date
        order by c.id
          for update of c),
     judged as (
       -- SPEC §7.5: the FIRST CE record, passed between the validity start and the deadline.
       select h.id, h.ce_deadline,
              (select r.id from ce_records r
                where r.certificate_id = h.id and r.sequence = 1
                  and r.pass_date between h.validity_start and h.ce_deadline
                order by r.pass_date, r.id limit 1) as record_id
         from held h)
     insert into ce_reviews (certificate_id, deadline, outcome, ce_record_id, application_id)
     select id, ce_deadline, case when record_id is null then 'failed' else 'passed' end,
            record_id, :app
       from judged
     on conflict (certificate_id, deadline) do nothing
     returning certificate_id::text as id, outcome`,
    { app: applicationId },
  );
  const reviewed = result.rows as Array<{ id: string; outcome: 'passed' | 'failed' }>;
  const passed = reviewed.filter((r) => r.outcome === 'passed').map((r) => r.id);
  const failed = reviewed.filter((r) => r.outcome === 'failed').map((r) => r.id);
  if (passed.length > 0)
    await trx('certificates')
      .whereIn('id', passed)
      .update({ ce_deadline: trx.ref('validity_end'), ce_reviewed: true });
  if (failed.length > 0)
    await trx.raw(
      `with reasons as (
         insert into certificate_abnormal_reasons (certificate_id, reason, application_id)
         select id, :reason, :app from unnest(:ids::bigint[]) as id
         on conflict (certificate_id, reason) do nothing)
       update certificates set state = 'abnormal' where id = any(:ids::bigint[]) and state = 'valid'`,
      { ids: failed, reason: CE_NOT_COMPLETED, app: applicationId },
    );
  return {
    passed: passed.length,
    failed: failed.length,
    skipped: Number(owed[0].n) - reviewed.length,
  };
}

/** A review of the run, with what its messages print and whom they go to. */
export interface RunReview {
  reviewId: string;
  outcome: 'passed' | 'failed';
  certificateId: string;
  certificateNumber: string;
  certificateType: 'A' | 'B' | 'C';
  jobTypeCode: string | null;
  personId: string;
  personName: string;
  enterpriseId: string;
  deadline: CalendarDate;
  validityEnd: CalendarDate;
}

/** The reviews the run wrote, oldest first. */
export async function reviewsOfRun(db: Knex, applicationId: string): Promise<RunReview[]> {
  const result = await db.raw(
    `select r.id::text as "reviewId", r.outcome, c.id::text as "certificateId",
            c.number as "certificateNumber", c.type as "certificateType",
            c.job_type as "jobTypeCode", c.person_id::text as "personId",
            c.holder_name as "personName", c.unit_enterprise_id::text as "enterpriseId",
            to_char(r.deadline, 'YYYY-MM-DD') as deadline,
            to_char(c.validity_end, 'YYYY-MM-DD') as "validityEnd"
       from ce_reviews r join certificates c on c.id = r.certificate_id
      where r.application_id = ?
      order by r.id`,
    [applicationId],
  );
  return result.rows as RunReview[];
}
