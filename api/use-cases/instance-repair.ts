/**
 * What an operator does to one process instance (issue 11 item 3), through the SDK only:
 * retry an incident (the job's retries back to one, then the incident resolved), set
 * variables, cancel (the application closed with the reason the applicant reads), and restart
 * at a chosen step (process-instance modification). Every action is audit-logged; those the
 * applicant should know of are on the application's timeline.
 */
import type { Application } from '../../repositories/applications';
import {
  accountDisplayName,
  findApplicationByProcessInstance,
} from '../../repositories/applications';
import { recordAudit } from '../../repositories/audit-log';
import { appendTimelineEntry } from '../../repositories/timeline-entries';
import { AppError } from '../app-error';
import { notFound } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { cancelApplication } from './application-cancellation';
import type { UseCaseContext } from './context';
import { EngineInstance, engineReads } from './instance-engine';
import { engineOf } from './process-start';
import { restartableSteps } from './restart-steps';

const audit = (
  ctx: UseCaseContext,
  principal: Principal,
  action: string,
  key: string,
  details: Record<string, unknown>,
) =>
  recordAudit(ctx.db, {
    actorAccountId: principal.accountId,
    actor: principal.username,
    action,
    subjectType: 'process-instance',
    subjectId: key,
    details,
  });

/** The instance, which must still run: 404 when unknown, 409 when it has ended. */
export async function activeInstance(ctx: UseCaseContext, key: string): Promise<EngineInstance> {
  const instance = await engineReads(engineOf(ctx)).instance(key);
  if (!instance) throw notFound('流程实例');
  if (instance.state !== 'ACTIVE')
    throw new AppError(409, 'instance-ended', '该流程实例已结束，不能再处理');
  return instance;
}

/** The application's id while it is in progress, else undefined. */
const inProgress = (a: Application | undefined): string | undefined =>
  a && a.completedAt === null ? String(a.id) : undefined;

export interface Retried {
  incidentKey: string;
  processInstanceKey: string;
}

/** Gives the incident's job one more try and resolves the incident; the job runs again. */
export async function retryIncident(
  ctx: UseCaseContext,
  principal: Principal,
  incidentKey: string,
): Promise<Retried> {
  const camunda = engineOf(ctx);
  const [incident] = (
    await engineReads(camunda).incidents({
      filter: { incidentKey, state: 'ACTIVE' },
      page: { limit: 1 },
    })
  ).items;
  if (!incident) throw notFound('未解决的流程异常');
  // Camunda's order: first the retries (else the resolved job fails straight back), then resolve.
  if (incident.jobKey) await camunda.updateJob({ jobKey: String(incident.jobKey), retries: 1 });
  await camunda.resolveIncident(incidentKey);
  const processInstanceKey = String(incident.processInstanceKey);
  await audit(ctx, principal, 'process-instance.retry', processInstanceKey, {
    incidentKey,
    elementId: incident.elementId,
    errorMessage: incident.errorMessage,
  });
  return { incidentKey, processInstanceKey };
}

/** Retries every open incident of the instance; 409 when it has none. */
export async function retryInstance(
  ctx: UseCaseContext,
  principal: Principal,
  key: string,
): Promise<{ processInstanceKey: string; retried: number }> {
  await activeInstance(ctx, key);
  const incidents = await engineReads(engineOf(ctx)).incidents({
    filter: { processInstanceKey: key, state: 'ACTIVE' },
    page: { limit: 100 },
  });
  if (incidents.items.length === 0)
    throw new AppError(409, 'no-incident', '该流程实例没有待处理的异常，无需重试');
  for (const i of incidents.items) await retryIncident(ctx, principal, String(i.incidentKey));
  return { processInstanceKey: key, retried: incidents.items.length };
}

/** Sets (creates or overwrites) variables on the instance's own scope. */
export async function setInstanceVariables(
  ctx: UseCaseContext,
  principal: Principal,
  key: string,
  variables: Record<string, unknown>,
): Promise<{ processInstanceKey: string; names: string[] }> {
  await activeInstance(ctx, key);
  await engineOf(ctx).updateElementInstanceVariables({
    elementInstanceKey: key,
    variables: variables as never,
  });
  const names = Object.keys(variables);
  await audit(ctx, principal, 'process-instance.set-variables', key, { variables });
  return { processInstanceKey: key, names };
}

export interface InstanceCancelled {
  processInstanceKey: string;
  applicationId: string | null;
  instanceCancellation: 'done' | 'owed';
}

/**
 * Cancels the instance. One that carries an application in progress is cancelled through the
 * application's cancellation, so the application is closed with `reason` on its timeline (the
 * applicant reads it) and its certificates are freed, exactly as the application route does.
 */
export async function cancelInstance(
  ctx: UseCaseContext,
  principal: Principal,
  key: string,
  reason: string,
): Promise<InstanceCancelled> {
  await activeInstance(ctx, key);
  const application = await findApplicationByProcessInstance(ctx.db, key);
  const open = inProgress(application);
  if (open) {
    const c = await cancelApplication(ctx, principal, open, reason);
    return {
      processInstanceKey: key,
      applicationId: c.applicationId,
      instanceCancellation: c.instanceCancellation,
    };
  }
  await engineOf(ctx).cancelProcessInstance({ processInstanceKey: key });
  await audit(ctx, principal, 'process-instance.cancel', key, { reason: reason.trim() });
  return {
    processInstanceKey: key,
    applicationId: application ? String(application.id) : null,
    instanceCancellation: 'done',
  };
}

/**
 * Restarts the instance at `elementId`: one modification terminates what is active directly
 * in the process (a failed job's element included, which ends its incident) and activates the
 * chosen step. The applicant's timeline says which step is done again, and why.
 */
export async function restartAt(
  ctx: UseCaseContext,
  principal: Principal,
  key: string,
  elementId: string,
  reason: string,
): Promise<{ processInstanceKey: string; elementId: string; stepName: string }> {
  const camunda = engineOf(ctx);
  const instance = await activeInstance(ctx, key);
  const xml = await camunda.getProcessDefinitionXML(String(instance.processDefinitionKey));
  const step = (await restartableSteps(xml, instance.processDefinitionId)).find(
    (s) => s.elementId === elementId,
  );
  if (!step)
    throw new AppError(422, 'not-a-step', '所选环节不能作为重新办理的起点', [
      { field: 'elementId', code: 'not-a-step', message: '请选择流程中的一个办理环节' },
    ]);
  const active = await engineReads(camunda).elements({
    filter: { processInstanceKey: key, elementInstanceScopeKey: key, state: 'ACTIVE' },
    page: { limit: 1000 },
  });
  await camunda.modifyProcessInstance({
    processInstanceKey: key,
    activateInstructions: [{ elementId }],
    terminateInstructions: active.items.map((e) => ({
      elementInstanceKey: String(e.elementInstanceKey),
    })),
  });
  const comment = `自「${step.name}」环节重新办理：${reason.trim()}`;
  const applicationId = inProgress(await findApplicationByProcessInstance(ctx.db, key));
  if (applicationId)
    await appendTimelineEntry(ctx.db, {
      applicationId,
      step: 'process-restarted',
      actorAccountId: principal.accountId,
      actorName: await accountDisplayName(ctx.db, principal.accountId),
      comment,
    });
  await audit(ctx, principal, 'process-instance.restart', key, {
    elementId,
    reason: reason.trim(),
    terminated: active.items.map((e) => e.elementId),
  });
  return { processInstanceKey: key, elementId, stepName: step.name };
}
