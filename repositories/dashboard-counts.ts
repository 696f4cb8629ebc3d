/** The counts behind the regulator's dashboard (issue 10) beside the task queue's own. */
import type { Knex } from 'knex';
import type { CalendarDate } from '../domain/calendar-date';

const CHINA_DATE = `to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

/** Applications of `types` submitted per China day since `from` (inclusive). */
export async function applicationsPerDay(
  db: Knex,
  types: readonly string[],
  from: CalendarDate,
): Promise<Array<{ day: CalendarDate; count: number }>> {
  const rows: Array<{ day: CalendarDate; count: string }> = await db('applications')
    .whereIn('type', [...types])
    // The day starts at 00:00 in China: compare in that zone, so the index on created_at is used.
    .whereRaw(`created_at >= (cast(? as date)::timestamp at time zone 'Asia/Shanghai')`, [from])
    .groupByRaw(CHINA_DATE)
    .select(db.raw(`${CHINA_DATE} as day`), db.raw('count(*) as count'));
  return rows.map((r) => ({ day: r.day, count: Number(r.count) }));
}

/** Certificates per state. */
export async function certificatesByState(
  db: Knex,
): Promise<Array<{ state: string; count: number }>> {
  const rows: Array<{ state: string; count: string }> = await db('certificates')
    .groupBy('state')
    .select('state', db.raw('count(*) as count'));
  return rows.map((r) => ({ state: r.state, count: Number(r.count) }));
}
