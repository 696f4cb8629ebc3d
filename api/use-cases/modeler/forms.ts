import { deployedDraftForms } from '../../../repositories/process-drafts';
import type { UseCaseContext } from '../context';
import { processForms } from './process-contract';

/**
 * The forms as the engine's latest versions are: those of processes/, replaced by the forms of
 * the newest deployment from the modeler that carried each (form ids are global in the engine).
 */
export async function currentForms(ctx: UseCaseContext): Promise<Record<string, unknown>> {
  const forms = processForms();
  const deployed = await deployedDraftForms(ctx.db);
  for (const set of deployed.reverse()) Object.assign(forms, set);
  return forms;
}
