/** Rows of the engine's runtime state as the executor holds them in memory during a command. */

export type ElementState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface ElementData {
  /** Parallel/inclusive joins waiting in this scope: gateway id → flow id → tokens. */
  joins?: Record<string, Record<string, number>>;
  /** Flows chosen by a gateway, taken on completion. */
  take?: string[];
  /** What to retry when this element's incident is resolved. */
  retry?: 'activate' | 'complete';
  /** Multi-instance body bookkeeping. */
  mi?: { items: unknown[]; next: number; done: number; output: unknown[] };
  loopCounter?: number;
  /** Call activity: the child process instance. */
  childInstanceKey?: string;
  /** Boundary timers and subscriptions are open (a retried activation must not reopen them). */
  boundariesOpen?: boolean;
  /** A scope's event subprocess timers and subscriptions are open (see event-sub-process.ts). */
  eventSubProcessesOpen?: boolean;
  /** An interrupting event subprocess of this scope was triggered: no other one can be. */
  interrupted?: boolean;
}

export interface ElementInstance {
  key: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementName: string | null;
  type: string;
  state: ElementState;
  flowScopeKey: string | null;
  startDate: Date;
  endDate: Date | null;
  incidentKey: string | null;
  data: ElementData;
  tenantId: string;
}

export interface ProcessInstance {
  key: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  state: ElementState;
  startDate: Date;
  endDate: Date | null;
  parentProcessInstanceKey: string | null;
  parentElementInstanceKey: string | null;
  hasIncident: boolean;
  tenantId: string;
  /** Revision read with the instance; null for an instance created by this command. */
  rev: number | null;
}

export interface VariableRow {
  key: string;
  scopeKey: string;
  processInstanceKey: string;
  name: string;
  /** JSON text, as stored and as returned by the REST API. */
  value: string;
  tenantId: string;
}

export interface JobRow {
  key: string;
  type: string;
  state: string;
  retries: number;
  deadline: Date | null;
  retry_at: Date | null;
  worker: string | null;
  error_message: string | null;
  process_instance_key: string;
  element_instance_key: string;
  process_definition_key: string;
  bpmn_process_id: string;
  version: number;
  element_id: string;
  custom_headers: Record<string, string>;
  tenant_id: string;
}
