/**
 * The daily work (SPEC §7.5, issue 8 item 5), on the business clock's today: the expiry of
 * certificates past their validity end, the automatic review of certificates whose CE deadline
 * has passed (the day after it; one review run and instance per batch), and the reminders one month before a CE deadline and three months before
 * the validity end.
 *
 * Idempotent per certificate and deadline whatever crashes or reruns happen: every item is a
 * `daily_work_items` row committed in the transaction of its effect (repositories/daily-work.ts).
 * Catch-up is free: each kind takes everything due up to today, so a clock that jumped two
 * years is caught up in one run. No stampede: at most BATCH certificates per transaction, one
 * transaction at a time; the review instances are started by the outbox drainer at its own
 * bounded concurrency, not by this run.
 *
 * Order (a certificate whose CE deadline and validity end both passed): expiry first. An
 * expired certificate is not reviewed: the review decides whether the rest of a validity
 * period is usable and whether it can be renewed, and after the validity end neither can be.
 */
import type { Knex } from 'knex';
import type { CalendarDate } from '../domain/calendar-date';
import {
  ClaimCursor,
  claimDue,
  DailyWorkKind,
  DueCertificate,
  expireCertificates,
  recordItemApplications,
} from '../repositories/daily-work';
import { deliverMessage } from '../repositories/message-delivery';
import { enqueueProcessStarts } from '../repositories/outbox';
import { DAILY_MESSAGES } from './daily-messages';

/** Certificates per transaction: short transactions, few round trips. */
export const BATCH = 200;

export interface DailyWorkReport {
  today: CalendarDate;
  /** Certificates marked expired. */
  expired: number;
  /** Certificates owed an automatic review (their runs are started by the outbox drainer). */
  autoReviews: number;
  ceReminders: number;
  expiryReminders: number;
}

export interface DailyWorkOptions {
  batchSize?: number;
  /** Called after each committed batch (tests: a crash between batches). */
  afterBatch?: (kind: DailyWorkKind, done: number) => void | Promise<void>;
}

/** Messages the certificate's person and its unit (the employer on the certificate). */
async function notify(trx: Knex.Transaction, kind: keyof typeof DAILY_MESSAGES, c: DueCertificate) {
  const { title, body } = DAILY_MESSAGES[kind](c);
  const recipients = [
    { personId: c.personId, enterpriseId: null, key: `person:${c.personId}` },
    { personId: null, enterpriseId: c.enterpriseId, key: `enterprise:${c.enterpriseId}` },
  ];
  for (const r of recipients) {
    await deliverMessage(trx, {
      personId: r.personId,
      enterpriseId: r.enterpriseId,
      category: 'certificate',
      title,
      body,
      link: `/api/certificates/${c.id}`,
      certificateId: c.id,
      // One message per certificate, kind, deadline and recipient, whatever reruns happen.
      dedupeKey: `daily:${kind}:${c.id}:${c.dueDate}:${r.key}`,
    });
  }
}

/**
 * One review run for a batch of due certificates: its application (the system's, about every
 * certificate of the batch), the certificates' links and work items, and ONE owed instance.
 * A run per batch, not an instance per certificate: ten thousand certificates due on one day
 * are fifty instances reviewed set-based, not ten thousand (docs/decisions.md).
 */
async function owe(trx: Knex.Transaction, due: DueCertificate[]): Promise<void> {
  if (due.length === 0) return;
  const deadlines = due.map((c) => c.dueDate).sort();
  const [application]: Array<{ id: string; created_at: Date }> = await trx('applications')
    .insert({
      type: 'auto-review',
      state: 'submitted',
      applicant_account_id: null,
      subject: JSON.stringify({
        certificateCount: due.length,
        ceDeadlineFrom: deadlines[0],
        ceDeadlineTo: deadlines[deadlines.length - 1],
      }),
    })
    .returning([trx.raw('id::text as id'), 'created_at']);
  // Every application's timeline starts with its submission (repositories/applications.ts),
  // here by the system.
  await trx('application_events').insert({
    application_id: application.id,
    step: 'submitted',
    actor_account_id: null,
    actor_name: '系统',
    at: application.created_at,
  });
  await trx('application_certificates').insert(
    due.map((c) => ({ application_id: application.id, certificate_id: c.id })),
  );
  await enqueueProcessStarts(trx, [
    {
      applicationId: application.id,
      payload: {
        processId: 'auto-review',
        variables: { applicationId: application.id, certificateCount: due.length },
      },
    },
  ]);
  await recordItemApplications(
    trx,
    'auto-review',
    due.map((c) => ({ certificateId: c.id, dueDate: c.dueDate, applicationId: application.id })),
  );
}

const EFFECTS: Record<
  DailyWorkKind,
  (trx: Knex.Transaction, due: DueCertificate[]) => Promise<void>
> = {
  expiry: async (trx, due) => {
    await expireCertificates(
      trx,
      due.map((c) => c.id),
    );
    for (const c of due) await notify(trx, 'expiry', c);
  },
  'auto-review': owe,
  'ce-reminder': async (trx, due) => {
    for (const c of due) await notify(trx, 'ce-reminder', c);
  },
  'expiry-reminder': async (trx, due) => {
    for (const c of due) await notify(trx, 'expiry-reminder', c);
  },
};

/** Expiry before review: see the file comment. */
const ORDER: DailyWorkKind[] = ['expiry', 'auto-review', 'ce-reminder', 'expiry-reminder'];

/** One run of the daily work on `today`; returns what it did. */
export async function runDailyWork(
  db: Knex,
  today: CalendarDate,
  options: DailyWorkOptions = {},
): Promise<DailyWorkReport> {
  const batchSize = options.batchSize ?? BATCH;
  const done: Record<DailyWorkKind, number> = {
    expiry: 0,
    'auto-review': 0,
    'ce-reminder': 0,
    'expiry-reminder': 0,
  };
  for (const kind of ORDER) {
    let after: ClaimCursor | null = null;
    for (;;) {
      const due = await db.transaction(async (trx) => {
        const claimed = await claimDue(trx, kind, today, batchSize, after);
        await EFFECTS[kind](trx, claimed);
        return claimed;
      });
      done[kind] += due.length;
      if (due.length > 0) await options.afterBatch?.(kind, done[kind]);
      const last = due[due.length - 1];
      if (last) after = { dueDate: last.dueDate, id: last.id };
      // Until a pass from the start finds nothing: rows a concurrent run held (skipped
      // locked) or one that became due behind the cursor are taken on the next pass.
      else if (after) after = null;
      else break;
    }
  }
  return {
    today,
    expired: done.expiry,
    autoReviews: done['auto-review'],
    ceReminders: done['ce-reminder'],
    expiryReminders: done['expiry-reminder'],
  };
}
