/**
 * The copy of the engine's open user tasks (migration 022): written by the delta read in
 * api/use-cases/task-queue.ts, read by the Tasklist's list and dashboard in one SQL query each,
 * joined with the applications the tasks decide.
 */
import type { Knex } from 'knex';

export interface QueuedTask {
  taskKey: string;
  processInstanceKey: string;
  processId: string;
  elementId: string;
  candidateGroups: string[];
  createdAt: Date;
  limitDays: number | null;
  dueDate: string | null;
  warnFrom: string | null;
}

const row = (t: QueuedTask, endedAt: Date | null) => ({
  task_key: t.taskKey,
  process_instance_key: t.processInstanceKey,
  process_id: t.processId,
  element_id: t.elementId,
  candidate_groups: t.candidateGroups,
  created_at: t.createdAt,
  limit_days: t.limitDays,
  due_date: t.dueDate,
  warn_from: t.warnFrom,
  ended_at: endedAt,
});

const CHUNK = 1000;

/** Adds open tasks; a row already there (open, or marked ended by a racing read) is kept. */
export async function addOpenTasks(db: Knex, tasks: readonly QueuedTask[]): Promise<void> {
  for (let i = 0; i < tasks.length; i += CHUNK)
    await db('task_queue')
      .insert(tasks.slice(i, i + CHUNK).map((t) => row(t, null)))
      .onConflict('task_key')
      .ignore();
}

/** Marks tasks ended (inserting the mark when the open row was never seen). */
export async function markEnded(
  db: Knex,
  tasks: readonly { task: QueuedTask; endedAt: Date }[],
): Promise<void> {
  for (let i = 0; i < tasks.length; i += CHUNK)
    await db('task_queue')
      .insert(tasks.slice(i, i + CHUNK).map((t) => row(t.task, t.endedAt)))
      .onConflict('task_key')
      .merge(['ended_at']);
}

/** Marks ended, by key, open rows the engine no longer has open. */
export async function markEndedByKey(db: Knex, keys: readonly string[], at: Date): Promise<void> {
  if (keys.length === 0) return;
  await db('task_queue').whereIn('task_key', keys).whereNull('ended_at').update({ ended_at: at });
}

/** Open rows not among `openKeys` (a full read's answer), created up to `createdUpTo`. */
export async function openKeysMissingFrom(
  db: Knex,
  openKeys: ReadonlySet<string>,
  createdUpTo: Date,
): Promise<string[]> {
  const rows: { task_key: string }[] = await db('task_queue')
    .whereNull('ended_at')
    .where('created_at', '<=', createdUpTo)
    .select('task_key');
  return rows.map((r) => r.task_key).filter((k) => !openKeys.has(k));
}

/** Drops the ended marks older than `before`: no read that could race them is still running. */
export async function dropEndedBefore(db: Knex, before: Date): Promise<void> {
  await db('task_queue').whereNotNull('ended_at').where('ended_at', '<', before).delete();
}

export async function readSyncedTo(db: Knex): Promise<Date | null> {
  const r = await db('task_queue_sync').where({ id: 1 }).first('synced_to');
  return r?.synced_to ?? null;
}

/** Moves the mark forward (a delta read) or sets it (a full read, which may move it back). */
export async function writeSyncedTo(db: Knex, to: Date, full: boolean): Promise<void> {
  await db('task_queue_sync')
    .where({ id: 1 })
    .update({
      synced_to: full ? to : db.raw('greatest(coalesce(synced_to, ?), ?)', [to, to]),
    });
}

export interface QueueFilter {
  groups: readonly string[];
  type?: string;
  applicationId?: string;
  applicant?: string;
  certificateNumber?: string;
  submittedFrom?: string;
  submittedTo?: string;
  due?: 'warning' | 'overdue';
  today: string;
}

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const SUBJECT_FIELDS = ['personName', 'holderName', 'enterpriseName', 'idNumber', 'creditCode'];

/** The caller's open rows with their applications, filtered (no order, no page). */
function filtered(db: Knex, f: QueueFilter) {
  const q = db('task_queue as t')
    .leftJoin('applications as a', 'a.process_instance_key', 't.process_instance_key')
    .whereNull('t.ended_at')
    .whereRaw('t.candidate_groups && ?::text[]', [[...f.groups]]);
  if (f.type) q.where('a.type', f.type);
  if (f.applicationId) q.where('a.id', f.applicationId);
  if (f.applicant) {
    const p = likePattern(f.applicant);
    q.where((w) => {
      for (const field of SUBJECT_FIELDS) w.orWhereRaw('a.subject->>? ilike ?', [field, p]);
    });
  }
  if (f.certificateNumber)
    q.whereRaw(`a.subject->>'certificateNumber' ilike ?`, [likePattern(f.certificateNumber)]);
  const submitted = `(a.created_at at time zone 'Asia/Shanghai')::date`;
  if (f.submittedFrom) q.whereRaw(`${submitted} >= ?::date`, [f.submittedFrom]);
  if (f.submittedTo) q.whereRaw(`${submitted} <= ?::date`, [f.submittedTo]);
  if (f.due === 'overdue') q.where('t.due_date', '<', f.today);
  if (f.due === 'warning') q.where('t.warn_from', '<=', f.today).where('t.due_date', '>=', f.today);
  return q;
}

const SORT_COLUMNS = { created: 't.created_at', due: 't.due_date', submitted: 'a.created_at' };

/** One page of task keys in order, and the total. Ties keep the arrival order. */
export async function pageOfQueue(
  db: Knex,
  f: QueueFilter,
  sort: keyof typeof SORT_COLUMNS,
  order: 'asc' | 'desc',
  page: { offset: number; limit: number },
): Promise<{ keys: string[]; total: number }> {
  const dir = order === 'desc' ? 'desc' : 'asc';
  const [rows, [{ count }]] = await Promise.all([
    filtered(db, f)
      .orderByRaw(`${SORT_COLUMNS[sort]} ${dir} nulls last, t.created_at, t.task_key`)
      .offset(page.offset)
      .limit(page.limit)
      .select('t.task_key'),
    filtered(db, f).count({ count: '*' }),
  ]);
  return { keys: rows.map((r: { task_key: string }) => r.task_key), total: Number(count) };
}

/** Open tasks per business type with their 预警 and 超期 counts. */
export async function queueSummary(db: Knex, f: QueueFilter) {
  const rows: { type: string | null; open: string; warning: string; overdue: string }[] =
    await filtered(db, f)
      .groupBy('a.type')
      .select(
        'a.type',
        db.raw('count(*) as open'),
        db.raw(
          'count(*) filter (where t.warn_from <= ?::date and t.due_date >= ?::date) as warning',
          [f.today, f.today],
        ),
        db.raw('count(*) filter (where t.due_date < ?::date) as overdue', [f.today]),
      );
  return rows.map((r) => ({
    type: r.type,
    open: Number(r.open),
    warning: Number(r.warning),
    overdue: Number(r.overdue),
  }));
}

/** Open tasks per submission date (China) of their application, for the age buckets. */
export async function queueBySubmission(db: Knex, f: QueueFilter) {
  const day = `to_char(a.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  const rows: { submitted: string | null; count: string }[] = await filtered(db, f)
    .groupByRaw(day)
    .select(db.raw(`${day} as submitted`), db.raw('count(*) as count'));
  // A task whose application is not (yet) known has no submission date: it is not aged.
  return rows
    .filter((r): r is { submitted: string; count: string } => r.submitted !== null)
    .map((r) => ({ submitted: r.submitted, count: Number(r.count) }));
}
