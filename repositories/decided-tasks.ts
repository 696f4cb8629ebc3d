/** The user-task decisions an account made (已办): its confirmed timeline entries with a task. */
import type { Knex } from 'knex';

export interface DecidedTask {
  taskKey: string;
  applicationId: string;
  step: string;
  decision: 'approved' | 'rejected';
  comment: string | null;
  decidedAt: Date;
}

/** Newest first, one page, with the total count. */
export async function listDecidedTasks(
  db: Knex,
  accountId: string,
  page: { offset: number; limit: number },
): Promise<{ rows: DecidedTask[]; total: number }> {
  const base = () =>
    db('application_events')
      .where({ actor_account_id: accountId, pending: false })
      .whereNotNull('task_key')
      .whereNotNull('decision');
  const [rows, [{ count }]] = await Promise.all([
    base()
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .offset(page.offset)
      .limit(page.limit)
      .select({
        taskKey: db.raw('task_key::text'),
        applicationId: db.raw('application_id::text'),
        step: 'step',
        decision: 'decision',
        comment: 'comment',
        decidedAt: 'at',
      }),
    base().count({ count: '*' }),
  ]);
  return { rows: rows as DecidedTask[], total: Number(count) };
}
