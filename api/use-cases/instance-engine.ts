/**
 * The operations view's reads of the engine (issue 11 item 3), typed once: the SDK's search
 * types lag the 8.8 REST API (filters such as `$in`, `elementInstanceScopeKey`), so each search
 * is cast here and nowhere else. Keys are strings end to end.
 */
import type { CamundaRestClient } from '@camunda8/sdk';

export interface EngineInstance {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionName: string;
  processDefinitionVersion: number;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  hasIncident: boolean;
  startDate: string;
  endDate?: string;
}

export interface EngineElement {
  elementInstanceKey: string;
  elementId: string;
  elementName: string;
  type: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startDate: string;
  endDate?: string;
  incidentKey?: string;
}

export interface EngineIncident {
  incidentKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  errorType: string;
  errorMessage?: string;
  creationTime: string;
  jobKey?: string;
}

export interface EngineVariable {
  name: string;
  value: string;
  scopeKey: string;
  isTruncated: boolean;
}

export interface EngineDefinition {
  processDefinitionKey: string;
  processDefinitionId: string;
  name?: string;
  version: number;
}

export type EngineFilter = Record<string, unknown>;

interface SearchBody {
  filter: EngineFilter;
  sort?: Array<{ field: string; order: 'ASC' | 'DESC' }>;
  page?: { from?: number; limit: number };
}

export interface Found<T> {
  items: T[];
  total: number;
}

type Search = (body: never) => Promise<{ items: unknown; page: unknown }>;

async function search<T>(fn: Search, body: SearchBody): Promise<Found<T>> {
  const r = await fn(body as never);
  const total = Number((r.page as { totalItems?: unknown })?.totalItems ?? 0);
  return { items: r.items as T[], total };
}

/** The engine's searches the operations view uses, bound to one client. */
export function engineReads(camunda: CamundaRestClient) {
  return {
    instances: (body: SearchBody) =>
      search<EngineInstance>(camunda.searchProcessInstances.bind(camunda) as Search, body),
    elements: (body: SearchBody) =>
      search<EngineElement>(camunda.searchElementInstances.bind(camunda) as Search, body),
    incidents: (body: SearchBody) =>
      search<EngineIncident>(camunda.searchIncidents.bind(camunda) as Search, body),
    variables: (body: SearchBody) =>
      search<EngineVariable>(camunda.searchVariables.bind(camunda) as Search, body),
    definitions: (body: SearchBody) =>
      search<EngineDefinition>(camunda.searchProcessDefinitions.bind(camunda) as Search, body),
    /** One instance by key, or undefined. */
    async instance(key: string): Promise<EngineInstance | undefined> {
      const r = await search<EngineInstance>(
        camunda.searchProcessInstances.bind(camunda) as Search,
        { filter: { processInstanceKey: key }, page: { limit: 1 } },
      );
      return r.items[0];
    },
  };
}

export type EngineReads = ReturnType<typeof engineReads>;
