/**
 * The Camunda form of a user task (the diagram's `zeebe:formDefinition`), read from the engine
 * as Camunda's Tasklist reads it, so the page renders with form-js exactly what the analyst
 * deployed; a task without a linked form answers `schema: null`.
 */
import { findApplicationByProcessInstance } from '../../repositories/applications';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';
import { engineOf } from './process-start';
import { visibleTask } from './tasks';

interface EngineForm {
  formId?: string;
  schema?: unknown;
}

export async function taskFormFor(ctx: UseCaseContext, principal: Principal, key: string) {
  const task = await visibleTask(ctx, principal, key);
  // Camunda 8.8: GET /v2/user-tasks/{key}/form — 200 with the form, 204 without one. The
  // SDK's REST client has no method for it; its generic call reaches the same documented
  // endpoint on the embedded engine and on a cluster. Read raw: the 204 has no body.
  const raw = await engineOf(ctx).callApiEndpoint({
    urlPath: `user-tasks/${key}/form`,
    method: 'GET',
    json: false,
  });
  const form: EngineForm = raw ? (JSON.parse(String(raw)) as EngineForm) : {};
  const application = await findApplicationByProcessInstance(
    ctx.db,
    String(task.processInstanceKey),
  );
  const schema =
    form.schema && typeof form.schema === 'object'
      ? form.schema
      : typeof form.schema === 'string'
        ? JSON.parse(form.schema)
        : null;
  return {
    formId: form.formId ?? null,
    schema,
    // The variables our forms show (review-decision: 办件编号); the decision itself is entered.
    variables: application ? { applicationId: application.id } : {},
  };
}
