import { publishDataChanged } from '../../workers/runtime/data-changed';
import type { UseCaseContext } from './context';

/**
 * Tells the waiting new-issue applications of these persons or enterprises that their data
 * changed (processes/README.md, "Waiting"), so they re-check now rather than at the daily
 * re-check. Best effort and a no-op without an engine: the daily re-check still comes.
 */
export async function notifyDataChanged(
  ctx: UseCaseContext,
  changed: { personIds?: string[]; enterpriseIds?: string[] },
): Promise<void> {
  if (!ctx.camunda) return;
  await publishDataChanged(ctx.db, ctx.camunda, changed, console);
}
