/**
 * Batch retry and batch cancel over the list's filter (issue 11 item 3), a result per
 * instance: one that fails (ended meanwhile, engine refused) does not stop the others. At most
 * MAX_BATCH instances per call; a larger selection is refused before anything is done, so the
 * operator narrows the filter instead of acting on an unknown remainder.
 */
import { AppError } from '../app-error';
import { engineProblem } from '../engine-errors';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';
import { engineReads } from './instance-engine';
import { InstanceFilter, engineFilterOf } from './instance-list';
import { cancelInstance, retryInstance } from './instance-repair';
import { engineOf } from './process-start';

export const MAX_BATCH = 500;
/** Instances handled at once: the engine and the pool are shared with everyone else. */
const PARALLEL = 4;

export interface BatchResult {
  processInstanceKey: string;
  ok: boolean;
  code: string;
  message: string;
}

export interface BatchReport {
  total: number;
  succeeded: number;
  failed: number;
  results: BatchResult[];
}

async function selected(ctx: UseCaseContext, filter: InstanceFilter, extra: object) {
  const f = await engineFilterOf(ctx, filter);
  if (!f) return [];
  const found = await engineReads(engineOf(ctx)).instances({
    filter: { ...f, ...extra },
    sort: [{ field: 'processInstanceKey', order: 'ASC' }],
    page: { limit: MAX_BATCH + 1 },
  });
  if (found.total > MAX_BATCH)
    throw new AppError(
      422,
      'batch-too-large',
      `筛选出 ${found.total} 个流程实例，超过单次批量处理上限 ${MAX_BATCH} 个，请缩小筛选范围`,
    );
  return found.items.map((i) => String(i.processInstanceKey));
}

export async function runEach(
  keys: string[],
  act: (key: string) => Promise<string>,
): Promise<BatchReport> {
  const results: BatchResult[] = new Array(keys.length);
  let next = 0;
  const lane = async () => {
    while (next < keys.length) {
      const i = next++;
      try {
        results[i] = {
          processInstanceKey: keys[i],
          ok: true,
          code: 'ok',
          message: await act(keys[i]),
        };
      } catch (e) {
        // An engine's refusal (ended meanwhile, gone) is this instance's result, not the batch's.
        const p = e instanceof AppError ? e : engineProblem(e);
        if (!p) throw e;
        results[i] = { processInstanceKey: keys[i], ok: false, code: p.code, message: p.detail };
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  const succeeded = results.filter((r) => r.ok).length;
  return { total: keys.length, succeeded, failed: keys.length - succeeded, results };
}

/** Retries the open incidents of every running instance with an incident the filter selects. */
export async function batchRetry(
  ctx: UseCaseContext,
  principal: Principal,
  filter: InstanceFilter,
): Promise<BatchReport> {
  const keys = await selected(ctx, filter, { state: 'ACTIVE', hasIncident: true });
  return runEach(keys, async (key) => {
    const r = await retryInstance(ctx, principal, key);
    return `已重试 ${r.retried} 个异常`;
  });
}

/** Cancels every running instance the filter selects, each application closed with `reason`. */
export async function batchCancel(
  ctx: UseCaseContext,
  principal: Principal,
  filter: InstanceFilter,
  reason: string,
): Promise<BatchReport> {
  const keys = await selected(ctx, filter, { state: 'ACTIVE' });
  return runEach(keys, async (key) => {
    const r = await cancelInstance(ctx, principal, key, reason);
    return r.applicationId ? `已终止，办件 ${r.applicationId} 已撤销` : '已终止';
  });
}
