import type { Command } from './command';
import type { ElementInstance } from './types';

/** Creates an ACTIVE incident on an element instance; the element waits until resolution. */
export function raiseIncident(
  cmd: Command,
  ei: ElementInstance,
  errorType: string,
  errorMessage: string,
  options: { jobKey?: string; retry?: 'activate' | 'complete' } = {},
): string {
  const key = cmd.key();
  const pi = cmd.instance(ei.processInstanceKey);
  cmd.insert('engine_incidents', {
    key,
    process_instance_key: pi.key,
    process_definition_key: pi.processDefinitionKey,
    bpmn_process_id: pi.bpmnProcessId,
    element_id: ei.elementId,
    element_instance_key: ei.key,
    job_key: options.jobKey ?? null,
    error_type: errorType,
    error_message: errorMessage,
    state: 'ACTIVE',
    creation_time: cmd.now,
    tenant_id: pi.tenantId,
  });
  ei.incidentKey = key;
  if (options.retry) ei.data.retry = options.retry;
  cmd.touchElement(ei);
  pi.hasIncident = true;
  return key;
}
