import type { Knex } from 'knex';

export type EmploymentState = 'proposed' | 'active' | 'ended' | 'declined' | 'lapsed';

/** The timestamp column each target state stamps (the schema's state/timestamp CHECK). */
const STAMPS: Record<Exclude<EmploymentState, 'proposed'>, 'started_at' | 'ended_at'> = {
  active: 'started_at',
  ended: 'ended_at',
  declined: 'ended_at',
  lapsed: 'ended_at',
};

/**
 * Moves an employment from `from` to `to`. Already in `to` counts as done (a replayed job);
 * any other state is an error the job reports. Returns the employment's person and enterprise.
 */
export async function moveEmployment(
  db: Knex,
  id: string,
  from: EmploymentState,
  to: Exclude<EmploymentState, 'proposed'>,
): Promise<{ personId: string; enterpriseId: string }> {
  const row = await db('employments')
    .where({ id })
    .forUpdate()
    .first({ state: 'state', personId: 'person_id', enterpriseId: 'enterprise_id' });
  if (!row) throw new Error(`Employment ${id} does not exist`);
  if (row.state !== to) {
    if (row.state !== from) {
      throw new Error(`Employment ${id} is ${row.state}, cannot move from ${from} to ${to}`);
    }
    await db('employments')
      .where({ id })
      .update({ state: to, [STAMPS[to]]: db.fn.now() });
  }
  return { personId: String(row.personId), enterpriseId: String(row.enterpriseId) };
}
