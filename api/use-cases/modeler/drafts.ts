/** Drafts of the modeler (issue 11): saved with a comment, listed, read back to diff or restore. */
import { recordAudit } from '../../../repositories/audit-log';
import { Draft, DraftSummary, findDraft, insertDraft } from '../../../repositories/process-drafts';
import { AppError } from '../../app-error';
import { notFound } from '../../auth/policy';
import type { Principal } from '../../auth/principal';
import type { UseCaseContext } from '../context';
import { checkDiagram } from './diagram-check';

export interface DiagramInput {
  xml: string;
  /** Form id → form-js schema of the forms edited with the diagram. */
  forms: Record<string, unknown>;
  comment: string;
}

/** 422 unless every form's own `id` is the id it is filed under (the id the tasks link). */
export function checkForms(forms: Record<string, unknown>): void {
  for (const [id, schema] of Object.entries(forms)) {
    const own = (schema as { id?: unknown }).id;
    if (own !== id)
      throw new AppError(
        422,
        'form-id-mismatch',
        `表单“${id}”的编号与其内容中的编号“${String(own)}”不一致`,
      );
  }
}

/** The diagram must be of this process: a draft of new-issue cannot hold another process. */
export async function checkProcessOf(processId: string, xml: string) {
  const checked = await checkDiagram(xml, []);
  if (checked.processIds.length > 0 && !checked.processIds.includes(processId))
    throw new AppError(
      422,
      'process-id-mismatch',
      `图中的流程编号（${checked.processIds.join('、')}）与“${processId}”不一致`,
    );
  return checked;
}

export async function saveDraft(
  ctx: UseCaseContext,
  principal: Principal,
  processId: string,
  input: DiagramInput & { basedOnVersion?: number | null },
): Promise<DraftSummary> {
  checkForms(input.forms);
  const checked = await checkProcessOf(processId, input.xml);
  if (checked.problems.some((p) => p.code === 'not-bpmn'))
    throw new AppError(422, 'not-bpmn', checked.problems[0].message);
  return ctx.db.transaction(async (trx) => {
    const draft = await insertDraft(trx, {
      processId,
      xml: input.xml,
      forms: input.forms,
      comment: input.comment,
      basedOnVersion: input.basedOnVersion ?? null,
      author: { accountId: principal.accountId, username: principal.username },
    });
    await recordAudit(trx, {
      actorAccountId: principal.accountId,
      actor: principal.username,
      action: 'process.draft-save',
      subjectType: 'process',
      subjectId: processId,
      details: { draftId: draft.id, comment: input.comment },
    });
    return draft;
  });
}

export async function getDraft(ctx: UseCaseContext, processId: string, id: string): Promise<Draft> {
  const draft = await findDraft(ctx.db, id);
  if (!draft || draft.processId !== processId) throw notFound('草稿');
  return draft;
}
