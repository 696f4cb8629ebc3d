/**
 * Starting a business process for an application (processes/README.md "Starting"): the rows are
 * committed first, so the workers always find them; then the instance is started and its key
 * stored. When the engine refuses, the rows are removed again and the caller gets 503.
 */
import type { CamundaRestClient } from '@camunda8/sdk';
import type { Knex } from 'knex';
import { deleteApplication, setProcessInstanceKey } from '../../repositories/applications';
import { AppError } from '../app-error';
import type { UseCaseContext } from './context';

/** The engine client, or 503 when the API runs without one. */
export function engineOf(ctx: UseCaseContext): CamundaRestClient {
  if (!ctx.camunda)
    throw new AppError(503, 'engine-unavailable', '流程引擎不可用，暂时无法办理该业务，请稍后重试');
  return ctx.camunda;
}

export interface Started {
  applicationId: string;
  processInstanceKey: string;
}

/**
 * Runs `write` (which inserts the application and whatever it is about, returning the
 * application id and the process variables) in a transaction, then starts `processId`.
 * `undo` removes the rows `write` created besides the application, if the start fails.
 */
export async function startApplication(
  ctx: UseCaseContext,
  processId: string,
  write: (trx: Knex.Transaction) => Promise<{ applicationId: string; variables: object }>,
  undo: (trx: Knex.Transaction) => Promise<void> = async () => undefined,
): Promise<Started> {
  const camunda = engineOf(ctx);
  const { applicationId, variables } = await ctx.db.transaction(write);
  let processInstanceKey: string;
  try {
    const started = await camunda.createProcessInstance({
      processDefinitionId: processId,
      variables: { applicationId, ...variables },
    } as never);
    processInstanceKey = String(started.processInstanceKey);
  } catch (error) {
    console.error(`api: could not start ${processId} for application ${applicationId}`, error);
    await ctx.db.transaction(async (trx) => {
      await deleteApplication(trx, applicationId);
      await undo(trx);
    });
    throw new AppError(503, 'engine-unavailable', '流程引擎暂时无法受理，请稍后重试');
  }
  await setProcessInstanceKey(ctx.db, applicationId, processInstanceKey);
  return { applicationId, processInstanceKey };
}

/** 422 listing every failed business condition; nothing has been written. */
export function conditionsFailed(failures: Array<{ code: string; message: string }>): AppError {
  return new AppError(
    422,
    'conditions-not-met',
    `不满足办理条件：${failures.map((f) => f.message).join('；')}`,
    failures.map((f) => ({ field: '', code: f.code, message: f.message })),
  );
}
