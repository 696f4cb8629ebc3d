/** A certificate's history: issuances, numbers, state changes, applications, reviews (issue 8). */
import type { Knex } from 'knex';

export async function certificateHistory(db: Knex, certificateId: string) {
  const issuances: Array<{
    id: string;
    kind: string;
    reason: string;
    number: string;
    issuedAt: Date;
    applicationId: string;
    hasPdf: boolean;
  }> = await db('certificate_issuances')
    .where({ certificate_id: certificateId })
    // Qualified: a bare "id" would sort by the text alias below ("10" before "9").
    .orderBy('certificate_issuances.id')
    .select({
      id: db.raw('id::text'),
      kind: 'kind',
      reason: 'reason',
      number: 'number',
      issuedAt: 'issued_at',
      applicationId: db.raw('application_id::text'),
      hasPdf: db.raw('pdf is not null'),
    });
  const numbers: Array<{ number: string; since: Date; until: Date | null }> = await db(
    'certificate_numbers',
  )
    .where({ certificate_id: certificateId })
    .orderBy(['since', 'id'])
    .select('number', 'since', 'until');
  const states: Array<{
    fromState: string | null;
    toState: string;
    at: Date;
    applicationId: string | null;
  }> = await db('certificate_state_changes')
    .where({ certificate_id: certificateId })
    .orderBy('certificate_state_changes.id')
    .select({
      fromState: 'from_state',
      toState: 'to_state',
      at: 'at',
      applicationId: db.raw('application_id::text'),
    });
  const applications: Array<{
    id: string;
    type: string;
    state: string;
    createdAt: Date;
    completedAt: Date | null;
  }> = await db('application_certificates as ac')
    .join('applications as a', 'a.id', 'ac.application_id')
    .where('ac.certificate_id', certificateId)
    .orderBy('a.id')
    .select({
      id: db.raw('a.id::text'),
      type: 'a.type',
      state: 'a.state',
      createdAt: 'a.created_at',
      completedAt: 'a.completed_at',
    });
  // The automatic reviews (SPEC §7.5): the one place a passed review shows, as it changes no
  // state; its run is the regulator's, so the review itself is what the holder reads.
  const reviews: Array<{ deadline: string; outcome: 'passed' | 'failed'; reviewedAt: Date }> =
    await db('ce_reviews')
      .where({ certificate_id: certificateId })
      .orderBy('ce_reviews.id')
      .select({
        deadline: db.raw(`to_char(deadline, 'YYYY-MM-DD')`),
        outcome: 'outcome',
        reviewedAt: 'reviewed_at',
      });
  return { issuances, numbers, states, applications, reviews };
}
