import type { Knex } from 'knex';
import { parseBpmn } from '../bpmn/parse';
import type { ProcessModel } from '../bpmn/model';

export interface Definition {
  key: string;
  bpmnProcessId: string;
  version: number;
  name: string | null;
  versionTag: string | null;
  resourceName: string;
  tenantId: string;
  model: ProcessModel;
}

/** Deployed definitions never change, so each process parses one at most once. */
const cache = new Map<string, Promise<Definition | null>>();

const COLUMNS = [
  'key',
  'bpmn_process_id',
  'version',
  'name',
  'version_tag',
  'resource_name',
  'tenant_id',
  'xml',
];

async function build(row: Record<string, unknown> | undefined): Promise<Definition | null> {
  if (!row) return null;
  const parsed = await parseBpmn(String(row.xml));
  const model = parsed.processes.find((p) => p.id === row.bpmn_process_id);
  if (!model) throw new Error(`definition ${row.key} has no process ${row.bpmn_process_id}`);
  return {
    key: String(row.key),
    bpmnProcessId: String(row.bpmn_process_id),
    version: Number(row.version),
    name: (row.name as string) ?? null,
    versionTag: (row.version_tag as string) ?? null,
    resourceName: String(row.resource_name),
    tenantId: String(row.tenant_id),
    model,
  };
}

export function definitionByKey(db: Knex, key: string): Promise<Definition | null> {
  let p = cache.get(key);
  if (!p) {
    p = db('engine_process_definitions').where({ key }).first(COLUMNS).then(build);
    cache.set(key, p);
    p.then(
      (d) => d || cache.delete(key),
      () => cache.delete(key),
    );
  }
  return p;
}

/**
 * Latest definition key per process id. Deploys forget entries here and, through NOTIFY
 * `engine_deployments`, in every other engine process sharing the database.
 */
const latest = new Map<string, string>();

export function forgetLatest(bpmnProcessId?: string): void {
  if (bpmnProcessId) latest.delete(bpmnProcessId);
  else latest.clear();
}

/** The given version, or the latest when version is absent or -1. */
export async function definitionById(
  db: Knex,
  bpmnProcessId: string,
  version?: number,
): Promise<Definition | null> {
  const wantsLatest = version === undefined || version === -1;
  const cached = wantsLatest ? latest.get(bpmnProcessId) : undefined;
  if (cached) return definitionByKey(db, cached);
  const q = db('engine_process_definitions').where({ bpmn_process_id: bpmnProcessId });
  if (!wantsLatest) q.andWhere({ version });
  const row = await q.orderBy('version', 'desc').first(db.raw('key::text as key'));
  if (!row) return null;
  if (wantsLatest) latest.set(bpmnProcessId, row.key);
  return definitionByKey(db, row.key);
}
