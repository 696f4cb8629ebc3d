/**
 * The daily work's statements (SPEC §7.5, migration 016). Each `claim…` takes up to `limit`
 * certificates that are due and not yet done, locking them (`for update skip locked`, so
 * concurrent runs share the work instead of waiting), and records the work item in the caller's
 * transaction: the caller does the effect in the same transaction, so the item and its effect
 * commit together or not at all.
 */
import type { Knex } from 'knex';
import type { CalendarDate } from '../domain/calendar-date';

export type DailyWorkKind = 'auto-review' | 'expiry' | 'ce-reminder' | 'expiry-reminder';

/** A due certificate as the effects need it. */
export interface DueCertificate {
  id: string;
  personId: string;
  enterpriseId: string;
  number: string;
  type: 'A' | 'B' | 'C';
  jobType: string | null;
  holderName: string;
  ceDeadline: CalendarDate;
  validityEnd: CalendarDate;
  /** The date the item is about (CE deadline or validity end). */
  dueDate: CalendarDate;
}

/** Which certificates are due for each kind, and which of their dates the item is about. */
const DUE: Record<DailyWorkKind, { where: string; dueDate: string }> = {
  // SPEC §7.5: valid, the CE deadline has passed (the day after it, i.e. at 30 months: a record
  // passed and imported on the deadline itself still counts), not reviewed for that deadline.
  'auto-review': {
    where: `c.state = 'valid' and c.ce_deadline < cast(:today as date)
      and not exists (select 1 from ce_reviews r
                       where r.certificate_id = c.id and r.deadline = c.ce_deadline)`,
    dueDate: 'c.ce_deadline',
  },
  // Past the validity end: the day after it, the certificate is expired.
  expiry: {
    where: `c.state in ('valid', 'abnormal') and c.validity_end < cast(:today as date)`,
    dueDate: 'c.validity_end',
  },
  // One month before a CE deadline still to be met (not the validity end a passed review set).
  'ce-reminder': {
    where: `c.state = 'valid' and not c.ce_reviewed and c.ce_deadline > cast(:today as date)
      and (c.ce_deadline - interval '1 month')::date <= cast(:today as date)`,
    dueDate: 'c.ce_deadline',
  },
  // Three months before the validity end, while the certificate is still valid.
  'expiry-reminder': {
    where: `c.state = 'valid' and c.validity_end >= cast(:today as date)
      and (c.validity_end - interval '3 months')::date <= cast(:today as date)`,
    dueDate: 'c.validity_end',
  },
};

/** Where a run's previous batch of one kind ended: its last (due date, certificate id). */
export interface ClaimCursor {
  dueDate: CalendarDate;
  id: string;
}

/**
 * Claims up to `limit` due certificates of `kind` on `today`: locks them, inserts their work
 * items and returns the ones whose item is new (a row a concurrent run committed meanwhile is
 * not returned, so no effect happens twice).
 */
export async function claimDue(
  trx: Knex.Transaction,
  kind: DailyWorkKind,
  today: CalendarDate,
  limit: number,
  after: ClaimCursor | null = null,
): Promise<DueCertificate[]> {
  const due = DUE[kind];
  // Keyset: a run's next batch starts after its last one (migration 027's indexes), so a batch
  // reads its own rows rather than every due certificate again.
  const cursor = after
    ? `and (${due.dueDate}, c.id) > (cast(:afterDate as date), cast(:afterId as bigint))`
    : '';
  const result = await trx.raw(
    `with due as (
       select c.id, ${due.dueDate} as due_date
         from certificates c
        where ${due.where} ${cursor}
          and not exists (select 1 from daily_work_items w
                           where w.kind = :kind and w.certificate_id = c.id
                             and w.due_date = ${due.dueDate})
        order by ${due.dueDate}, c.id
        limit :limit
          for update of c skip locked),
     claimed as (
       insert into daily_work_items (kind, certificate_id, due_date)
       select :kind, id, due_date from due
       on conflict do nothing
       returning certificate_id, due_date)
     select c.id::text as id, c.person_id::text as "personId",
            c.unit_enterprise_id::text as "enterpriseId", c.number, c.type,
            c.job_type as "jobType", c.holder_name as "holderName",
            to_char(c.ce_deadline, 'YYYY-MM-DD') as "ceDeadline",
            to_char(c.validity_end, 'YYYY-MM-DD') as "validityEnd",
            to_char(claimed.due_date, 'YYYY-MM-DD') as "dueDate"
       from claimed join certificates c on c.id = claimed.certificate_id
      order by claimed.due_date, c.id`,
    { kind, today, limit, afterDate: after?.dueDate ?? null, afterId: after?.id ?? null },
  );
  return result.rows as DueCertificate[];
}

/** Records the auto-review application an item started. */
export async function recordItemApplications(
  trx: Knex.Transaction,
  kind: DailyWorkKind,
  items: Array<{ certificateId: string; dueDate: CalendarDate; applicationId: string }>,
): Promise<void> {
  if (items.length === 0) return;
  await trx.raw(
    `update daily_work_items w set application_id = v.application_id::bigint
       from unnest(?::bigint[], ?::date[], ?::bigint[]) as v(certificate_id, due_date, application_id)
      where w.kind = ? and w.certificate_id = v.certificate_id and w.due_date = v.due_date`,
    [
      items.map((i) => i.certificateId),
      items.map((i) => i.dueDate),
      items.map((i) => i.applicationId),
      kind,
    ],
  );
}

/** Marks certificates expired (those still valid or abnormal). */
export async function expireCertificates(trx: Knex.Transaction, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx('certificates')
    .whereIn('id', ids)
    .whereIn('state', ['valid', 'abnormal'])
    .update({ state: 'expired' });
}
