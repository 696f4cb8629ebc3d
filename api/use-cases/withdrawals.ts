/**
 * Withdrawal (撤回, SPEC §7.8 [decision]): the applicant takes back an application on which the
 * regulator has not decided yet. In one transaction, under the application's row lock (the lock
 * a decision takes too, so a decision and a withdrawal never both succeed): the application
 * ends `withdrawn` (the database frees its certificate), the timeline says so, the employer that
 * was asked to confirm is told, and the cancellation of the instance is owed in the outbox.
 * Then this request cancels the instance; should the engine not answer, the drainer does.
 */
import { deliverMessage } from '../../repositories/message-delivery';
import { endApplication } from '../../repositories/application-endings';
import {
  ApplicationType,
  findApplicationById,
  lockLiveApplication,
} from '../../repositories/applications';
import { dropOwedStart, enqueueInstanceCancel } from '../../repositories/outbox';
import { AppError } from '../app-error';
import { notFound } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { sendCancel } from './application-cancellation';
import type { UseCaseContext } from './context';
import { START_LEASE_MS } from './process-start';
import { actorName } from './tasks';

/** The businesses an applicant may withdraw: those on certificates and the enterprise rename. */
const WITHDRAWABLE: readonly ApplicationType[] = [
  'work-unit-change',
  'name-change',
  'renewal',
  'cancellation',
  'enterprise-rename',
];

/** The user task whose decision closes the door (SPEC: "until its first decision by the regulator"). */
const REGULATOR_STEP = 'regulator-review';

export async function withdrawApplication(
  ctx: UseCaseContext,
  principal: Principal,
  applicationId: string,
  reason: string | undefined,
) {
  const application = await findApplicationById(ctx.db, applicationId);
  if (!application || application.applicantAccountId !== principal.accountId)
    throw notFound('办件');
  if (!WITHDRAWABLE.includes(application.type))
    throw new AppError(422, 'not-withdrawable', '该类办件不能撤回');
  const name = await actorName(ctx.db, principal);
  const ended = await ctx.db.transaction(async (trx) => {
    if (await lockLiveApplication(trx, applicationId))
      throw new AppError(409, 'application-ended', '该办件已结束，不能撤回');
    const decided = await trx('application_events')
      .where({ application_id: applicationId, step: REGULATOR_STEP })
      .whereNotNull('decision')
      .first('id');
    if (decided) throw new AppError(409, 'already-decided', '主管部门已作出审批决定，不能撤回');
    const asked =
      application.state === 'awaiting-enterprise' ||
      (await trx('application_events')
        .where({ application_id: applicationId, step: 'enterprise-confirm' })
        .first('id'));
    const done = await endApplication(trx, applicationId, {
      state: 'withdrawn',
      step: 'withdrawn',
      actorAccountId: principal.accountId,
      actorName: name,
      comment: reason?.trim() || null,
    });
    if (!done?.ended) throw new AppError(409, 'application-ended', '该办件已结束，不能撤回');
    // The employer was asked to confirm (and may have): it should not wait for, or act on, it.
    if (application.enterpriseId && application.type !== 'enterprise-rename' && asked) {
      await deliverMessage(trx, {
        enterpriseId: application.enterpriseId,
        category: 'application',
        title: '申请人已撤回申请',
        body: `${name}已撤回${String(application.subject.certificateNumber ?? '')}的办件申请，无需再处理。`,
        link: `/api/applications/${applicationId}`,
        applicationId,
        dedupeKey: `withdrawn:${applicationId}:enterprise`,
      });
    }
    // A start not yet sent is dropped; one under way is found and cancelled by the drainer.
    if (!done.processInstanceKey) await dropOwedStart(trx, applicationId);
    await enqueueInstanceCancel(
      trx,
      applicationId,
      { processInstanceKey: done.processInstanceKey },
      START_LEASE_MS,
    );
    return done;
  });
  if (ended.processInstanceKey) await sendCancel(ctx, applicationId, ended.processInstanceKey);
  return { applicationId, state: 'withdrawn' };
}
