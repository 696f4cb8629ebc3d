/**
 * The files a reviewer needs beside the application they decide (issue 10, second slice): the
 * person's ID photo and the labour contract. Authorization: the regulator or the association
 * may open them only for an application that has an open task of their group now (read from
 * the engine, not the queue copy, so a task handed elsewhere or finished a moment ago counts
 * as it is), or that their office (an account of the same role) has decided; every other
 * application answers 404, as if it had no files — nobody can probe which applications exist.
 */
import { findApplicationById, type Application } from '../../repositories/applications';
import { findActiveEmployment, findEmploymentContract } from '../../repositories/employments';
import { AppError } from '../app-error';
import { notFound } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';
import { photoOf } from './photo';
import { engineOf } from './process-start';
import { EngineTask, mayAct } from './task-view';

export type ReviewFile = 'id-photo' | 'labour-contract';

async function hasOpenTaskFor(ctx: UseCaseContext, principal: Principal, a: Application) {
  if (!a.processInstanceKey) return false;
  const found = await engineOf(ctx).searchUserTasks({
    filter: { processInstanceKey: a.processInstanceKey, state: 'CREATED' },
    page: { from: 0, limit: 100 },
  } as never);
  return (found.items as unknown as EngineTask[]).some((t) => mayAct(principal, t));
}

async function decidedByOffice(ctx: UseCaseContext, principal: Principal, applicationId: string) {
  const row = await ctx
    .db('application_events as e')
    .join('accounts as a', 'a.id', 'e.actor_account_id')
    .where({ 'e.application_id': applicationId, 'e.pending': false, 'a.role': principal.role })
    .whereNotNull('e.decision')
    .first('e.id');
  return Boolean(row);
}

/** The application, when the caller may review its files; 404 otherwise. */
async function reviewable(ctx: UseCaseContext, principal: Principal, id: string) {
  const a = await findApplicationById(ctx.db, id);
  if (!a) throw notFound('办件');
  if (!(await decidedByOffice(ctx, principal, id)) && !(await hasOpenTaskFor(ctx, principal, a)))
    throw notFound('办件');
  return a;
}

/** The labour contract: the application's employment, else the person's current one. */
async function contractOf(ctx: UseCaseContext, a: Application) {
  const employmentId =
    a.employmentId ?? (a.personId ? (await findActiveEmployment(ctx.db, a.personId))?.id : null);
  const contract = employmentId ? await findEmploymentContract(ctx.db, String(employmentId)) : null;
  if (!contract?.data) throw notFound('劳动合同');
  return { mime: contract.mime, fileName: contract.fileName, data: contract.data };
}

export async function reviewFile(
  ctx: UseCaseContext,
  principal: Principal,
  id: string,
  file: ReviewFile,
): Promise<{ mime: string; fileName: string; data: Buffer }> {
  const a = await reviewable(ctx, principal, id);
  if (file === 'labour-contract') return contractOf(ctx, a);
  if (!a.personId) throw new AppError(404, 'not-found', '该办件没有从业人员，无证件照');
  const photo = await photoOf(ctx, a.personId);
  return {
    mime: photo.mime,
    fileName: `证件照.${photo.mime === 'image/png' ? 'png' : 'jpg'}`,
    data: photo.data,
  };
}
