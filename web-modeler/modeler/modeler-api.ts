/** The modeler's calls of /api/modeler (api/routes/modeler.ts), typed as the server answers. */
import { api } from '@shared/api';
import type { DiagramProblem, ElementTemplate, ProcessContract } from '@domain/process-contract';

export interface DraftSummary {
  id: string;
  processId: string;
  comment: string;
  basedOnVersion: number | null;
  author: string;
  createdAt: string;
}
export interface Draft extends DraftSummary {
  xml: string;
  forms: Forms;
}
export interface ProcessVersion {
  version: number;
  processDefinitionKey: string;
  deployer: string | null;
  comment: string | null;
  deployedAt: string | null;
}
export interface ProcessSummary {
  processId: string;
  name: string;
  file: string | null;
  latestVersion: number | null;
  versions: ProcessVersion[];
  latestDraft: DraftSummary | null;
  draftCount: number;
}
export type ProcessDetail = ProcessSummary & { drafts: DraftSummary[] };
export type Forms = Record<string, Record<string, unknown>>;
export interface Deployed {
  processId: string;
  version: number;
  processDefinitionKey: string;
  unchanged: boolean;
  writtenBack: string[];
}

const base = (processId: string) => `/api/modeler/processes/${encodeURIComponent(processId)}`;

export const modelerApi = {
  contract: () =>
    api<{ contract: ProcessContract; templates: ElementTemplate[] }>(
      'GET',
      '/api/modeler/contract',
    ),
  forms: () => api<{ forms: Forms }>('GET', '/api/modeler/forms'),
  processes: () => api<{ items: ProcessSummary[] }>('GET', '/api/modeler/processes'),
  process: (id: string) => api<ProcessDetail>('GET', base(id)),
  version: (id: string, version: number) =>
    api<{ xml: string }>('GET', `${base(id)}/versions/${version}`),
  draft: (id: string, draftId: string) => api<Draft>('GET', `${base(id)}/drafts/${draftId}`),
  saveDraft: (
    id: string,
    body: { xml: string; forms: Forms; comment: string; basedOnVersion: number | null },
  ) => api<DraftSummary>('POST', `${base(id)}/drafts`, body),
  deploy: (
    id: string,
    body: { xml: string; forms: Forms; comment: string; draftId: string | null },
  ) => api<Deployed>('POST', `${base(id)}/deployments`, body),
};

export type { DiagramProblem };
