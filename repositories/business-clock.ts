/** The business clock's row (migration 016): null = system time, else the pinned instant. */
import type { Knex } from 'knex';

export async function readBusinessClockPin(db: Knex): Promise<number | null> {
  const row = await db('business_clock').where({ id: 1 }).first('pinned_at');
  return row?.pinned_at ? new Date(row.pinned_at).getTime() : null;
}

export async function writeBusinessClockPin(db: Knex, epochMs: number | null): Promise<void> {
  await db('business_clock')
    .where({ id: 1 })
    .update({ pinned_at: epochMs === null ? null : new Date(epochMs) });
}
