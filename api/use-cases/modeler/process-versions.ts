/**
 * The modeler's list of processes: the diagrams of processes/, the versions the engine holds
 * (read through the SDK), who deployed each from the modeler and why, and the drafts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CamundaRestClient } from '@camunda8/sdk';
import {
  DeploymentRecord,
  DraftSummary,
  listDeployments,
  listDrafts,
} from '../../../repositories/process-drafts';
import type { ProcessSummary } from '../../../domain/process-contract/versions';
import { notFound } from '../../auth/policy';
import type { UseCaseContext } from '../context';
import { engineOf } from '../process-start';
import { PROCESSES_DIR } from './process-contract';

/** Process id → its file in processes/ and its name there. */
export function processFiles(dir = PROCESSES_DIR): Map<string, { file: string; name: string }> {
  const files = new Map<string, { file: string; name: string }>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.bpmn'))
    .sort()) {
    const xml = readFileSync(path.join(dir, file), 'utf8');
    for (const m of xml.matchAll(/<bpmn:process id="([^"]+)"(?: name="([^"]*)")?/g))
      files.set(m[1], { file, name: m[2] ?? m[1] });
  }
  return files;
}

const PAGE = 100;

/** Every process definition of the engine (all versions), page by page. */
async function definitions(camunda: CamundaRestClient, processId?: string) {
  const items = [];
  for (let from = 0; ; from += PAGE) {
    const answer = await camunda.searchProcessDefinitions({
      filter: processId ? { processDefinitionId: processId } : {},
      sort: [{ field: 'version', order: 'DESC' }],
      page: { from, limit: PAGE },
    });
    items.push(...answer.items);
    if (answer.items.length < PAGE) return items;
  }
}

function summarize(
  processId: string,
  name: string,
  file: string | null,
  defs: { version: number; processDefinitionKey: string }[],
  deployments: DeploymentRecord[],
  drafts: DraftSummary[],
): ProcessSummary {
  const versions = defs
    .map((d) => {
      const rec = deployments.find((r) => r.version === d.version);
      return {
        version: d.version,
        processDefinitionKey: d.processDefinitionKey,
        deployer: rec?.deployer ?? null,
        comment: rec?.comment ?? null,
        deployedAt: rec?.deployedAt ?? null,
      };
    })
    .sort((a, b) => b.version - a.version);
  return {
    processId,
    name,
    file,
    latestVersion: versions[0]?.version ?? null,
    versions,
    latestDraft: drafts[0] ?? null,
    draftCount: drafts.length,
  };
}

export async function listProcesses(ctx: UseCaseContext): Promise<ProcessSummary[]> {
  const [defs, deployments, drafts] = await Promise.all([
    definitions(engineOf(ctx)),
    listDeployments(ctx.db),
    listDrafts(ctx.db),
  ]);
  const files = processFiles();
  const ids = new Set([...files.keys(), ...defs.map((d) => d.processDefinitionId)]);
  return [...ids].sort().map((id) => {
    const own = defs.filter((d) => d.processDefinitionId === id);
    return summarize(
      id,
      own[0]?.name || files.get(id)?.name || id,
      files.get(id)?.file ?? null,
      own,
      deployments.filter((d) => d.processId === id),
      drafts.filter((d) => d.processId === id),
    );
  });
}

export async function processDetail(
  ctx: UseCaseContext,
  processId: string,
): Promise<ProcessSummary & { drafts: DraftSummary[] }> {
  const [defs, deployments, drafts] = await Promise.all([
    definitions(engineOf(ctx), processId),
    listDeployments(ctx.db, processId),
    listDrafts(ctx.db, processId),
  ]);
  const file = processFiles().get(processId);
  if (!file && defs.length === 0 && drafts.length === 0) throw notFound('流程');
  const name = defs[0]?.name || file?.name || processId;
  return {
    ...summarize(processId, name, file?.file ?? null, defs, deployments, drafts),
    drafts,
  };
}

/** The XML of one deployed version, from the engine. */
export async function versionXml(
  ctx: UseCaseContext,
  processId: string,
  version: number,
): Promise<{ processId: string; version: number; xml: string }> {
  const camunda = engineOf(ctx);
  const { items } = await camunda.searchProcessDefinitions({
    filter: { processDefinitionId: processId, version },
    page: { from: 0, limit: 1 },
  });
  if (!items[0]) throw notFound(`流程“${processId}”的版本 ${version} `);
  return {
    processId,
    version,
    xml: await camunda.getProcessDefinitionXML(items[0].processDefinitionKey),
  };
}
