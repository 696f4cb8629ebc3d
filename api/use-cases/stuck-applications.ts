/**
 * Every application whose process is gone, cancelled or failed (issue 11 item 3), with its
 * cause and the repairs an operator may take, and the closing repair itself. Two sources:
 * applications still in progress whose instance has an incident, has ended, or is unknown to
 * the engine (one engine search per 1,000 of them); and applications the reconciliation closed
 * because their instance was terminated, until an operator has told the applicant why.
 */
import { AppError } from '../app-error';
import { notFound } from '../auth/policy';
import type { Principal } from '../auth/principal';
import {
  Application,
  accountDisplayName,
  findApplicationById,
} from '../../repositories/applications';
import { recordAudit } from '../../repositories/audit-log';
import { appendTimelineEntry, lastStep } from '../../repositories/timeline-entries';
import { cancelApplication } from './application-cancellation';
import type { UseCaseContext } from './context';
import { engineReads } from './instance-engine';
import { ApplicationRef, applicationRef } from './instance-list';
import { engineOf } from './process-start';
import { openIncidents } from './process-facts';

export type Cause = 'incident' | 'terminated' | 'completed' | 'not-found' | 'closed-unexplained';
export type Repair = 'retry' | 'restart' | 'close' | 'explain';

const CAUSES: Record<Cause, { name: string; repairs: Repair[] }> = {
  incident: { name: '流程异常', repairs: ['retry', 'restart', 'close'] },
  terminated: { name: '流程实例已终止，办件未结束', repairs: ['close'] },
  completed: { name: '流程已结束，办件未办结', repairs: ['close'] },
  'not-found': { name: '流程引擎中找不到流程实例', repairs: ['close'] },
  'closed-unexplained': {
    name: '流程被终止，办件已自动撤销，尚未向申请人说明理由',
    repairs: ['explain'],
  },
};

export interface StuckApplication {
  application: ApplicationRef & { createdAt: string };
  processInstanceKey: string | null;
  cause: Cause;
  causeName: string;
  /** The incident's message and step, or what the engine reports. */
  detail: string | null;
  repairs: Repair[];
}

const BATCH = 1000;
/** A real cluster shows a new instance in searches after a delay: younger ones are not "gone". */
const NOT_FOUND_AFTER_MS = 10 * 60_000;
/** Closed applications awaiting an explanation, newest first, at most. */
const MAX_UNEXPLAINED = 200;

function stuck(a: Application, cause: Cause, detail: string | null): StuckApplication {
  return {
    application: { ...applicationRef(a)!, createdAt: new Date(a.createdAt).toISOString() },
    processInstanceKey: a.processInstanceKey,
    cause,
    causeName: CAUSES[cause].name,
    detail,
    repairs: CAUSES[cause].repairs,
  };
}

const applicationColumns = {
  id: 'id',
  type: 'type',
  state: 'state',
  processInstanceKey: 'process_instance_key',
  createdAt: 'created_at',
  completedAt: 'completed_at',
};

async function inProgressStuck(ctx: UseCaseContext, now: Date): Promise<StuckApplication[]> {
  const camunda = engineOf(ctx);
  const out: StuckApplication[] = [];
  let afterId = '0';
  for (;;) {
    const batch: Application[] = await ctx
      .db('applications')
      .whereNull('completed_at')
      .whereNotNull('process_instance_key')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BATCH)
      .select(applicationColumns);
    if (batch.length === 0) break;
    afterId = String(batch[batch.length - 1].id);
    const keys = batch.map((a) => String(a.processInstanceKey));
    const found = await engineReads(camunda).instances({
      filter: { processInstanceKey: { $in: keys } },
      page: { limit: BATCH },
    });
    const byKey = new Map(found.items.map((i) => [String(i.processInstanceKey), i]));
    const withIncident = found.items.filter((i) => i.hasIncident && i.state === 'ACTIVE');
    const incidents = await openIncidents(
      camunda,
      withIncident.map((i) => String(i.processInstanceKey)),
    );
    for (const a of batch) {
      const i = byKey.get(String(a.processInstanceKey));
      if (!i) {
        if (now.getTime() - new Date(a.createdAt).getTime() > NOT_FOUND_AFTER_MS)
          out.push(stuck(a, 'not-found', null));
      } else if (i.state === 'TERMINATED') out.push(stuck(a, 'terminated', null));
      else if (i.state === 'COMPLETED') out.push(stuck(a, 'completed', null));
      else if (i.hasIncident) {
        const inc = incidents.get(String(a.processInstanceKey));
        out.push(stuck(a, 'incident', inc ? `${inc.elementName}：${inc.message}` : null));
      }
    }
    if (batch.length < BATCH) break;
  }
  return out;
}

/** Applications the reconciliation cancelled whose last timeline entry is still its own. */
async function unexplained(ctx: UseCaseContext): Promise<StuckApplication[]> {
  const rows: Application[] = await ctx
    .db('applications as a')
    .where('a.state', 'cancelled')
    .whereRaw(
      `(select e.step from application_events e where e.application_id = a.id
        order by e.id desc limit 1) = 'instance-terminated'`,
    )
    .orderBy('a.id', 'desc')
    .limit(MAX_UNEXPLAINED)
    .select(applicationColumns);
  return rows.map((a) => stuck(a, 'closed-unexplained', '流程实例已被运维人员终止'));
}

export async function listStuckApplications(ctx: UseCaseContext): Promise<StuckApplication[]> {
  const now = await ctx.now();
  return [...(await inProgressStuck(ctx, now)), ...(await unexplained(ctx))];
}

export interface Closed {
  applicationId: string;
  state: 'cancelled';
  stateName: string;
  /** cancelled: the application was closed now; explained: the reason was added to its end. */
  outcome: 'cancelled' | 'explained';
}

/**
 * Closes the application with a reason its applicant reads: one in progress is cancelled (its
 * instance with it); one the reconciliation cancelled gets the reason on its timeline.
 */
export async function closeApplication(
  ctx: UseCaseContext,
  principal: Principal,
  applicationId: string,
  reason: string,
): Promise<Closed> {
  const application = await findApplicationById(ctx.db, applicationId);
  if (!application) throw notFound('办件');
  if (application.completedAt === null) {
    await cancelApplication(ctx, principal, applicationId, reason);
    return { applicationId, state: 'cancelled', stateName: '已撤销', outcome: 'cancelled' };
  }
  if (
    application.state !== 'cancelled' ||
    (await lastStep(ctx.db, applicationId)) !== 'instance-terminated'
  )
    throw new AppError(409, 'application-ended', '该办件已结束，无需关闭');
  await ctx.db.transaction(async (trx) => {
    await appendTimelineEntry(trx, {
      applicationId,
      step: 'cancellation-explained',
      actorAccountId: principal.accountId,
      actorName: await accountDisplayName(trx, principal.accountId),
      comment: reason.trim(),
    });
    await recordAudit(trx, {
      actorAccountId: principal.accountId,
      actor: principal.username,
      action: 'application.explain-cancellation',
      subjectType: 'application',
      subjectId: applicationId,
      details: { reason: reason.trim() },
    });
  });
  return { applicationId, state: 'cancelled', stateName: '已撤销', outcome: 'explained' };
}
