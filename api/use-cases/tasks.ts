/**
 * The user tasks of the processes, as a thin layer over the engine (issue 4): a caller sees,
 * claims and completes only the tasks whose candidate groups include one of theirs; completing
 * writes the timeline entry (only the API knows who decided) and passes `{decision, comment}`.
 */
import type { Knex } from 'knex';
import {
  Application,
  addDecisionEvent,
  removeEvent,
  findApplicationByProcessInstance,
} from '../../repositories/applications';
import { findActiveEmployment } from '../../repositories/employments';
import { findEnterpriseById } from '../../repositories/enterprises';
import { findPersonById } from '../../repositories/persons';
import { AppError } from '../app-error';
import { ROLE_NAMES, candidateGroupsOf, notFound } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';
import { conditionsFailed, engineOf } from './process-start';

interface EngineTask {
  userTaskKey: string;
  name?: string | null;
  state: string;
  assignee?: string | null;
  elementId: string;
  candidateGroups?: string[];
  processDefinitionId: string;
  processName?: string | null;
  processInstanceKey: string;
  creationDate?: string;
  formKey?: string | null;
}

function view(t: EngineTask, application: Application | undefined) {
  return {
    key: String(t.userTaskKey),
    name: t.name ?? t.elementId,
    elementId: t.elementId,
    processId: t.processDefinitionId,
    processName: t.processName ?? null,
    processInstanceKey: String(t.processInstanceKey),
    candidateGroups: t.candidateGroups ?? [],
    assignee: t.assignee ?? null,
    createdAt: t.creationDate ?? null,
    application: application
      ? {
          id: application.id,
          type: application.type,
          state: application.state,
          subject: application.subject,
        }
      : null,
  };
}

const mayAct = (principal: Principal, t: EngineTask) => {
  const mine = candidateGroupsOf(principal);
  return t.state === 'CREATED' && (t.candidateGroups ?? []).some((g) => mine.includes(g));
};

/** The open user tasks the caller may act on, oldest first. */
export async function myTasks(ctx: UseCaseContext, principal: Principal) {
  const camunda = engineOf(ctx);
  const groups = candidateGroupsOf(principal);
  if (groups.length === 0) return [];
  const found = await camunda.searchUserTasks({
    filter: { state: 'CREATED', candidateGroup: { $in: groups } },
    sort: [{ field: 'creationDate', order: 'ASC' }],
    page: { limit: 200 },
  } as never);
  const tasks = (found.items as unknown as EngineTask[]).filter((t) => mayAct(principal, t));
  return Promise.all(
    tasks.map(async (t) =>
      view(t, await findApplicationByProcessInstance(ctx.db, String(t.processInstanceKey))),
    ),
  );
}

/** The task when the caller may act on it; 404 otherwise (someone else's or finished). */
async function visibleTask(ctx: UseCaseContext, principal: Principal, key: string) {
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
  return view(
    { ...task, assignee: principal.username },
    await findApplicationByProcessInstance(ctx.db, String(task.processInstanceKey)),
  );
}

/** How the actor appears on the timeline: a person's or enterprise's name, staff by role. */
async function actorName(db: Knex, principal: Principal): Promise<string> {
  if (principal.personId) return (await findPersonById(db, principal.personId))?.name ?? '';
  if (principal.enterpriseId)
    return (await findEnterpriseById(db, principal.enterpriseId))?.name ?? '';
  return `${ROLE_NAMES[principal.role]}（${principal.username}）`;
}

/** Business conditions a decision needs beyond the diagram (processes/README.md). */
async function decisionFailures(db: Knex, application: Application, decision: string) {
  if (application.type === 'employment-proposal' && decision === 'approve') {
    const active = await findActiveEmployment(db, application.personId ?? '');
    if (active)
      return [
        {
          code: 'person-already-employed',
          message: `您已受聘于${active.enterpriseName}，须先解除原聘用关系才能接受新的聘用`,
        },
      ];
  }
  return [];
}

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
  const failures = await decisionFailures(ctx.db, application, decision);
  if (failures.length) throw conditionsFailed(failures);
  const name = await actorName(ctx.db, principal);
  // The entry is written before the engine moves on, so it precedes the workers' entries; if
  // the engine refuses, it is taken back. No transaction stays open across the engine call: the
  // engine may share this connection pool, and connections held while waiting for it starve it.
  const eventId = await addDecisionEvent(ctx.db, {
    applicationId: application.id,
    step: task.elementId,
    actorAccountId: principal.accountId,
    actorName: name,
    decision: decision === 'approve' ? 'approved' : 'rejected',
    comment: text || null,
  });
  try {
    await engineOf(ctx).completeUserTask({
      userTaskKey: key,
      variables: { decision, comment: text },
    });
  } catch (e) {
    await removeEvent(ctx.db, eventId);
    throw e;
  }
  return { key, applicationId: application.id, decision };
}
