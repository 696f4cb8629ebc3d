/**
 * The user tasks of the processes, as a thin layer over the engine (issue 4): a caller sees,
 * claims and completes only the tasks whose candidate groups include one of theirs; completing
 * writes the timeline entry (only the API knows who decided) and passes `{decision, comment}`.
 */
import type { Knex } from 'knex';
import {
  Application,
  findApplicationByProcessInstance,
  lockLiveApplication,
} from '../../repositories/applications';
import { todayInChina } from '../../domain/calendar-date';
import {
  confirmDecision,
  reserveConsent,
  takeBackDecision,
  writePendingDecision,
} from '../../repositories/decisions';
import { findActiveEmployment } from '../../repositories/employments';
import { findEnterpriseById } from '../../repositories/enterprises';
import { findPersonById } from '../../repositories/persons';
import { AppError } from '../app-error';
import { engineStatus } from '../engine-errors';
import { ROLE_NAMES, notFound } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';
import { conditionsFailed, engineOf } from './process-start';
import { EngineTask, mayAct, taskView } from './task-view';

/** The task when the caller may act on it; 404 otherwise (someone else's or finished). */
export async function visibleTask(ctx: UseCaseContext, principal: Principal, key: string) {
  const camunda = engineOf(ctx);
  let task: EngineTask;
  try {
    task = (await camunda.getUserTask(key)) as unknown as EngineTask;
  } catch {
    throw notFound('待办任务');
  }
  if (!mayAct(principal, task)) throw notFound('待办任务');
  return task;
}

function assignedToOther(principal: Principal, task: EngineTask): boolean {
  return Boolean(task.assignee) && task.assignee !== principal.username;
}

async function viewOf(ctx: UseCaseContext, task: EngineTask) {
  return taskView(
    task,
    await findApplicationByProcessInstance(ctx.db, String(task.processInstanceKey)),
    todayInChina(await ctx.now()),
  );
}

/** One open task of the caller, with its application and due date. */
export async function taskFor(ctx: UseCaseContext, principal: Principal, key: string) {
  return viewOf(ctx, await visibleTask(ctx, principal, key));
}

/** Claims the task for the caller (Tasklist's "claim"); another's claim is a conflict. */
export async function claimTask(ctx: UseCaseContext, principal: Principal, key: string) {
  const task = await visibleTask(ctx, principal, key);
  if (assignedToOther(principal, task))
    throw new AppError(409, 'task-claimed', `该任务已由 ${task.assignee} 认领`);
  await engineOf(ctx).assignUserTask({
    userTaskKey: key,
    assignee: principal.username,
    allowOverride: true,
  });
  return viewOf(ctx, { ...task, assignee: principal.username });
}

/** Gives the caller's claim back to the group; another's claim is theirs to give back. */
export async function unclaimTask(ctx: UseCaseContext, principal: Principal, key: string) {
  const task = await visibleTask(ctx, principal, key);
  if (assignedToOther(principal, task))
    throw new AppError(409, 'task-claimed', `该任务已由 ${task.assignee} 认领，只有认领人可以退回`);
  if (task.assignee) await engineOf(ctx).unassignUserTask({ userTaskKey: key });
  return viewOf(ctx, { ...task, assignee: null });
}

/** How the actor appears on the timeline: a person's or enterprise's name, staff by role. */
export async function actorName(db: Knex, principal: Principal): Promise<string> {
  if (principal.personId) return (await findPersonById(db, principal.personId))?.name ?? '';
  if (principal.enterpriseId)
    return (await findEnterpriseById(db, principal.enterpriseId))?.name ?? '';
  return `${ROLE_NAMES[principal.role]}（${principal.username}）`;
}

/** A pending decision older than this belongs to a request that died; see outbox-drainer. */
export const DECISION_STALE_MS = Number(process.env.DECISION_STALE_MS ?? 60_000);

const applicationEnded = () =>
  new AppError(409, 'application-ended', '该办件已结束（已撤回、办结或终止），不能再处理');

const decidedElsewhere = () =>
  new AppError(409, 'task-being-decided', '该任务正在由他人处理或已处理，请刷新后查看');

/** The 422 for a consent while the person holds, or has accepted, another employment. */
async function alreadyEmployed(db: Knex, application: Application) {
  const active = await findActiveEmployment(db, application.personId ?? '');
  return conditionsFailed([
    {
      code: 'person-already-employed',
      message: active
        ? `您已受聘于${active.enterpriseName}，须先解除原聘用关系才能接受新的聘用`
        : '您已同意另一家企业的聘用，不能同时接受两份聘用',
    },
  ]);
}

const isUniqueViolation = (e: unknown, constraint: string) =>
  (e as { code?: string; constraint?: string })?.code === '23505' &&
  (e as { constraint?: string }).constraint === constraint;

/**
 * Completes a user task with the caller's decision, atomically with its effect on our side:
 * the timeline entry (one per task, pending) and, for a consent, the reservation of the person
 * are committed together before the engine is asked; a refusal by the engine takes both back,
 * and a crash in between is repaired by the outbox drainer (stale pending entries). Two
 * concurrent decisions on one task: one wins, the other gets 409. Two consents of one person
 * to two proposals: one wins, the other gets 422 at once.
 */
export async function completeTask(
  ctx: UseCaseContext,
  principal: Principal,
  key: string,
  decision: 'approve' | 'reject',
  comment: string | undefined,
) {
  const text = comment?.trim() ?? '';
  if (decision === 'reject' && text.length < 2)
    throw new AppError(400, 'validation-failed', '不同意时须填写理由', [
      { field: 'comment', code: 'required', message: '不同意时须填写理由（至少2个字）' },
    ]);
  const task = await visibleTask(ctx, principal, key);
  if (assignedToOther(principal, task))
    throw new AppError(409, 'task-claimed', `该任务已由 ${task.assignee} 认领`);
  const application = await findApplicationByProcessInstance(
    ctx.db,
    String(task.processInstanceKey),
  );
  if (!application) throw notFound('办件');
  const name = await actorName(ctx.db, principal);
  const consent =
    application.type === 'employment-proposal' && decision === 'approve'
      ? application.employmentId
      : null;
  let entryId: string;
  try {
    entryId = await ctx.db.transaction(async (trx) => {
      // The application's row is the lock a withdrawal takes too: a decision and a withdrawal
      // of the same application are serialized, and whichever comes second sees the first.
      if (await lockLiveApplication(trx, application.id)) throw applicationEnded();
      const written = await writePendingDecision(
        trx,
        {
          applicationId: application.id,
          taskKey: key,
          step: task.elementId,
          actorAccountId: principal.accountId,
          actorName: name,
          decision: decision === 'approve' ? 'approved' : 'rejected',
          comment: text || null,
        },
        DECISION_STALE_MS,
      );
      if (!written.written) throw decidedElsewhere();
      if (consent && !(await reserveConsent(trx, consent))) throw decidedElsewhere();
      return written.id;
    });
  } catch (e) {
    if (isUniqueViolation(e, 'employments_one_commitment_per_person'))
      throw await alreadyEmployed(ctx.db, application);
    throw e;
  }
  // No transaction stays open across the engine call: the engine may share this pool.
  try {
    await engineOf(ctx).completeUserTask({
      userTaskKey: key,
      variables: { decision, comment: text },
    });
  } catch (e) {
    const status = engineStatus(e);
    // A refusal means the task was not completed: the entry goes. Without an answer the engine
    // may have completed it: the entry stays pending and the recovery loop asks the engine.
    if (status !== undefined && status >= 400 && status < 500)
      await takeBackDecision(ctx.db, entryId);
    else if (status !== undefined)
      throw new AppError(
        503,
        'engine-unavailable',
        '流程引擎暂未答复，您的处理意见已记录，稍后将自动确认；请稍后刷新查看',
      );
    throw e;
  }
  await confirmDecision(ctx.db, entryId);
  return { key, applicationId: application.id, decision };
}
