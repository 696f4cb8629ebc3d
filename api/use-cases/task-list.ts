/**
 * 待办 and 已办 (issue 10): the caller's open tasks filtered, sorted and paged on the server,
 * and the tasks the caller decided. The engine knows the tasks, our database the applications
 * they decide: the open tasks of the caller's groups are read from the engine (they are a
 * working queue, thousands at most), joined with their applications in one query, and
 * filtered, sorted and paged here.
 */
import {
  findApplicationById,
  findApplicationsByProcessInstances,
} from '../../repositories/applications';
import { listDecidedTasks } from '../../repositories/decided-tasks';
import { compareDates, todayInChina } from '../../domain/calendar-date';
import { candidateGroupsOf } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { DoneListQuery, MAX_PAGE_SIZE, TaskListQuery } from '../schemas/tasks';
import { AppError } from '../app-error';
import type { UseCaseContext } from './context';
import { engineOf } from './process-start';
import { instanceElementNames, tolerant } from './process-facts';
import { EngineTask, TaskView, applicationOfTask, mayAct, taskView } from './task-view';
import { stepName } from './timeline-steps';

/** The engine's largest page; a queue longer than MAX_OPEN_TASKS is read up to it. */
const ENGINE_PAGE = 1000;
const MAX_OPEN_TASKS = 20_000;

/** Every open task of the caller's candidate groups, oldest first. */
export async function openTasksOf(ctx: UseCaseContext, principal: Principal) {
  const groups = candidateGroupsOf(principal);
  if (groups.length === 0) return [];
  const camunda = engineOf(ctx);
  const tasks: EngineTask[] = [];
  for (let from = 0; from < MAX_OPEN_TASKS; from += ENGINE_PAGE) {
    const found = await camunda.searchUserTasks({
      filter: { state: 'CREATED', candidateGroup: { $in: groups } },
      sort: [{ field: 'creationDate', order: 'ASC' }],
      page: { from, limit: ENGINE_PAGE },
    } as never);
    const items = found.items as unknown as EngineTask[];
    tasks.push(...items.filter((t) => mayAct(principal, t)));
    if (items.length < ENGINE_PAGE) break;
  }
  return tasks;
}

/** Views of engine tasks with their applications (one query) and due dates. */
export async function viewsOf(ctx: UseCaseContext, tasks: readonly EngineTask[]) {
  const applications = await findApplicationsByProcessInstances(
    ctx.db,
    tasks.map((t) => String(t.processInstanceKey)),
  );
  const today = todayInChina(await ctx.now());
  return tasks.map((t) => taskView(t, applications.get(String(t.processInstanceKey)), today));
}

export function pageOf(query: { page?: string; pageSize?: string }) {
  const page = Number(query.page ?? 1);
  const pageSize = Number(query.pageSize ?? 20);
  if (pageSize > MAX_PAGE_SIZE)
    throw new AppError(400, 'validation-failed', `每页条数不能超过${MAX_PAGE_SIZE}`, [
      { field: 'pageSize', code: 'range', message: `每页条数应为1至${MAX_PAGE_SIZE}` },
    ]);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

const contains = (value: unknown, part: string) =>
  typeof value === 'string' && value.toUpperCase().includes(part.toUpperCase());

function matches(v: TaskView, q: TaskListQuery, chinaDate: (d: Date) => string): boolean {
  const a = v.application;
  if (q.type && a?.type !== q.type) return false;
  if (q.applicationId && a?.id !== q.applicationId) return false;
  if (q.applicant) {
    const s = a?.subject ?? {};
    const fields = [s.personName, s.holderName, s.enterpriseName, s.idNumber, s.creditCode];
    if (!fields.some((f) => contains(f, q.applicant!))) return false;
  }
  if (q.certificateNumber && !contains(a?.certificateNumber, q.certificateNumber)) return false;
  if (q.submittedFrom || q.submittedTo) {
    if (!a) return false;
    const submitted = chinaDate(a.submittedAt);
    if (q.submittedFrom && compareDates(submitted, q.submittedFrom) < 0) return false;
    if (q.submittedTo && compareDates(submitted, q.submittedTo) > 0) return false;
  }
  if (q.due === 'overdue' && !v.overdue) return false;
  if (q.due === 'warning' && !v.warning) return false;
  return true;
}

/** Sort keys as comparable strings; tasks without a due date sort last either way. */
function sortKey(v: TaskView, sort: TaskListQuery['sort']): string | null {
  if (sort === 'due') return v.dueDate;
  if (sort === 'submitted') return v.application ? v.application.submittedAt.toISOString() : null;
  return v.createdAt;
}

/** The caller's 待办: only tasks they may act on, filtered, sorted and paged. */
export async function myTasks(ctx: UseCaseContext, principal: Principal, query: TaskListQuery) {
  const { page, pageSize, offset } = pageOf(query);
  const views = await viewsOf(ctx, await openTasksOf(ctx, principal));
  const chinaDate = (d: Date) => todayInChina(new Date(d));
  const sign = query.order === 'desc' ? -1 : 1;
  // The engine's order (oldest first, then creation sequence) is the tie-break: sort is stable.
  const selected = views
    .filter((v) => matches(v, query, chinaDate))
    .map((v, i) => ({ v, i, k: sortKey(v, query.sort) }))
    .sort((x, y) => {
      if (x.k === y.k) return x.i - y.i;
      if (x.k === null) return 1;
      if (y.k === null) return -1;
      return (x.k < y.k ? -1 : 1) * sign;
    })
    .map((x) => x.v);
  return {
    items: selected.slice(offset, offset + pageSize),
    total: selected.length,
    page,
    pageSize,
  };
}

/** The caller's 已办: every task decision they made, newest first. */
export async function myDecidedTasks(
  ctx: UseCaseContext,
  principal: Principal,
  query: DoneListQuery,
) {
  const { page, pageSize, offset } = pageOf(query);
  const { rows, total } = await listDecidedTasks(ctx.db, principal.accountId, {
    offset,
    limit: pageSize,
  });
  const camunda = ctx.camunda;
  const items = await Promise.all(
    rows.map(async (r) => {
      const application = await findApplicationById(ctx.db, r.applicationId);
      const names =
        camunda && application?.processInstanceKey
          ? await tolerant(
              'element names',
              () => instanceElementNames(camunda, application.processInstanceKey!),
              new Map<string, string>(),
            )
          : new Map<string, string>();
      return {
        taskKey: r.taskKey,
        step: r.step,
        stepName: stepName(r.step, names),
        decision: r.decision,
        comment: r.comment,
        decidedAt: r.decidedAt,
        application: applicationOfTask(application),
      };
    }),
  );
  return { items, total, page, pageSize };
}

/** The regulator's dashboard figures over the caller's open tasks: per business, 预警, 超期. */
export async function myTaskSummary(ctx: UseCaseContext, principal: Principal) {
  const views = await viewsOf(ctx, await openTasksOf(ctx, principal));
  const byType = new Map<
    string,
    { type: string; typeName: string; open: number; warning: number; overdue: number }
  >();
  for (const v of views) {
    const type = v.application?.type ?? 'unknown';
    const row = byType.get(type) ?? {
      type,
      typeName: v.application?.typeName ?? '其他',
      open: 0,
      warning: 0,
      overdue: 0,
    };
    row.open += 1;
    if (v.warning) row.warning += 1;
    if (v.overdue) row.overdue += 1;
    byType.set(type, row);
  }
  const rows = [...byType.values()].sort((a, b) => b.open - a.open);
  return {
    open: views.length,
    warning: rows.reduce((n, r) => n + r.warning, 0),
    overdue: rows.reduce((n, r) => n + r.overdue, 0),
    byType: rows,
  };
}
