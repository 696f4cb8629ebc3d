/**
 * 待办 and 已办 (issue 10): the caller's open tasks filtered, sorted and paged on the server,
 * and the tasks the caller decided. The engine knows the tasks, our database the applications
 * they decide: the open tasks are copied into task_queue (kept in step by task-queue.ts) and
 * filtered, sorted and paged there in one SQL query joined with the applications; the page
 * shown is read again from the engine by key, so it is never stale.
 */
import {
  findApplicationById,
  findApplicationsByProcessInstances,
} from '../../repositories/applications';
import { listDecidedTasks } from '../../repositories/decided-tasks';
import { todayInChina } from '../../domain/calendar-date';
import { pageOfQueue } from '../../repositories/task-queue';
import { candidateGroupsOf } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { DoneListQuery, MAX_PAGE_SIZE, TaskListQuery } from '../schemas/tasks';
import { AppError } from '../app-error';
import type { UseCaseContext } from './context';
import { instanceElementNames, tolerant } from './process-facts';
import { currentTasks, syncTaskQueue } from './task-queue';
import { applicationOfTask, mayAct, taskView } from './task-view';
import { stepName } from './timeline-steps';

export function pageOf(query: { page?: string; pageSize?: string }) {
  const page = Number(query.page ?? 1);
  const pageSize = Number(query.pageSize ?? 20);
  if (pageSize > MAX_PAGE_SIZE)
    throw new AppError(400, 'validation-failed', `每页条数不能超过${MAX_PAGE_SIZE}`, [
      { field: 'pageSize', code: 'range', message: `每页条数应为1至${MAX_PAGE_SIZE}` },
    ]);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** The caller's groups and "today", after bringing the queue up to the engine. */
export async function queueFilter(
  ctx: UseCaseContext,
  principal: Principal,
  query: TaskListQuery = {},
) {
  await syncTaskQueue(ctx);
  const { type, applicationId, applicant, certificateNumber, submittedFrom, submittedTo, due } =
    query;
  return {
    groups: candidateGroupsOf(principal),
    today: todayInChina(await ctx.now()),
    ...{ type, applicationId, applicant, certificateNumber, submittedFrom, submittedTo, due },
  };
}

/** The caller's 待办: only tasks they may act on, filtered, sorted and paged in one query. */
export async function myTasks(ctx: UseCaseContext, principal: Principal, query: TaskListQuery) {
  const { page, pageSize, offset } = pageOf(query);
  const filter = await queueFilter(ctx, principal, query);
  if (filter.groups.length === 0) return { items: [], total: 0, page, pageSize };
  const { keys, total } = await pageOfQueue(
    ctx.db,
    filter,
    query.sort ?? 'created',
    query.order ?? 'asc',
    { offset, limit: pageSize },
  );
  const current = await currentTasks(ctx, keys);
  const tasks = keys.flatMap((k) => {
    const t = current.get(k);
    return t && mayAct(principal, t) ? [t] : [];
  });
  const applications = await findApplicationsByProcessInstances(
    ctx.db,
    tasks.map((t) => String(t.processInstanceKey)),
  );
  const items = tasks.map((t) =>
    taskView(t, applications.get(String(t.processInstanceKey)), filter.today),
  );
  return { items, total: total - (keys.length - items.length), page, pageSize };
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
