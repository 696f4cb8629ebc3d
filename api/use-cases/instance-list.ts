/**
 * The operator's list of process instances (issue 11 item 3): the engine's search through the
 * SDK with the filters turned into one engine filter, paged there, each row joined to its
 * application with one query. The same filter selects the instances of a batch.
 */
import { addDays } from '../../domain/calendar-date';
import { Application, findApplicationsByProcessInstances } from '../../repositories/applications';
import { STATE_NAMES, TYPE_NAMES } from './applications';
import type { UseCaseContext } from './context';
import { EngineFilter, EngineInstance, engineReads } from './instance-engine';
import { engineOf } from './process-start';
import { pageOf } from './task-list';

export interface InstanceFilter {
  processId?: string;
  version?: string;
  state?: 'active' | 'completed' | 'terminated';
  incident?: 'true' | 'false';
  applicationId?: string;
  /** Calendar dates (China time) of the start, both inclusive. */
  startedFrom?: string;
  startedTo?: string;
}

export interface InstanceQuery extends InstanceFilter {
  page?: string;
  pageSize?: string;
}

export const INSTANCE_STATE_NAMES: Readonly<Record<string, string>> = {
  ACTIVE: '运行中',
  COMPLETED: '已完成',
  TERMINATED: '已终止',
};

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
  state: string;
  stateName: string;
  hasIncident: boolean;
  startDate: string;
  endDate: string | null;
  application: ApplicationRef | null;
}

const chinaMidnight = (date: string) => `${date}T00:00:00+08:00`;

/** The engine filter for `f`; null when it can match nothing (an application without instance). */
export async function engineFilterOf(
  ctx: UseCaseContext,
  f: InstanceFilter,
): Promise<EngineFilter | null> {
  const filter: EngineFilter = {};
  if (f.processId) filter.processDefinitionId = f.processId;
  if (f.version) filter.processDefinitionVersion = Number(f.version);
  if (f.state) filter.state = f.state.toUpperCase();
  if (f.incident) filter.hasIncident = f.incident === 'true';
  if (f.startedFrom || f.startedTo)
    filter.startDate = {
      ...(f.startedFrom ? { $gte: chinaMidnight(f.startedFrom) } : {}),
      ...(f.startedTo ? { $lt: chinaMidnight(addDays(f.startedTo, 1)) } : {}),
    };
  if (f.applicationId) {
    const row = await ctx
      .db('applications')
      .where({ id: f.applicationId })
      .first('process_instance_key');
    if (!row?.process_instance_key) return null;
    filter.processInstanceKey = String(row.process_instance_key);
  }
  return filter;
}

export function applicationRef(a: Application | undefined): ApplicationRef | null {
  if (!a) return null;
  return {
    id: String(a.id),
    type: a.type,
    typeName: TYPE_NAMES[a.type] ?? a.type,
    state: a.state,
    stateName: STATE_NAMES[a.state] ?? a.state,
  };
}

export function instanceRow(i: EngineInstance, a: Application | undefined): InstanceRow {
  return {
    processInstanceKey: String(i.processInstanceKey),
    processDefinitionKey: String(i.processDefinitionKey),
    processId: i.processDefinitionId,
    processName: i.processDefinitionName ?? i.processDefinitionId,
    version: Number(i.processDefinitionVersion),
    state: i.state,
    stateName: INSTANCE_STATE_NAMES[i.state] ?? i.state,
    hasIncident: Boolean(i.hasIncident),
    startDate: i.startDate,
    endDate: i.endDate ?? null,
    application: applicationRef(a),
  };
}

/** One page of instances, newest first (keys grow with time: the key's index serves it). */
export async function listInstances(ctx: UseCaseContext, q: InstanceQuery) {
  const { page, pageSize, offset } = pageOf(q);
  const filter = await engineFilterOf(ctx, q);
  if (!filter) return { items: [], total: 0, page, pageSize };
  const found = await engineReads(engineOf(ctx)).instances({
    filter,
    sort: [{ field: 'processInstanceKey', order: 'DESC' }],
    page: { from: offset, limit: pageSize },
  });
  const applications = await findApplicationsByProcessInstances(
    ctx.db,
    found.items.map((i) => String(i.processInstanceKey)),
  );
  return {
    items: found.items.map((i) => instanceRow(i, applications.get(String(i.processInstanceKey)))),
    total: found.total,
    page,
    pageSize,
  };
}

/** The deployed processes and their versions, for the list's filter. */
export async function listProcesses(ctx: UseCaseContext) {
  const found = await engineReads(engineOf(ctx)).definitions({
    filter: {},
    sort: [{ field: 'processDefinitionId', order: 'ASC' }],
    page: { limit: 1000 },
  });
  const byId = new Map<string, { processId: string; name: string; versions: number[] }>();
  for (const d of found.items) {
    const p = byId.get(d.processDefinitionId) ?? {
      processId: d.processDefinitionId,
      name: d.name ?? d.processDefinitionId,
      versions: [],
    };
    p.versions.push(Number(d.version));
    if (d.name) p.name = d.name;
    byId.set(d.processDefinitionId, p);
  }
  for (const p of byId.values()) p.versions.sort((a, b) => b - a);
  return [...byId.values()];
}
