/** Entries an operator adds to an application's timeline (issue 11 item 3), seen by its parties. */
import type { Knex } from 'knex';

export interface TimelineAddition {
  applicationId: string;
  /** The step code (see api/use-cases/timeline-steps.ts). */
  step: string;
  actorAccountId: string | null;
  actorName: string;
  comment: string;
}

export async function appendTimelineEntry(db: Knex, e: TimelineAddition): Promise<void> {
  await db('application_events').insert({
    application_id: e.applicationId,
    step: e.step,
    actor_account_id: e.actorAccountId,
    actor_name: e.actorName,
    comment: e.comment,
  });
}

/** The application's newest timeline step, or undefined when it has none. */
export async function lastStep(db: Knex, applicationId: string): Promise<string | undefined> {
  const row = await db('application_events')
    .where({ application_id: applicationId, pending: false })
    .orderBy('id', 'desc')
    .first('step');
  return row?.step;
}
