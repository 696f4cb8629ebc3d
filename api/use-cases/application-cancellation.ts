/**
 * An operator ends an application whose process cannot go on (issue 8 item 7): the
 * application is `cancelled` (已撤销) with a timeline entry, its certificates are freed (the
 * trigger of migration 014) and the instance cancellation is owed (outbox), all in one
 * transaction; then this request tells the engine itself. A crash or an unanswered call leaves
 * the cancellation to the outbox drainer; the engine's 404 means the instance is gone already.
 */
import { accountDisplayName } from '../../repositories/applications';
import { endApplication } from '../../repositories/application-endings';
import { recordAudit } from '../../repositories/audit-log';
import {
  dropOwedStart,
  enqueueInstanceCancel,
  owesInstanceCancel,
  recordInstanceCancelled,
  releaseLease,
} from '../../repositories/outbox';
import { logger } from '../../log/logger';
import { AppError } from '../app-error';
import { notFound } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { engineStatus } from '../engine-errors';
import type { UseCaseContext } from './context';
import { START_LEASE_MS } from './process-start';

export interface Cancelled {
  applicationId: string;
  state: 'cancelled';
  stateName: string;
  /** `done`: the engine has no running instance for it; `owed`: the drainer will cancel it. */
  instanceCancellation: 'done' | 'owed';
}

/** Asks the engine to cancel; true when the instance is gone (cancelled now, or before: 404). */
export async function sendCancel(ctx: UseCaseContext, applicationId: string, key: string) {
  if (!ctx.camunda) return false;
  try {
    await ctx.camunda.cancelProcessInstance({ processInstanceKey: key });
  } catch (error) {
    if (engineStatus(error) !== 404) {
      logger.warn({ err: error, applicationId }, 'api: could not cancel the process instance');
      await releaseLease(
        ctx.db,
        applicationId,
        String((error as Error)?.message ?? error),
        'cancel-instance',
      );
      return false;
    }
  }
  await recordInstanceCancelled(ctx.db, applicationId);
  return true;
}

/** Cancels the application (admin); a second call on a cancelled one answers the same. */
export async function cancelApplication(
  ctx: UseCaseContext,
  principal: Principal,
  applicationId: string,
  reason: string,
): Promise<Cancelled> {
  const comment = reason.trim();
  const actorName = await accountDisplayName(ctx.db, principal.accountId);
  const outcome = await ctx.db.transaction(async (trx) => {
    const ended = await endApplication(trx, applicationId, {
      state: 'cancelled',
      step: 'cancelled',
      actorAccountId: principal.accountId,
      actorName,
      comment,
    });
    if (!ended) throw notFound('办件');
    if (!ended.ended) {
      if (ended.state === 'cancelled') return ended;
      throw new AppError(409, 'application-ended', '该办件已结束，无需撤销');
    }
    // A start not yet sent is dropped. One already under way records its key meanwhile, so
    // without a key the cancellation waits out the lease, then looks the instance up.
    if (!ended.processInstanceKey) await dropOwedStart(trx, applicationId);
    await enqueueInstanceCancel(
      trx,
      applicationId,
      { processInstanceKey: ended.processInstanceKey },
      START_LEASE_MS,
    );
    await recordAudit(trx, {
      actorAccountId: principal.accountId,
      actor: principal.username,
      action: 'application.cancel',
      subjectType: 'application',
      subjectId: applicationId,
      details: { reason: comment, processInstanceKey: ended.processInstanceKey },
    });
    return ended;
  });
  const gone =
    outcome.ended && outcome.processInstanceKey
      ? await sendCancel(ctx, applicationId, outcome.processInstanceKey)
      : !(await owesInstanceCancel(ctx.db, applicationId));
  return {
    applicationId,
    state: 'cancelled',
    stateName: '已撤销',
    instanceCancellation: gone ? 'done' : 'owed',
  };
}
