import type { Behaviour } from './behaviour';
import { evaluateList, evaluateString, evaluateValue, FeelError, isExpression } from '../feel/feel';
import { raiseIncident } from '../runtime/incidents';
import { visibleVariables } from '../runtime/variables';

function dateOf(value: string | undefined, vars: Record<string, unknown>): Date | null {
  if (!value) return null;
  const v = isExpression(value) ? evaluateValue(value, vars) : value;
  if (v === null || v === '') return null;
  const d = new Date(String(v));
  if (Number.isNaN(d.getTime()))
    throw new FeelError(`Expected a date and time value for '${value}', but was '${String(v)}'`);
  return d;
}

/**
 * `zeebe:userTask`: creates a user task row (CREATED) with its assignment, form link, schedule
 * and priority; the element waits for completion through the user-task API.
 */
export const userTask: Behaviour = {
  async activate(cmd, ei, node) {
    const def = node.userTask ?? {};
    const vars = visibleVariables(cmd, ei.key);
    const assignee = def.assignee ? evaluateString(def.assignee, vars) || null : null;
    const priority = def.priority === undefined ? 50 : Number(evaluateValue(def.priority, vars));
    let formKey: string | null = null;
    if (def.formId) {
      const formId = evaluateString(def.formId, vars);
      const form = await (
        await cmd.tx()
      )('engine_forms')
        .where({ form_id: formId })
        .orderBy('version', 'desc')
        .first(cmd.db.raw('key::text as key'));
      if (!form) {
        raiseIncident(
          cmd,
          ei,
          'FORM_NOT_FOUND',
          `Expected to find a form with id '${formId}', but no form with this id is found, at least a form with this id should be available.`,
          { retry: 'activate' },
        );
        return;
      }
      formKey = form.key;
    }
    const pi = cmd.instance(ei.processInstanceKey);
    cmd.insert('engine_user_tasks', {
      key: cmd.key(),
      element_instance_key: ei.key,
      process_instance_key: pi.key,
      process_definition_key: pi.processDefinitionKey,
      bpmn_process_id: pi.bpmnProcessId,
      version: pi.version,
      element_id: ei.elementId,
      name: node.name ?? null,
      state: 'CREATED',
      assignee,
      candidate_groups: JSON.stringify(
        def.candidateGroups ? evaluateList(def.candidateGroups, vars) : [],
      ),
      candidate_users: JSON.stringify(
        def.candidateUsers ? evaluateList(def.candidateUsers, vars) : [],
      ),
      due_date: dateOf(def.dueDate, vars),
      follow_up_date: dateOf(def.followUpDate, vars),
      creation_date: cmd.now,
      form_key: formKey,
      external_form_reference: def.externalReference
        ? evaluateString(def.externalReference, vars)
        : null,
      custom_headers: JSON.stringify(node.headers),
      priority: Number.isInteger(priority) ? Math.max(0, Math.min(100, priority)) : 50,
      tenant_id: pi.tenantId,
    });
  },
};
