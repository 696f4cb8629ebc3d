/** The modeler's drafts and the deployments made through it (migration 025). */
import type { Knex } from 'knex';
import type { Draft, DraftSummary } from '../domain/process-contract/versions';

export type { Draft, DraftSummary };

export interface DeploymentRecord {
  processId: string;
  version: number;
  processDefinitionKey: string;
  draftId: string | null;
  comment: string;
  deployer: string;
  deployedAt: string;
}

const SUMMARY = [
  'id',
  'process_id',
  'comment',
  'based_on_version',
  'author',
  'created_at',
] as const;

type Row = Record<string, unknown>;
const summary = (r: Row): DraftSummary => ({
  id: String(r.id),
  processId: r.process_id as string,
  comment: r.comment as string,
  basedOnVersion: (r.based_on_version as number | null) ?? null,
  author: r.author as string,
  createdAt: (r.created_at as Date).toISOString(),
});

export async function insertDraft(
  db: Knex,
  d: Omit<Draft, 'id' | 'createdAt' | 'author'> & {
    author: { accountId: string; username: string };
  },
): Promise<DraftSummary> {
  const [row] = await db('process_drafts')
    .insert({
      process_id: d.processId,
      xml: d.xml,
      forms: JSON.stringify(d.forms),
      comment: d.comment,
      based_on_version: d.basedOnVersion,
      author_account_id: d.author.accountId,
      author: d.author.username,
    })
    .returning(SUMMARY);
  return summary(row);
}

/** The drafts of one process (or of all), newest first, without their content. */
export async function listDrafts(db: Knex, processId?: string): Promise<DraftSummary[]> {
  const q = db('process_drafts').select(SUMMARY).orderBy('id', 'desc');
  if (processId) q.where({ process_id: processId });
  return (await q).map(summary);
}

export async function findDraft(db: Knex, id: string): Promise<Draft | undefined> {
  const row = await db('process_drafts').where({ id }).first();
  return row && { ...summary(row), xml: row.xml, forms: row.forms };
}

/** Records a deployment; a version already recorded (unchanged content) is kept as it was. */
export async function recordDeployment(
  db: Knex,
  d: Omit<DeploymentRecord, 'deployedAt' | 'deployer'> & {
    deployer: { accountId: string; username: string };
  },
): Promise<void> {
  await db('process_deployments')
    .insert({
      process_id: d.processId,
      version: d.version,
      process_definition_key: d.processDefinitionKey,
      draft_id: d.draftId,
      comment: d.comment,
      deployer_account_id: d.deployer.accountId,
      deployer: d.deployer.username,
    })
    .onConflict(['process_id', 'version'])
    .ignore();
}

export async function listDeployments(db: Knex, processId?: string): Promise<DeploymentRecord[]> {
  const q = db('process_deployments').orderBy('id', 'desc');
  if (processId) q.where({ process_id: processId });
  return (await q).map((r) => ({
    processId: r.process_id,
    version: r.version,
    processDefinitionKey: r.process_definition_key,
    draftId: r.draft_id === null ? null : String(r.draft_id),
    comment: r.comment,
    deployer: r.deployer,
    deployedAt: (r.deployed_at as Date).toISOString(),
  }));
}

/** The forms of the drafts deployed, newest deployment first: what the engine's latest forms are. */
export async function deployedDraftForms(db: Knex): Promise<Record<string, unknown>[]> {
  const rows = await db('process_deployments as p')
    .join('process_drafts as d', 'd.id', 'p.draft_id')
    .orderBy('p.id', 'desc')
    .select('d.forms');
  return rows.map((r) => r.forms);
}
