/**
 * Keeps task_queue (migration 022) in step with the engine: before a list is answered, the
 * tasks created and the tasks ended since the last read are asked of the engine (a few rows,
 * two indexed searches), so the list itself is one SQL query over our database. Reads race
 * freely: an ended task's mark wins over a slower read that saw it open. The first read, and
 * a read after the business clock was moved back, reads the whole open queue once.
 */
import type { CamundaRestClient } from '@camunda8/sdk';
import { todayInChina } from '../../domain/calendar-date';
import { WORKING_DAY_LIMITS, addWorkingDays, warningFrom } from '../../domain/working-days';
import {
  QueuedTask,
  addOpenTasks,
  dropEndedBefore,
  markEnded,
  markEndedByKey,
  openKeysMissingFrom,
  readSyncedTo,
  writeSyncedTo,
} from '../../repositories/task-queue';
import type { UseCaseContext } from './context';
import { engineOf } from './process-start';
import { EngineTask, actorOf } from './task-view';

/**
 * An engine command stamps its task before it commits; one still uncommitted when a read ran
 * is found by the next, which looks back this far from the time of the read.
 */
const COMMIT_LAG_MS = 30_000;
/** Ended marks are kept this long, far beyond any read that could still race them. */
const KEEP_ENDED_MS = 60 * 60_000;

const ENGINE_PAGE = 1000;

type DateField = 'creationDate' | 'completionDate';

/**
 * Every task matching `filter` with `field` ≥ `since`, read in pages keyed on that date (not
 * by offset: tasks that end while the pages are read would shift an offset and skip some).
 */
async function searchSince(
  camunda: CamundaRestClient,
  filter: Record<string, unknown>,
  field: DateField,
  since: Date | null,
): Promise<EngineTask[]> {
  const seen = new Map<string, EngineTask>();
  let after = since?.toISOString();
  let from = 0;
  for (;;) {
    const found = await camunda.searchUserTasks({
      filter: { ...filter, ...(after ? { [field]: { $gte: after } } : {}) },
      sort: [{ field, order: 'ASC' }],
      page: { from, limit: ENGINE_PAGE },
    } as never);
    const items = found.items as unknown as (EngineTask & { completionDate?: string })[];
    for (const t of items) seen.set(String(t.userTaskKey), t);
    if (items.length < ENGINE_PAGE) break;
    const last = items[items.length - 1][field];
    // A full page of one instant cannot move the key forward: step over it by offset.
    if (last === after) from += ENGINE_PAGE;
    else [after, from] = [last, 0];
  }
  return [...seen.values()];
}

/** The row of a task: its due date and first 预警 day fixed by its creation date. */
export function queuedTask(t: EngineTask): QueuedTask {
  const actor = actorOf(t);
  const limitDays = actor ? WORKING_DAY_LIMITS[actor] : null;
  const created = t.creationDate ? new Date(t.creationDate) : new Date(0);
  const dueDate = limitDays === null ? null : addWorkingDays(todayInChina(created), limitDays);
  return {
    taskKey: String(t.userTaskKey),
    processInstanceKey: String(t.processInstanceKey),
    processId: t.processDefinitionId,
    elementId: t.elementId,
    candidateGroups: t.candidateGroups ?? [],
    createdAt: created,
    limitDays,
    dueDate,
    warnFrom: dueDate === null ? null : warningFrom(dueDate),
  };
}

const latest = (tasks: readonly { creationDate?: string; completionDate?: string }[]) =>
  tasks.reduce((max, t) => {
    for (const d of [t.creationDate, t.completionDate])
      if (d && new Date(d).getTime() > max) max = new Date(d).getTime();
    return max;
  }, 0);

/** Brings task_queue up to what the engine has now. */
export async function syncTaskQueue(ctx: UseCaseContext): Promise<void> {
  const camunda = engineOf(ctx);
  const syncedTo = await readSyncedTo(ctx.db);
  const now = await ctx.now();
  // The mark is never after "now" unless the clock was moved back: then read everything.
  const full = syncedTo === null || now.getTime() < syncedTo.getTime();
  const since = full ? null : syncedTo;
  // Both at once: a task that ends between the two reads is missed by both, but the next read
  // finds its end (the mark below stays before it), and a page shown checks each task anyway.
  const [open, ended] = await Promise.all([
    searchSince(camunda, { state: 'CREATED' }, 'creationDate', since),
    full
      ? []
      : searchSince(
          camunda,
          { state: { $in: ['COMPLETED', 'CANCELED'] } },
          'completionDate',
          since,
        ),
  ]);
  await addOpenTasks(ctx.db, open.map(queuedTask));
  await markEnded(
    ctx.db,
    ended.map((t) => ({
      task: queuedTask(t),
      endedAt: new Date((t as { completionDate?: string }).completionDate ?? now),
    })),
  );
  const newest = latest([...open, ...ended]);
  if (full) {
    // What the queue holds open but the engine did not answer as open has ended meanwhile.
    const gone = await openKeysMissingFrom(
      ctx.db,
      new Set(open.map((t) => String(t.userTaskKey))),
      new Date(newest || now.getTime()),
    );
    await markEndedByKey(ctx.db, gone, now);
  }
  // Everything stamped before the read began, less the commit lag, has been seen; and the mark
  // never passes the engine's own stamps (its clock, not ours, stamps the tasks).
  const mark = Math.min(now.getTime() - COMMIT_LAG_MS, newest || Infinity);
  if (Number.isFinite(mark) && (full || newest > 0))
    await writeSyncedTo(ctx.db, new Date(mark), full);
  if (ended.length > 0) await dropEndedBefore(ctx.db, new Date(now.getTime() - KEEP_ENDED_MS));
}

/**
 * The tasks of these keys as the engine has them now (one search): a page of the queue is
 * shown with the engine's current assignee, and a task the engine has ended meanwhile is
 * marked ended and left out.
 */
export async function currentTasks(
  ctx: UseCaseContext,
  keys: readonly string[],
): Promise<Map<string, EngineTask>> {
  const current = new Map<string, EngineTask>();
  if (keys.length === 0) return current;
  const found = await engineOf(ctx).searchUserTasks({
    filter: { userTaskKey: { $in: [...keys] } },
    page: { from: 0, limit: keys.length },
  } as never);
  for (const t of found.items as unknown as EngineTask[])
    if (t.state === 'CREATED') current.set(String(t.userTaskKey), t);
  const gone = keys.filter((k) => !current.has(k));
  await markEndedByKey(ctx.db, gone, await ctx.now());
  return current;
}
