/**
 * Starting a business process for an application (processes/README.md "Starting"): the rows
 * and the owed start (outbox) are committed together, so no crash can leave an application
 * without its process; then this request sends the start itself and records the instance key.
 * A crash or an unanswered call leaves the start to the outbox drainer, which first looks for
 * an instance the engine may already have created, so a start never makes two instances. When
 * the engine refuses the start outright, the rows are removed again and the caller gets 503.
 */
import type { CamundaRestClient } from '@camunda8/sdk';
import type { Knex } from 'knex';
import { deleteApplication } from '../../repositories/applications';
import {
  enqueueProcessStart,
  recordProcessStarted,
  releaseLease,
  startsInFlight,
} from '../../repositories/outbox';
import { logger } from '../../log/logger';
import { AppError } from '../app-error';
import { engineStatus } from '../engine-errors';
import type { UseCaseContext } from './context';

/** How long the request that wrote a start owns it before a drainer may send it. */
export const START_LEASE_MS = Number(process.env.OUTBOX_LEASE_MS ?? 60_000);

/** The engine client, or 503 when the API runs without one. */
export function engineOf(ctx: UseCaseContext): CamundaRestClient {
  if (!ctx.camunda)
    throw new AppError(503, 'engine-unavailable', '流程引擎不可用，暂时无法办理该业务，请稍后重试');
  return ctx.camunda;
}

export interface Started {
  applicationId: string;
  /** Null while the start is still owed (the engine did not answer in time). */
  processInstanceKey: string | null;
}

/**
 * Runs `write` (which inserts the application and whatever it is about, returning the
 * application id and the process variables) in a transaction with the owed start, then starts
 * `processId`. `undo` removes the rows `write` created besides the application, if the engine
 * refuses the start.
 */
export async function startApplication(
  ctx: UseCaseContext,
  processId: string,
  write: (trx: Knex.Transaction) => Promise<{ applicationId: string; variables: object }>,
  undo: (trx: Knex.Transaction) => Promise<void> = async () => undefined,
): Promise<Started> {
  const camunda = engineOf(ctx);
  const { applicationId, variables } = await ctx.db.transaction(async (trx) => {
    const written = await write(trx);
    const start = { applicationId: written.applicationId, ...written.variables };
    await enqueueProcessStart(
      trx,
      written.applicationId,
      { processId, variables: start },
      START_LEASE_MS,
    );
    return { applicationId: written.applicationId, variables: start };
  });
  startsInFlight.add(applicationId);
  try {
    const started = await camunda.createProcessInstance({
      processDefinitionId: processId,
      variables,
    } as never);
    const processInstanceKey = String(started.processInstanceKey);
    await recordProcessStarted(ctx.db, applicationId, processInstanceKey);
    return { applicationId, processInstanceKey };
  } catch (error) {
    const status = engineStatus(error);
    logger.warn({ err: error, applicationId, processId }, 'api: could not start the process');
    if (status !== undefined && status >= 400 && status < 500) {
      // A definite "no" (the diagram is not deployed, say): nothing was started, nothing owed.
      await ctx.db.transaction(async (trx) => {
        await deleteApplication(trx, applicationId);
        await undo(trx);
      });
      throw new AppError(503, 'engine-unavailable', '流程引擎暂时无法受理，请稍后重试');
    }
    // No answer: the engine may or may not have started it. The drainer finds out and
    // finishes the start; the application is accepted.
    await releaseLease(ctx.db, applicationId, String((error as Error)?.message ?? error));
    return { applicationId, processInstanceKey: null };
  } finally {
    startsInFlight.delete(applicationId);
  }
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
