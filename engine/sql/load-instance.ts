import type { Command } from '../runtime/command';
import { definitionByKey } from '../runtime/definitions';
import type { ElementInstance, ProcessInstance } from '../runtime/types';

/*
 * Loading a process instance for a command: the instance row, its active element instances and
 * its variables — everything the executor needs in memory. Keys are cast to text in SQL so an
 * int64 never passes through a JS number.
 */

const INSTANCE = `p.key::text as key, p.process_definition_key::text as pdk, p.bpmn_process_id,
  p.version, p.state, p.start_date, p.end_date, p.parent_process_instance_key::text as ppik,
  p.parent_element_instance_key::text as peik, p.has_incident, p.tenant_id, p.rev`;

const STATE = `
  (select coalesce(json_agg(json_build_object(
     'key', e.key::text, 'elementId', e.element_id, 'elementName', e.element_name,
     'type', e.type, 'flowScopeKey', e.flow_scope_key::text, 'startDate', e.start_date,
     'incidentKey', e.incident_key::text, 'data', e.data)), '[]')
     from engine_element_instances e
    where e.process_instance_key = p.key and e.state = 'ACTIVE') as elements,
  (select coalesce(json_agg(json_build_object(
     'key', v.key::text, 'scopeKey', v.scope_key::text, 'name', v.name, 'value', v.value)), '[]')
     from engine_variables v where v.process_instance_key = p.key) as variables`;

/** Rows that name their process instance, and the columns commands read from them. */
const OWNERS = {
  engine_jobs: `json_build_object('key', key::text, 'state', state, 'retries', retries,
      'eik', element_instance_key::text)`,
  engine_user_tasks: `json_build_object('key', key::text, 'state', state, 'assignee', assignee,
      'eik', element_instance_key::text)`,
};

/** Locks a process instance row (`for update`) and loads it; null when it does not exist. */
export async function lockInstance(cmd: Command, key: string): Promise<ProcessInstance | null> {
  const loaded = cmd.instances.get(key);
  if (loaded) return loaded;
  return load(cmd, ':piKey', { piKey: key }, undefined, true);
}

/**
 * Loads the instance that owns a job or user task, with that row as of the same moment. Hot
 * path: one statement, no lock — the write statement then checks the instance revision (see
 * flush.ts). After a conflict the command re-runs pessimistically: lock, then read.
 */
export async function lockInstanceOf(
  cmd: Command,
  table: keyof typeof OWNERS,
  rowKey: string,
): Promise<{ pi: ProcessInstance | null; row: Record<string, unknown> | null }> {
  const also = `(select ${OWNERS[table]} from ${table} where key = :rowKey)`;
  const pi = await load(
    cmd,
    `(select process_instance_key from ${table} where key = :rowKey)`,
    { rowKey },
    also,
    cmd.pessimistic,
  );
  return { pi, row: pi ? cmd.lastAlso : null };
}

async function load(
  cmd: Command,
  keySql: string,
  bindings: Record<string, string>,
  also: string | undefined,
  lock: boolean,
): Promise<ProcessInstance | null> {
  const alsoColumn = also ? `, ${also} as also` : '';
  let r: Record<string, unknown> | undefined;
  if (lock) {
    const trx = await cmd.tx();
    const locked = await trx.raw(
      `select ${INSTANCE} from engine_process_instances p where p.key = ${keySql} for update`,
      bindings,
    );
    const head = locked.rows[0];
    if (!head) return null;
    if (cmd.instances.has(head.key)) {
      cmd.lastAlso = also
        ? ((await trx.raw(`select ${also} as also`, bindings)).rows[0].also ?? null)
        : null;
      return cmd.instances.get(head.key)!;
    }
    // A fresh statement after the lock: its snapshot includes whatever the lock waited for.
    const state = await trx.raw(
      `select ${STATE}${alsoColumn} from engine_process_instances p where p.key = :piKey`,
      { ...bindings, piKey: head.key },
    );
    r = { ...head, ...state.rows[0] };
  } else {
    const runner = cmd.inTransaction ? await cmd.tx() : cmd.db;
    const res = await runner.raw(
      `select ${INSTANCE}, ${STATE}${alsoColumn} from engine_process_instances p
        where p.key = ${keySql}`,
      bindings,
    );
    r = res.rows[0];
    if (!r) return null;
    if (cmd.instances.has(r.key as string)) {
      cmd.lastAlso = (r.also as Record<string, unknown>) ?? null;
      return cmd.instances.get(r.key as string)!;
    }
  }
  return adopt(cmd, r!);
}

async function adopt(cmd: Command, r: Record<string, unknown>): Promise<ProcessInstance> {
  const pi: ProcessInstance = {
    key: r.key as string,
    processDefinitionKey: r.pdk as string,
    bpmnProcessId: r.bpmn_process_id as string,
    version: r.version as number,
    state: r.state as ProcessInstance['state'],
    startDate: r.start_date as Date,
    endDate: (r.end_date as Date) ?? null,
    parentProcessInstanceKey: (r.ppik as string) ?? null,
    parentElementInstanceKey: (r.peik as string) ?? null,
    hasIncident: r.has_incident as boolean,
    tenantId: r.tenant_id as string,
    rev: Number(r.rev),
  };
  cmd.lastAlso = (r.also as Record<string, unknown>) ?? null;
  const def = await definitionByKey(cmd.db, pi.processDefinitionKey);
  if (!def) throw new Error(`definition ${pi.processDefinitionKey} missing`);
  cmd.instances.set(pi.key, pi);
  cmd.models.set(def.key, def.model);
  for (const e of r.elements as Record<string, unknown>[]) {
    const ei: ElementInstance = {
      key: e.key as string,
      processInstanceKey: pi.key,
      processDefinitionKey: pi.processDefinitionKey,
      bpmnProcessId: pi.bpmnProcessId,
      elementId: e.elementId as string,
      elementName: (e.elementName as string) ?? null,
      type: e.type as string,
      state: 'ACTIVE',
      flowScopeKey: (e.flowScopeKey as string) ?? null,
      startDate: new Date(e.startDate as string),
      endDate: null,
      incidentKey: (e.incidentKey as string) ?? null,
      data: (e.data as ElementInstance['data']) ?? {},
      tenantId: pi.tenantId,
    };
    cmd.elements.set(ei.key, ei);
  }
  for (const v of r.variables as Record<string, string>[]) {
    let scope = cmd.variables.get(v.scopeKey);
    if (!scope) cmd.variables.set(v.scopeKey, (scope = new Map()));
    scope.set(v.name, {
      key: v.key,
      scopeKey: v.scopeKey,
      processInstanceKey: pi.key,
      name: v.name,
      value: v.value,
      tenantId: pi.tenantId,
    });
  }
  return pi;
}
