import type { ActivatedJob } from '../sql/activate-jobs';
import type { Message } from './calls';

/** A job as the gateway protocol carries it: variables and headers as JSON documents. */
export function activatedJob(j: ActivatedJob): Message {
  return {
    key: j.jobKey,
    type: j.type,
    processInstanceKey: j.processInstanceKey,
    bpmnProcessId: j.processDefinitionId,
    processDefinitionVersion: j.processDefinitionVersion,
    processDefinitionKey: j.processDefinitionKey,
    elementId: j.elementId,
    elementInstanceKey: j.elementInstanceKey,
    customHeaders: JSON.stringify(j.customHeaders ?? {}),
    worker: j.worker,
    retries: j.retries,
    deadline: String(j.deadline),
    variables: JSON.stringify(j.variables),
    tenantId: j.tenantId,
  };
}
