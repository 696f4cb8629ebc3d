/**
 * 批量审核 (issue 10): a regulator approves many exam-result reviews in one action. Each task is
 * decided exactly as on its own (`completeTask`: timeline entry, engine completion, the same
 * checks and conflicts), one after the other, and each gets its own result: one task claimed
 * by a colleague or already decided does not stop the others.
 */
import { AppError } from '../app-error';
import { engineProblem } from '../engine-errors';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';
import { isBatchApprovable } from './task-view';
import { completeTask, visibleTask } from './tasks';

interface ItemResult {
  key: string;
  ok: boolean;
  applicationId: string | null;
  code: string | null;
  message: string | null;
}

async function approveOne(
  ctx: UseCaseContext,
  principal: Principal,
  key: string,
  comment: string | undefined,
): Promise<ItemResult> {
  try {
    const task = await visibleTask(ctx, principal, key);
    if (!isBatchApprovable(task))
      throw new AppError(
        422,
        'not-batch-approvable',
        '只有新发证的考试成绩审核可以批量审核，请逐件办理',
      );
    const done = await completeTask(ctx, principal, key, 'approve', comment);
    return { key, ok: true, applicationId: done.applicationId, code: null, message: null };
  } catch (e) {
    // Business and engine answers per item; anything else (a bug) fails the request.
    const problem = e instanceof AppError ? e : engineProblem(e);
    if (!problem) throw e;
    return { key, ok: false, applicationId: null, code: problem.code, message: problem.detail };
  }
}

export async function batchApprove(
  ctx: UseCaseContext,
  principal: Principal,
  keys: readonly string[],
  comment: string | undefined,
) {
  const results: ItemResult[] = [];
  // Sequential: the engine and the pool are shared with the workers issuing the certificates.
  for (const key of keys) results.push(await approveOne(ctx, principal, key, comment));
  const approved = results.filter((r) => r.ok).length;
  return { results, approved, failed: results.length - approved };
}
