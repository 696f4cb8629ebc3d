/**
 * 转办 (issue 10): a regulator or association reviewer hands an open task to a named colleague
 * of the same role; the colleague then holds it as if they had claimed it. Recorded on the
 * application's timeline, so the applicant's office can see who took it over and why.
 */
import { findAccountByUsername } from '../../repositories/accounts';
import { findApplicationByProcessInstance } from '../../repositories/applications';
import { AppError } from '../app-error';
import { ROLE_NAMES, notFound } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';
import { engineOf } from './process-start';
import { actorName, taskFor, visibleTask } from './tasks';

/** The timeline step of a reassignment (named in timeline-steps.ts). */
export const REASSIGNED_STEP = 'task-reassigned';

const noColleague = (username: string) =>
  new AppError(422, 'colleague-not-found', `未找到同一部门的可用账号：${username}`, [
    { field: 'username', code: 'colleague-not-found', message: '须为同一部门（角色）的启用账号' },
  ]);

export async function reassignTask(
  ctx: UseCaseContext,
  principal: Principal,
  key: string,
  username: string,
  comment: string | undefined,
) {
  const task = await visibleTask(ctx, principal, key);
  if (task.assignee && task.assignee !== principal.username)
    throw new AppError(409, 'task-claimed', `该任务已由 ${task.assignee} 认领，只有认领人可以转办`);
  const target = await findAccountByUsername(ctx.db, username.trim().toLowerCase());
  if (!target || target.disabled || target.role !== principal.role)
    throw noColleague(username.trim());
  if (target.id === principal.accountId)
    throw new AppError(422, 'reassign-to-self', '不能转办给自己', [
      { field: 'username', code: 'reassign-to-self', message: '请填写另一位同事的用户名' },
    ]);
  const application = await findApplicationByProcessInstance(
    ctx.db,
    String(task.processInstanceKey),
  );
  if (!application) throw notFound('办件');
  await engineOf(ctx).assignUserTask({
    userTaskKey: key,
    assignee: target.username,
    allowOverride: true,
  });
  const to = `${ROLE_NAMES[principal.role]}（${target.username}）`;
  const reason = comment?.trim();
  await ctx.db('application_events').insert({
    application_id: application.id,
    step: REASSIGNED_STEP,
    actor_account_id: principal.accountId,
    actor_name: await actorName(ctx.db, principal),
    comment: `${task.name ?? task.elementId}转办给${to}${reason ? `：${reason}` : ''}`,
  });
  return taskFor(ctx, { ...principal }, key);
}
