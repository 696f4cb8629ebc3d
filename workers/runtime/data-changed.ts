import type { CamundaRestClient } from '@camunda8/sdk';
import type { Knex } from 'knex';
import { listWaitingApplications } from '../../repositories/application-progress';
import type { JobOutcome } from './job-handler';

export const DATA_CHANGED_MESSAGE = 'application-data-changed';

/**
 * Publishes `application-data-changed` to every new-issue application waiting on these persons
 * or enterprises, so it re-checks now instead of at the daily re-check. Best effort: a lost
 * message only delays the re-check to the next day, so failures are logged, not thrown.
 */
export async function publishDataChanged(
  db: Knex,
  camunda: CamundaRestClient,
  changed: NonNullable<JobOutcome['changed']>,
  log: Pick<Console, 'warn'>,
): Promise<void> {
  try {
    const ids = await listWaitingApplications(
      db,
      changed.personIds ?? [],
      changed.enterpriseIds ?? [],
    );
    for (const applicationId of ids) {
      await camunda.publishMessage({
        name: DATA_CHANGED_MESSAGE,
        correlationKey: applicationId,
        variables: {},
        timeToLive: 0,
      } as never);
    }
  } catch (error) {
    log.warn(`workers: could not publish ${DATA_CHANGED_MESSAGE}: ${String(error)}`);
  }
}
