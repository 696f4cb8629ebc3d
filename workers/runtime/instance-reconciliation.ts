/**
 * Applications whose process instance an operator ended behind our back (issue 8 item 7):
 * cancelled in Operate or straight through the API, or an incident "resolved" by cancelling
 * the instance. The engine reports such an instance `TERMINATED` (Camunda 8.8's state of a
 * cancelled instance); one that is `COMPLETED` while its application is still in progress
 * also ended without our end state. Both end the application `cancelled` with a timeline
 * entry, which frees its certificates. Cheap: one engine search per batch of applications.
 */
import type { CamundaRestClient } from '@camunda8/sdk';
import type { Knex } from 'knex';
import { endApplication, inProgressInstances } from '../../repositories/application-endings';

export interface ReconciliationCursor {
  /** Applications after this id are looked at next; back to '0' after the last one. */
  afterId: string;
}

const COMMENTS: Record<string, string> = {
  TERMINATED: '流程实例已被运维人员终止',
  COMPLETED: '流程实例已结束，但办件未办结，按撤销处理',
};

/**
 * Looks at up to `batches` batches of `batchSize` in-progress applications from `cursor`,
 * ending those whose instance has ended; resolves with how many it ended.
 */
export async function reconcileInstances(
  db: Knex,
  camunda: CamundaRestClient,
  cursor: ReconciliationCursor,
  { batchSize = 100, batches = 10 }: { batchSize?: number; batches?: number } = {},
): Promise<number> {
  let ended = 0;
  for (let i = 0; i < batches; i++) {
    const batch = await inProgressInstances(db, cursor.afterId, batchSize);
    cursor.afterId = batch.length < batchSize ? '0' : batch[batch.length - 1].id;
    if (batch.length === 0) break;
    const found = await camunda.searchProcessInstances({
      filter: { processInstanceKey: { $in: batch.map((a) => a.processInstanceKey) } },
      page: { limit: batch.length },
    } as never);
    const states = new Map(
      (found.items as unknown as Array<{ processInstanceKey: string; state: string }>).map((p) => [
        String(p.processInstanceKey),
        String(p.state),
      ]),
    );
    for (const a of batch) {
      // An instance the search does not (yet) show is not taken for ended.
      const comment = COMMENTS[states.get(a.processInstanceKey) ?? 'ACTIVE'];
      if (!comment) continue;
      const done = await db.transaction((trx) =>
        endApplication(trx, a.id, {
          state: 'cancelled',
          step: 'instance-terminated',
          actorAccountId: null,
          actorName: '系统',
          comment,
        }),
      );
      if (done?.ended) ended += 1;
    }
    if (cursor.afterId === '0') break;
  }
  return ended;
}
