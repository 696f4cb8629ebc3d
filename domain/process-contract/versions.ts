/**
 * The shapes of the modeler's versions and drafts (migration 025, /api/modeler), shared by the
 * repository, the API and the page so they cannot drift apart.
 */
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
  forms: Record<string, unknown>;
}

export interface ProcessVersion {
  version: number;
  processDefinitionKey: string;
  /** Recorded when deployed from the modeler; null for the deployments of processes/ at start. */
  deployer: string | null;
  comment: string | null;
  deployedAt: string | null;
}

export interface ProcessSummary {
  processId: string;
  name: string;
  /** The file in processes/ holding it, null for a process that exists only in the engine. */
  file: string | null;
  latestVersion: number | null;
  versions: ProcessVersion[];
  latestDraft: DraftSummary | null;
  draftCount: number;
}

export interface Deployed {
  processId: string;
  version: number;
  processDefinitionKey: string;
  /** The engine already had this content: its existing version is the answer. */
  unchanged: boolean;
  /** Files written back to processes/ (development only). */
  writtenBack: string[];
}
