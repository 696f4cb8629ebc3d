/** The modeler's calls of /api/modeler (api/routes/modeler.ts), typed as the server answers. */
import { api } from '@shared/api';
import type { DiagramProblem, ElementTemplate, ProcessContract } from '@domain/process-contract';
import type {
  Deployed,
  Draft as StoredDraft,
  DraftSummary,
  ProcessSummary,
} from '@domain/process-contract/versions';

export type { Deployed, DraftSummary, ProcessSummary };
export type Draft = StoredDraft & { forms: Forms };

export type ProcessDetail = ProcessSummary & { drafts: DraftSummary[] };
export type Forms = Record<string, Record<string, unknown>>;

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
