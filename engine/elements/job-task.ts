import type { Behaviour } from './behaviour';
import { evaluateString, evaluateValue, FeelError } from '../feel/feel';
import { visibleVariables } from '../runtime/variables';

/**
 * Service, send, business-rule and script tasks with `zeebe:taskDefinition`: the element waits
 * for a job worker. The job is created ACTIVATABLE; the insert trigger wakes long polls.
 */
export const jobTask: Behaviour = {
  activate(cmd, ei, node) {
    const vars = visibleVariables(cmd, ei.key);
    const type = evaluateString(node.taskType!, vars);
    const retriesValue = node.retries === undefined ? 3 : Number(evaluateValue(node.retries, vars));
    if (!Number.isInteger(retriesValue))
      throw new FeelError(`Expected retries of '${node.id}' to be a number`);
    const pi = cmd.instance(ei.processInstanceKey);
    cmd.insert('engine_jobs', {
      key: cmd.key(),
      type,
      state: 'ACTIVATABLE',
      retries: retriesValue,
      process_instance_key: pi.key,
      element_instance_key: ei.key,
      process_definition_key: pi.processDefinitionKey,
      bpmn_process_id: pi.bpmnProcessId,
      version: pi.version,
      element_id: ei.elementId,
      custom_headers: JSON.stringify(node.headers),
      tenant_id: pi.tenantId,
    });
  },
};
