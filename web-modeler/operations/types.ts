/** The shapes of the operations routes' answers (see /openapi.json, tag 运维). */

export interface ApplicationRef {
  id: string;
  type: string;
  typeName: string;
  state: string;
  stateName: string;
}

export interface InstanceRow {
  processInstanceKey: string;
  processDefinitionKey: string;
  processId: string;
  processName: string;
  version: number;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  stateName: string;
  hasIncident: boolean;
  startDate: string;
  endDate: string | null;
  application: ApplicationRef | null;
}

export interface ElementRow {
  elementInstanceKey: string;
  elementId: string;
  elementName: string;
  type: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startDate: string;
  endDate: string | null;
  incidentKey: string | null;
}

export interface IncidentRow {
  incidentKey: string;
  elementId: string;
  elementName: string;
  errorType: string;
  message: string;
  since: string;
  jobKey: string | null;
}

export interface VariableRow {
  name: string;
  value: string;
  truncated: boolean;
}

export interface InstanceDetail extends InstanceRow {
  xml: string;
  elements: ElementRow[];
  activeCounts: Record<string, number>;
  incidents: IncidentRow[];
  variables: VariableRow[];
  restartableSteps: Array<{ elementId: string; name: string }>;
}

export interface DeployedProcess {
  processId: string;
  name: string;
  versions: number[];
}

export interface BatchReport {
  total: number;
  succeeded: number;
  failed: number;
  results: Array<{ processInstanceKey: string; ok: boolean; code: string; message: string }>;
}

export type Repair = 'retry' | 'restart' | 'close' | 'explain';

export interface StuckApplication {
  application: ApplicationRef & { createdAt: string };
  processInstanceKey: string | null;
  cause: string;
  causeName: string;
  detail: string | null;
  repairs: Repair[];
}

export interface MigrationPlan {
  sourceProcessDefinitionKey: string;
  targetProcessDefinitionKey: string;
  waiting: Array<{
    elementId: string;
    name: string;
    type: string;
    count: number;
    proposedTarget: string | null;
  }>;
  targets: Array<{ elementId: string; name: string }>;
  instances: string[];
  totalInstances: number;
}
